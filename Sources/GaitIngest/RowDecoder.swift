/// How the time column is written.
enum TimeFormat: String, Sendable {
    /// An integer sample counter (PacketCounter): t = (counter − first) / rate.
    case counter
    case seconds, milliseconds, microseconds, nanoseconds
    /// ISO 8601 date-time (`2024-05-01T10:00:00.010Z`).
    case iso8601
    /// Slashed date and time as ActiGraph writes them: `5/1/2024 10:00:00.010`, month first…
    case monthDayYear = "M/d/yyyy"
    /// … or day first.
    case dayMonthYear = "d/M/yyyy"
    /// No time column: row i is at i / rate.
    case none

    /// A date-time as a clock writes it (ISO 8601 or slashed), where daylight saving time can
    /// step the hour (`SampleClock`).
    var isWallClock: Bool { self == .iso8601 || self == .monthDayYear || self == .dayMonthYear }

    /// Nanoseconds per unit, for the integer time formats.
    var nanosecondsPerUnit: Int64 {
        switch self {
        case .milliseconds: 1_000_000
        case .microseconds: 1_000
        case .nanoseconds: 1
        default: 0
        }
    }
}

/// One data row, decoded but not yet on the time grid. Values are in the file's units.
struct DecodedRow {
    enum Time: Equatable {
        case none
        /// A sample counter value, or a time in integer nanoseconds (integer time formats, ISO 8601).
        case integer(Int64)
        case seconds(Double)
    }

    var time: Time = .none
    var acc: SIMD3<Double> = .zero
    var gyr: SIMD3<Double> = .zero
}

/// Why a row could not be read, with the 1-based column of the culprit.
struct BadRow: Error {
    var message: String
    var column: Int?
}

/// Splits lines into fields and reads the fields a layout uses, on bytes. The hot path.
struct RowDecoder {
    /// What field `i` holds: `ignored`, `timeSlot`, 1…3 acceleration x…z, 4…6 angular rate x…z.
    private let slots: [Int8]
    static let ignored: Int8 = -1
    static let timeSlot: Int8 = 0
    /// The largest magnitude read as a sensor value, in any unit: beyond every accelerometer's and
    /// gyroscope's range. One reading of 1e300 once turned a 40 s analysis window's filters to
    /// NaN and silently lost 62 of 107 steps; now it is a bad row, named by line and column.
    static let maxReading = 1e6

    let fieldCount: Int
    let delimiter: UInt8
    let decimalSeparator: UInt8
    let timeFormat: TimeFormat
    /// Header names (or `#index`) for messages.
    let columnNames: [String]

    init(fieldCount: Int, delimiter: UInt8, decimalSeparator: UInt8, timeField: Int?, accFields: [Int],
         gyroFields: [Int], timeFormat: TimeFormat, columnNames: [String]) {
        var slots = [Int8](repeating: Self.ignored, count: fieldCount)
        if let timeField, timeFormat != .none { slots[timeField] = Self.timeSlot }
        for (k, f) in accFields.enumerated() { slots[f] = Int8(1 + k) }
        for (k, f) in gyroFields.enumerated() { slots[f] = Int8(4 + k) }
        self.slots = slots
        self.fieldCount = fieldCount
        self.delimiter = delimiter
        self.decimalSeparator = decimalSeparator
        self.timeFormat = timeFormat
        self.columnNames = columnNames
    }

    /// Decodes `base[start..<end]` (one line without its newline).
    @inline(__always)
    func decode(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws(BadRow) -> DecodedRow {
        if let row = decodeFast(base, start, end) { return row }
        return try decodeGeneral(base, start, end)
    }

    /// The common case in one pass: unquoted fields without surrounding spaces, numbers parsed in
    /// place (`DecimalParser.parsePrefix`) and required to end at a delimiter. Anything else —
    /// quotes, spaces, a bad value, a wrong field count — returns nil, and `decodeGeneral` decodes
    /// the row again (and names the error). Both give the same row for every row this accepts.
    @inline(__always)
    private func decodeFast(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> DecodedRow? {
        var time = DecodedRow.Time.none
        // Values by slot (1…6) in a flat buffer: a store into a SIMD3 lane chosen at run time
        // cost more than the parse of the digits.
        var values = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        let delimiter = self.delimiter
        let ok = withUnsafeMutableBytes(of: &values) { raw -> Bool in
          let value = raw.baseAddress!.assumingMemoryBound(to: Double.self)
          return slots.withUnsafeBufferPointer { slots -> Bool in
            var i = start
            var field = 0
            let last = slots.count &- 1
            while true {
                let slot = slots[field]
                var fieldEnd: Int
                if slot > Self.timeSlot {
                    guard let (v, stop) = DecimalParser.parsePrefix(base, i, end, decimalSeparator: decimalSeparator),
                          abs(v) <= Self.maxReading else { return false }
                    fieldEnd = stop
                    value[Int(slot)] = v
                } else if slot == Self.timeSlot && (timeFormat == .seconds || timeFormat == .counter) {
                    // The checks of `readTime` for these two formats; anything else goes to it.
                    guard let (v, stop) = DecimalParser.parsePrefix(base, i, end, decimalSeparator: decimalSeparator),
                          v.isFinite else { return false }
                    fieldEnd = stop
                    if timeFormat == .seconds {
                        guard abs(v) < 1e15 else { return false }
                        time = .seconds(v)
                    } else {
                        guard v == v.rounded(), abs(v) <= 9.0e15 else { return false }
                        time = .integer(Int64(v))
                    }
                } else {
                    fieldEnd = i
                    while fieldEnd < end && base[fieldEnd] != delimiter {
                        if base[fieldEnd] == UInt8(ascii: "\"") { return false }
                        fieldEnd &+= 1
                    }
                    if slot == Self.timeSlot {
                        if fieldEnd == i || base[i] == UInt8(ascii: " ") || base[fieldEnd &- 1] == UInt8(ascii: " ") { return false }
                        guard let t = try? readTime(base, i, fieldEnd, field: field) else { return false }
                        time = t
                    }
                }
                if field == last { return fieldEnd == end }
                guard fieldEnd < end && base[fieldEnd] == delimiter else { return false }
                i = fieldEnd &+ 1
                field &+= 1
            }
          }
        }
        guard ok else { return nil }
        return DecodedRow(time: time, acc: SIMD3(values.1, values.2, values.3), gyr: SIMD3(values.4, values.5, values.6))
    }

    private func decodeGeneral(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws(BadRow) -> DecodedRow {
        var row = DecodedRow()
        var failure: BadRow? = nil
        let count = slots.withUnsafeBufferPointer { slots -> Int in
            Self.forEachField(base, start, end, delimiter: delimiter) { field, s, e in
                guard field < slots.count else { return true }
                let slot = slots[field]
                if slot == Self.ignored { return true }
                if slot == Self.timeSlot {
                    do throws(BadRow) { row.time = try readTime(base, s, e, field: field) } catch {
                        failure = error
                        return false
                    }
                    return true
                }
                guard let v = DecimalParser.parse(base, s, e, decimalSeparator: decimalSeparator), v.isFinite else {
                    failure = notANumber(base, s, e, field: field)
                    return false
                }
                guard abs(v) <= Self.maxReading else {
                    failure = BadRow(message: "expected a sensor reading within ±\(Int(Self.maxReading)) in column \(columnNames[field]), "
                                         + "found '\(Self.text(base, s, e))'", column: field + 1)
                    return false
                }
                if slot <= 3 { row.acc[Int(slot) &- 1] = v } else { row.gyr[Int(slot) &- 4] = v }
                return true
            }
        }
        if let failure { throw failure }
        if count != fieldCount {
            let what = delimiter == 9 ? "tab" : "'\(Character(Unicode.Scalar(delimiter)))'"
            throw BadRow(message: "expected \(fieldCount) fields separated by \(what), found \(count)",
                         column: Swift.min(count, fieldCount) + 1)
        }
        return row
    }

    @inline(__always)
    private func readTime(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int, field: Int) throws(BadRow) -> DecodedRow.Time {
        switch timeFormat {
        case .none:
            return .none
        case .counter:
            guard let v = DecimalParser.parse(base, s, e, decimalSeparator: decimalSeparator), v.isFinite else {
                throw notANumber(base, s, e, field: field)
            }
            guard v == v.rounded(), abs(v) <= 9.0e15 else {
                let found = Self.text(base, s, e)
                throw BadRow(message: "expected an integer sample counter in column \(columnNames[field]), found '\(found)'",
                             column: field + 1)
            }
            return .integer(Int64(v))
        case .seconds:
            guard let v = DecimalParser.parse(base, s, e, decimalSeparator: decimalSeparator), v.isFinite else {
                throw notANumber(base, s, e, field: field)
            }
            // Beyond 10¹⁵ s (30 million years) a time is not a time, and t · rate could overflow.
            guard abs(v) < 1e15 else {
                throw BadRow(message: "expected a time in seconds in column \(columnNames[field]), found '\(Self.text(base, s, e))'",
                             column: field + 1)
            }
            return .seconds(v)
        case .milliseconds, .microseconds, .nanoseconds:
            let unit = timeFormat.nanosecondsPerUnit
            if let n = DecimalParser.parseInteger(base, s, e) {
                let (nanos, overflow) = n.multipliedReportingOverflow(by: unit)
                if !overflow { return .integer(nanos) }
            } else if let v = DecimalParser.parse(base, s, e, decimalSeparator: decimalSeparator), v.isFinite {
                let nanos = (v * Double(unit)).rounded()
                if abs(nanos) < 9.2e18 { return .integer(Int64(nanos)) }
            }
            throw notANumber(base, s, e, field: field)
        case .iso8601, .monthDayYear, .dayMonthYear:
            let nanos = timeFormat == .iso8601
                ? DateTimeParser.iso8601(base, s, e)
                : DateTimeParser.slashed(base, s, e, dayFirst: timeFormat == .dayMonthYear)
            guard let nanos else {
                let what = timeFormat == .iso8601 ? "an ISO 8601 date-time" : "a date-time like \(timeFormat.rawValue) H:mm:ss.fff"
                throw BadRow(message: "expected \(what) in column \(columnNames[field]), found '\(Self.text(base, s, e))'",
                             column: field + 1)
            }
            return .integer(nanos)
        }
    }

    private func notANumber(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int, field: Int) -> BadRow {
        let text = String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self)
        return BadRow(message: Self.notANumber(text, column: columnNames[field], decimalSeparator: decimalSeparator),
                      column: field + 1)
    }

    /// Why `field`, in a column that holds numbers, is not one: empty, not finite, or not a number
    /// (the message of a bad row; the layout detector's, where no row under the header is one).
    static func notANumber(_ field: String, column name: String, decimalSeparator: UInt8) -> String {
        if field.isEmpty { return "expected a number in column \(name), found an empty field" }
        let found = shown(field)
        let nonFinite = ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"]
        var copy = field
        let parses = copy.withUTF8 { buf in
            buf.baseAddress.map { DecimalParser.parse($0, 0, buf.count, decimalSeparator: decimalSeparator) != nil } ?? false
        }
        if parses || nonFinite.contains(found.lowercased()) {
            return "expected a finite number in column \(name), found '\(found)'"
        }
        return "expected a number in column \(name), found '\(found)'"
    }

    /// The text of a field for a message, at most 40 characters.
    static func text(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> String {
        shown(String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self))
    }

    /// `text` cut to 40 characters for a message.
    static func shown(_ text: String) -> String { text.count > 40 ? String(text.prefix(40)) + "…" : text }

    /// Calls `body(index, start, end)` for each field of `base[start..<end]`, with the field's content
    /// trimmed of surrounding double quotes and of spaces inside and outside them (a quoted field
    /// may hold the delimiter; `""` inside it stays as is). Stops early when `body` returns false. Returns the number of
    /// fields seen (all of them unless stopped).
    @inline(__always)
    static func forEachField(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, delimiter: UInt8,
                             _ body: (Int, Int, Int) -> Bool) -> Int {
        let space = UInt8(ascii: " "), quote = UInt8(ascii: "\"")
        var i = start
        var field = 0
        while true {
            var s = i
            while s < end && base[s] == space && space != delimiter { s &+= 1 }
            var contentEnd: Int
            var next: Int
            if s < end && base[s] == quote {
                var j = s &+ 1
                while j < end {
                    if base[j] == quote {
                        if j &+ 1 < end && base[j &+ 1] == quote { j &+= 2; continue }
                        break
                    }
                    j &+= 1
                }
                contentEnd = j
                s &+= 1
                while s < contentEnd && base[s] == space { s &+= 1 }
                while contentEnd > s && base[contentEnd &- 1] == space { contentEnd &-= 1 }
                next = j < end ? j &+ 1 : end
                while next < end && base[next] != delimiter { next &+= 1 }
            } else {
                var j = s
                while j < end && base[j] != delimiter { j &+= 1 }
                next = j
                contentEnd = j
                while contentEnd > s && base[contentEnd &- 1] == space && space != delimiter { contentEnd &-= 1 }
            }
            if !body(field, s, contentEnd) { return field &+ 1 }
            field &+= 1
            if next >= end { return field }
            i = next &+ 1
        }
    }

    /// The fields of a line as strings (header detection; not the hot path).
    static func fields(_ line: [UInt8], delimiter: UInt8) -> [String] {
        var result: [String] = []
        line.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else {
                result = [""]
                return
            }
            _ = forEachField(base, 0, buf.count, delimiter: delimiter) { _, s, e in
                result.append(String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self))
                return true
            }
        }
        return result
    }
}
