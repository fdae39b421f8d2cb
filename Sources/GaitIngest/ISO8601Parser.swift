/// ISO 8601 date-times read from bytes, as integer nanoseconds since 1970-01-01T00:00:00Z.
///
/// Accepted: `YYYY-MM-DD[T| ]hh:mm:ss[.fraction][Z|±hh:mm|±hhmm|±hh]`. A time without a zone is
/// taken as UTC (only differences between rows matter). Fractions beyond nanoseconds are cut.
/// Dates use the proleptic Gregorian calendar (days-from-civil, H. Hinnant,
/// https://howardhinnant.github.io/date_algorithms.html). Cost: O(length), no allocation.
enum ISO8601Parser {
    static func nanosecondsSinceEpoch(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        @inline(__always) func digits(_ n: Int) -> Int? {
            guard i + n <= end else { return nil }
            var v = 0
            for k in 0..<n {
                let d = base[i + k] &- 48
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            i += n
            return v
        }
        @inline(__always) func expect(_ c: UInt8) -> Bool {
            guard i < end, base[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
              let day = digits(2) else { return nil }
        guard i < end, base[i] == UInt8(ascii: "T") || base[i] == UInt8(ascii: "t") || base[i] == UInt8(ascii: " ") else {
            return nil
        }
        i += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2), expect(UInt8(ascii: ":")),
              let second = digits(2) else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour <= 24, minute <= 59, second <= 60 else { return nil }
        var nanos: Int64 = 0
        if i < end && (base[i] == UInt8(ascii: ".") || base[i] == UInt8(ascii: ",")) {
            i += 1
            var scale: Int64 = 100_000_000
            var any = false
            while i < end, base[i] &- 48 < 10 {
                nanos += Int64(base[i] &- 48) * scale
                scale /= 10
                any = true
                i += 1
            }
            guard any else { return nil }
        }
        var offsetSeconds = 0
        if i < end {
            let c = base[i]
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                i += 1
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                i += 1
                guard let oh = digits(2) else { return nil }
                var om = 0
                if expect(UInt8(ascii: ":")) {
                    guard let m = digits(2) else { return nil }
                    om = m
                } else if i < end {
                    guard let m = digits(2) else { return nil }
                    om = m
                }
                offsetSeconds = (oh * 3600 + om * 60) * (c == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        guard i == end else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return seconds * 1_000_000_000 + nanos
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
