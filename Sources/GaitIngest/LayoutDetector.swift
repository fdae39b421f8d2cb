import GaitCore

/// Everything the reader decided about a file from its first lines.
struct Layout {
    var delimiter: UInt8
    var decimalSeparator: UInt8 = UInt8(ascii: ".")
    var fieldCount: Int
    /// Header names, or 1-based column numbers for a file without a header (for messages).
    var columnNames: [String]
    var hasHeader: Bool
    var preambleLines: Int
    /// Index of the first buffered line after the header (and units row): data rows start here.
    var dataStart: Int
    var timeField: Int?
    var accFields: [Int] = []
    var gyroFields: [Int] = []
    var timeFormat: TimeFormat = .none
    var rate = SamplingRate(hz: 1)
    var rateSource = ""
    var accUnits: AccelerationUnits = .metresPerSecondSquared
    var accUnitsSource = ""
    var gyroUnits: AngularRateUnits? = nil
    var gyroUnitsSource: String? = nil
    /// Why the gyroscope columns found were not used (`ReaderOptions.ignoreGyroscope`, or they
    /// hold only zeros); nil when they are used or there are none.
    var gyroscopeIgnored: String? = nil
    /// The angular-rate units are detected and not yet settled: the reader waits for blocks of
    /// rows that move to decide them (`GyroUnitsWait`); until then `gyroUnits` holds what the
    /// first rows alone say.
    var gyroUnitsAwaitMotion = false
    /// The ratios of the blocks that moved so far, for the angular-rate units (`GyroUnitsWait`).
    var gyroMovingRatios: [Double] = []
    /// Unit hints from header names or a units row, by field.
    var accHints: [AccelerationUnits?] = []
    var gyroHints: [AngularRateUnits?] = []
    var timeHints: [TimeUnits?] = []
    var meanings: [HeaderVocabulary.Meaning] = []
    /// The device each header name belongs to ("" unless it starts with one,
    /// `HeaderVocabulary.reading`).
    var devices: [String] = []
    /// Rate stated in the preamble.
    var metadataRate: Double? = nil
    /// Whether the preamble says slashed dates are day-first (`date format d/M/yyyy`).
    var metadataDayFirst: Bool? = nil
    /// A file without a header whose first column holds date-times: its columns were taken in
    /// the order `time, ax, ay, az[, gx, gy, gz]` (Axivity's OMGUI and GENEActiv's exports).
    var columnsAssumed = false

    var delimiterName: String {
        switch delimiter {
        case 9: "tab"
        default: String(Character(Unicode.Scalar(delimiter)))
        }
    }

    /// Role → column used, in role order (header name, or 0-based index without a header).
    var columnsUsed: [(role: String, column: String)] {
        var result: [(role: String, column: String)] = []
        func name(_ f: Int) -> String { hasHeader && !columnNames[f].isEmpty ? columnNames[f] : String(f) }
        if let timeField, timeFormat != .none { result.append(("time", name(timeField))) }
        for (k, f) in accFields.enumerated() { result.append((["ax", "ay", "az"][k], name(f))) }
        for (k, f) in gyroFields.enumerated() { result.append((["gx", "gy", "gz"][k], name(f))) }
        return result
    }
}

/// Decides the layout of a recording from its first lines (at most `maxLines` lines or
/// `maxBytes` bytes, or the whole input when it is shorter).
///
/// 1. Delimiter: a `sep=X` first line names it; otherwise, of tab, semicolon and comma, the one
///    whose most frequent field count (at least 2) is shared by the most lines (ties in that order).
/// 2. Decimal comma: only when the delimiter is not a comma, numbers with a comma occur and none
///    with a point (`0,01;9,81`). Where both occur the point is the decimal separator.
/// 3. The first data row is the first line with that field count of which more than half the
///    fields are numbers. The header is the last earlier line with that field count that is not;
///    if the line before the header also qualifies and the header's fields all read as units
///    (`s, g, g, g`), it is a units row and the line before it the header. Lines before the
///    header are the preamble; they may state the rate (`PreambleMetadata`).
/// 4. Columns: `--columns` first, then header names (`HeaderVocabulary`).
/// 5. Time format, rate and units: `LayoutDetector+Decisions.swift`.
enum LayoutDetector {
    static let maxLines = 256
    static let maxBytes = 65_536
    /// While the angular-rate units wait for motion, the reader buffers at most this many lines
    /// or bytes (≈ 5 min at 100 Hz); then the first rows' decision stands.
    static let maxMotionWaitLines = 32_768
    static let maxMotionWaitBytes = 8 << 20

    /// A line of nothing but spaces and tabs (or nothing): not a row.
    static func isBlank(_ line: [UInt8]) -> Bool { line.allSatisfy { $0 == 32 || $0 == 9 } }

    static func detect(_ lines: [[UInt8]], options: ReaderOptions) throws(GaitError) -> Layout {
        let path = options.path
        let blank = lines.map(isBlank)
        guard let firstLine = blank.firstIndex(of: false) else {
            throw GaitError(.invalidInput, "the input is empty", file: path)
        }

        // 1. Delimiter.
        var candidates: [UInt8] = [9, UInt8(ascii: ";"), UInt8(ascii: ",")]
        var from = firstLine
        let first = lines[firstLine]
        // `sep=;`, or `"sep=;"` in quotes as Shimmer's Consensys writes it.
        let sepLine = first.count == 7 && first.first == 34 && first.last == 34 ? Array(first[1..<6]) : first
        if sepLine.count == 5, String(decoding: sepLine[0..<4], as: UTF8.self).lowercased() == "sep=" {
            candidates = [sepLine[4]]
            from = firstLine + 1
        }
        var best: (delimiter: UInt8, count: Int, support: Int)? = nil
        for d in candidates {
            var histogram: [Int: Int] = [:]
            for k in from..<lines.count where !blank[k] { histogram[fieldCount(lines[k], d), default: 0] += 1 }
            guard let (count, support) = histogram.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }),
                  count >= 2 || candidates.count == 1 else { continue }
            if best == nil || support > best!.support { best = (d, count, support) }
        }
        guard let best else {
            throw GaitError(.invalidInput, "cannot find the delimiter: no line splits into two or more fields at a tab, semicolon or comma",
                            file: path, line: firstLine + 1)
        }
        let d = best.delimiter, m = best.count
        var layout = Layout(delimiter: d, fieldCount: m, columnNames: [], hasHeader: false, preambleLines: 0, dataStart: 0)

        // 2. Decimal separator.
        let split: [[String]?] = lines.indices.map { k in
            k >= from && !blank[k] ? RowDecoder.fields(lines[k], delimiter: d) : nil
        }
        if d != UInt8(ascii: ",") {
            var commaNumbers = 0, pointNumbers = 0
            for case let fields? in split where fields.count == m {
                for f in fields {
                    if f.contains(","), isNumber(f, UInt8(ascii: ",")) { commaNumbers += 1 }
                    if f.contains("."), isNumber(f, UInt8(ascii: ".")) { pointNumbers += 1 }
                }
            }
            if commaNumbers > 0 && pointNumbers == 0 { layout.decimalSeparator = UInt8(ascii: ",") }
        }
        let separator = layout.decimalSeparator
        func isNumeric(_ k: Int) -> Bool {
            guard let fields = split[k], fields.count == m else { return false }
            return fields.filter { isNumber($0, separator) }.count * 2 > fields.count
        }
        func isLabels(_ k: Int) -> Bool {
            guard let fields = split[k], fields.count == m else { return false }
            return !isNumeric(k)
        }

        // 3. First data row, header, units row, preamble.
        guard let dataRow = (from..<lines.count).first(where: isNumeric) else {
            if let h = (from..<lines.count).first(where: isLabels) {
                // Rows as wide as the header follow it, but not of numbers (a value written with its
                // unit, or as `np.float64(0.98)`): name the first field that is not a number, as a
                // bad row would be named, rather than say there are no rows.
                if let k = ((h + 1)..<lines.count).first(where: { split[$0]?.count == m && !HeaderVocabulary.isUnitsRow(split[$0]!) }),
                   let c = split[k]!.firstIndex(where: { !isNumber($0, separator) }) {
                    let why = RowDecoder.notANumber(split[k]![c], column: split[h]![c], decimalSeparator: separator)
                    throw GaitError(.invalidInput, "no row of numbers under the header: \(why)", file: path, line: k + 1, column: c + 1)
                }
                throw GaitError(.invalidInput, "the input has a header but no data rows", file: path, line: h + 1)
            }
            throw GaitError(.invalidInput, "no rows of numbers found in the first \(lines.count) lines", file: path)
        }
        var header = (from..<dataRow).last(where: isLabels)
        var unitsRow: Int? = nil
        // A line that names no sensor column under one that does is that line's units row, whatever
        // units it names (Shimmer's `ms, m/(s^2), mV, kOhms, local_flux, …`).
        func namesSensors(_ k: Int) -> Bool {
            split[k]!.contains { name in
                switch HeaderVocabulary.meaning(of: name) {
                case .acc, .gyro: true
                default: false
                }
            }
        }
        if let h = header, let before = (from..<h).last(where: { !blank[$0] }), isLabels(before),
           HeaderVocabulary.isUnitsRow(split[h]!) || (!namesSensors(h) && namesSensors(before)) {
            unitsRow = h
            header = before
        }
        layout.preambleLines = header ?? dataRow
        layout.dataStart = (unitsRow ?? header).map { $0 + 1 } ?? dataRow
        layout.hasHeader = header != nil
        layout.columnNames = header.map { h in
            split[h]!.enumerated().map { $0.element.isEmpty ? String($0.offset + 1) : $0.element }
        } ?? (0..<m).map { String($0 + 1) }
        for k in 0..<layout.preambleLines {
            let text = String(decoding: lines[k], as: UTF8.self)
            layout.metadataRate = layout.metadataRate ?? PreambleMetadata.rate(in: text)
            layout.metadataDayFirst = layout.metadataDayFirst ?? PreambleMetadata.dayFirst(in: text)
        }

        // Unit hints from the header names and the units row.
        let readings = header.map { split[$0]!.map(HeaderVocabulary.reading) } ?? Array(repeating: (.other, ""), count: m)
        layout.meanings = readings.map(\.meaning)
        layout.devices = readings.map(\.device)
        layout.accHints = layout.meanings.map { if case .acc(_, let u) = $0 { u } else { nil } }
        layout.gyroHints = layout.meanings.map { if case .gyro(_, let u) = $0 { u } else { nil } }
        layout.timeHints = layout.meanings.map { if case .time(let u) = $0 { u } else { nil } }
        if let u = unitsRow {
            for (k, f) in split[u]!.enumerated() {
                let hint = HeaderVocabulary.unitsRowHint(f)
                layout.accHints[k] = layout.accHints[k] ?? hint.acc
                layout.gyroHints[k] = layout.gyroHints[k] ?? hint.gyro
                layout.timeHints[k] = layout.timeHints[k] ?? hint.time
            }
        }

        // 4. Columns.
        let assumed = header == nil ? headerlessOrder(split[dataRow...], fieldCount: m, separator: separator) : nil
        try assignColumns(&layout, options: options, assumed: assumed)

        // 5. Time format, rate, units.
        try decide(&layout, lines: lines, blank: blank, options: options)
        return layout
    }

    private static func isNumber(_ field: String, _ separator: UInt8) -> Bool { number(field, separator) != nil }

    private static func number(_ field: String, _ separator: UInt8) -> Double? {
        var f = field
        return f.withUTF8 { buf in
            guard let base = buf.baseAddress, let v = DecimalParser.parse(base, 0, buf.count, decimalSeparator: separator),
                  v.isFinite else { return nil }
            return v
        }
    }

    private static func fieldCount(_ line: [UInt8], _ d: UInt8) -> Int {
        line.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return 1 }
            return RowDecoder.forEachField(base, 0, buf.count, delimiter: d) { _, _, _ in true }
        }
    }

    /// The columns of a file without a header whose first column is mostly date-times (of the
    /// first 50 rows), followed by three or six numbers: the order every exporter of such files
    /// uses (Axivity OMGUI: time, x, y, z in g; AX6: then the gyroscope). The last three of seven
    /// are not taken for the gyroscope where they read as GENEActiv's light (never negative),
    /// button (only 0 and 1) and temperature. Nil otherwise: a first column of plain numbers could
    /// be a counter or an axis, so those files still need --columns.
    private static func headerlessOrder(_ rows: ArraySlice<[String]?>, fieldCount m: Int, separator: UInt8) -> [String: Int]? {
        guard m == 4 || m == 7 else { return nil }
        let firsts = rows.lazy.compactMap { $0?.first }.prefix(50)
        let dated = firsts.filter { text in
            var t = text
            return t.withUTF8 { buf in
                guard let base = buf.baseAddress else { return false }
                return DateTimeParser.iso8601(base, 0, buf.count) != nil
                    || DateTimeParser.slashed(base, 0, buf.count, dayFirst: false) != nil
                    || DateTimeParser.slashed(base, 0, buf.count, dayFirst: true) != nil
            }
        }.count
        guard dated * 2 > firsts.count else { return nil }
        var order = ["time": 0, "ax": 1, "ay": 2, "az": 3]
        if m == 7 {
            let full = rows.compactMap { $0 }.filter { $0.count == m }
            let light = full.compactMap { number($0[4], separator) }, button = full.compactMap { number($0[5], separator) }
            let lightButtonTemperature = !light.isEmpty && light.allSatisfy { $0 >= 0 }
                && !button.isEmpty && button.allSatisfy { $0 == 0 || $0 == 1 }
            if !lightButtonTemperature { order.merge(["gx": 4, "gy": 5, "gz": 6]) { $1 } }
        }
        return order
    }

    /// `assumed`: the columns of a headerless file (`headerlessOrder`), taken where `--columns`
    /// names none.
    private static func assignColumns(_ layout: inout Layout, options: ReaderOptions, assumed: [String: Int]?) throws(GaitError) {
        let names = layout.columnNames, m = layout.fieldCount
        var fieldOf: [String: Int] = [:]
        for role in ReaderOptions.roles {
            guard let spec = options.columns[role] else { continue }
            let trimmed = Substring(spec).trimmingSpaces()
            if !trimmed.isEmpty, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber), let index = Int(trimmed) {
                guard index < m else {
                    throw GaitError(.usage, "--columns \(role)=\(spec): the file has \(m) columns (0…\(m - 1))", file: options.path)
                }
                fieldOf[role] = index
            } else if layout.hasHeader,
                      let index = names.firstIndex(of: String(trimmed))
                        ?? names.firstIndex(where: { Substring($0).trimmingSpaces().lowercased() == trimmed.lowercased() }) {
                fieldOf[role] = index
            } else {
                let known = layout.hasHeader ? "columns: \(names.joined(separator: ", "))" : "the file has no header; use 0-based indices"
                throw GaitError(.usage, "--columns \(role)=\(spec): no such column (\(known))", file: options.path)
            }
        }
        // A headerless file in the order of its exporter (`headerlessOrder`); the engine notes it.
        if let assumed, options.columns.isEmpty {
            fieldOf = assumed
            layout.columnsAssumed = true
        }
        var used = Set(fieldOf.values)
        // Columns of several devices are not chosen among: the wrong one would be analysed as the
        // lower back without a word.
        let device = layout.devices
        let accColumns = layout.meanings.indices.filter { if case .acc = layout.meanings[$0] { true } else { false } }
        let accDevices = accColumns.reduce(into: [String: Int]()) { first, k in first[device[k]] = first[device[k]] ?? k }
        if ["ax", "ay", "az"].allSatisfy({ fieldOf[$0] == nil }), accDevices.count > 1 {
            let examples = accDevices.values.sorted().map { names[$0] }.joined(separator: ", ")
            throw GaitError(.invalidInput,
                            "the header has acceleration columns of \(accDevices.count) devices (\(examples), …): "
                                + "name the lower-back sensor's with --columns",
                            file: options.path, line: layout.preambleLines + 1)
        }
        func take(_ role: String, among candidates: [Int]? = nil, _ matches: (HeaderVocabulary.Meaning) -> Bool) {
            guard fieldOf[role] == nil,
                  let f = (candidates ?? Array(layout.meanings.indices)).first(where: { !used.contains($0) && matches(layout.meanings[$0]) })
            else { return }
            fieldOf[role] = f
            used.insert(f)
        }
        for (k, role) in ["ax", "ay", "az"].enumerated() { take(role) { if case .acc(k, _) = $0 { true } else { false } } }
        if fieldOf["ax"] == nil && fieldOf["ay"] == nil && fieldOf["az"] == nil {
            for (k, role) in ["ax", "ay", "az"].enumerated() { take(role) { $0 == .bareAxis(axis: k) } }
        }
        // The gyroscope of the accelerometer's device; where none is, that of the only device
        // with one (acceleration named by hand, or by bare `x, y, z`).
        let accDevice = fieldOf["ax"].map { device[$0] }
        let allGyro = layout.meanings.indices.filter { k in
            guard !used.contains(k), case .gyro = layout.meanings[k] else { return false }
            return true
        }
        let sameDevice = allGyro.filter { device[$0] == accDevice }
        let gyroColumns = !sameDevice.isEmpty ? sameDevice : (Set(allGyro.map { device[$0] }).count == 1 ? allGyro : [])
        for (k, role) in ["gx", "gy", "gz"].enumerated() {
            take(role, among: gyroColumns) { if case .gyro(k, _) = $0 { true } else { false } }
        }
        if fieldOf["time"] == nil {
            let rateKnown = options.rate != nil || layout.metadataRate != nil
            let counter = layout.meanings.indices.first { !used.contains($0) && layout.meanings[$0] == .counter }
            let time = layout.meanings.indices.first { k in
                guard !used.contains(k), case .time = layout.meanings[k] else { return false }
                return true
            }
            fieldOf["time"] = rateKnown ? (counter ?? time) : (time ?? counter)
        }

        let acc = ["ax", "ay", "az"].compactMap { fieldOf[$0] }
        guard acc.count == 3 else {
            let missing = ["ax", "ay", "az"].filter { fieldOf[$0] == nil }.joined(separator: ", ")
            if !layout.hasHeader {
                throw GaitError(.invalidInput,
                                "the file has no header: name the columns with --columns (e.g. --columns time=0,ax=1,ay=2,az=3)",
                                file: options.path)
            }
            if let free = names.first(where: HeaderVocabulary.isGravityFreeAcceleration) {
                throw GaitError(.invalidInput,
                                "no acceleration column for \(missing) in the header: \(free) and the like hold acceleration "
                                    + "without gravity, which the analysis cannot use; export the sensor's own acceleration",
                                file: options.path, line: layout.preambleLines + 1)
            }
            throw GaitError(.invalidInput,
                            "no acceleration column for \(missing) in the header (\(names.joined(separator: ", "))); name them with --columns",
                            file: options.path, line: layout.preambleLines + 1)
        }
        let gyro = ["gx", "gy", "gz"].compactMap { fieldOf[$0] }
        guard gyro.isEmpty || gyro.count == 3 else {
            let missing = ["gx", "gy", "gz"].filter { fieldOf[$0] == nil }.joined(separator: ", ")
            throw GaitError(.invalidInput, "gyroscope columns found for some axes but not for \(missing); name them with --columns",
                            file: options.path, line: layout.preambleLines + 1)
        }
        let all = acc + gyro + (fieldOf["time"].map { [$0] } ?? [])
        guard Set(all).count == all.count else {
            throw GaitError(.usage, "--columns gives one column two roles", file: options.path)
        }
        layout.accFields = acc
        layout.gyroFields = gyro
        layout.timeField = fieldOf["time"]
    }
}
