/// Date-times read from bytes, as integer nanoseconds since 1970-01-01T00:00:00Z.
///
/// - ISO 8601: `YYYY-MM-DD[T| ]hh:mm:ss[.fraction][Z|±hh:mm|±hhmm|±hh]`, and the
///   milliseconds after a colon that GENEActiv's CSV export writes (`2019-01-01 10:00:00:010`).
/// - Slashed dates as ActiGraph writes them: `M/d/yyyy H:mm:ss[.fff]` (or `d/M/yyyy` with
///   `dayFirst`).
///
/// A time without a zone is taken as UTC (only differences between rows matter). Fractions beyond
/// nanoseconds are cut. Dates use the proleptic Gregorian calendar (days-from-civil, H. Hinnant,
/// https://howardhinnant.github.io/date_algorithms.html). Cost: O(length), no allocation.
enum DateTimeParser {
    static func iso8601(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var scanner = Scanner(base: base, i: start, end: end)
        guard let year = scanner.digits(4), scanner.expect("-"), let month = scanner.digits(2), scanner.expect("-"),
              let day = scanner.digits(2) else { return nil }
        guard scanner.expect("T") || scanner.expect("t") || scanner.expect(" ") else { return nil }
        guard let hour = scanner.digits(2), scanner.expect(":"), let minute = scanner.digits(2), scanner.expect(":"),
              let second = scanner.digits(2), let nanos = scanner.colonMilliseconds() ?? scanner.fraction() else { return nil }
        var offset = 0
        if scanner.expect("Z") || scanner.expect("z") {
            offset = 0
        } else if scanner.i < end, base[scanner.i] == UInt8(ascii: "+") || base[scanner.i] == UInt8(ascii: "-") {
            let sign = base[scanner.i] == UInt8(ascii: "-") ? -1 : 1
            scanner.i += 1
            guard let oh = scanner.digits(2) else { return nil }
            var om = 0
            if scanner.expect(":") {
                guard let m = scanner.digits(2) else { return nil }
                om = m
            } else if scanner.i < end {
                guard let m = scanner.digits(2) else { return nil }
                om = m
            }
            offset = sign * (oh * 3600 + om * 60)
        }
        guard scanner.i == end else { return nil }
        return combine(year, month, day, hour, minute, second, nanos, offsetSeconds: offset)
    }

    /// `M/d/yyyy H:mm:ss[.fff]`, or `d/M/yyyy …` when `dayFirst`.
    static func slashed(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, dayFirst: Bool) -> Int64? {
        var scanner = Scanner(base: base, i: start, end: end)
        guard let a = scanner.digits(1...2), scanner.expect("/"), let b = scanner.digits(1...2), scanner.expect("/"),
              let year = scanner.digits(4), scanner.expect(" ") else { return nil }
        while scanner.expect(" ") {}
        guard let hour = scanner.digits(1...2), scanner.expect(":"), let minute = scanner.digits(2), scanner.expect(":"),
              let second = scanner.digits(2), let nanos = scanner.fraction(), scanner.i == end else { return nil }
        return combine(year, dayFirst ? b : a, dayFirst ? a : b, hour, minute, second, nanos, offsetSeconds: 0)
    }

    private static func combine(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
                                _ nanos: Int64, offsetSeconds: Int) -> Int64? {
        guard (1...12).contains(month), (1...31).contains(day), hour <= 24, minute <= 59, second <= 60 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        // Int64 nanoseconds reach the years 1678–2262; dates outside are not read.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow, scaled <= Int64.max - nanos else { return nil }
        return scaled + nanos
    }

    /// `yyyy-MM-dd HH:mm:ss.fff` of nanoseconds since 1970-01-01 (the clock as a file without a
    /// zone wrote it; no zone is added), truncated to the millisecond.
    static func text(_ nanoseconds: Int64) -> String {
        let ms = nanoseconds >= 0 ? nanoseconds / 1_000_000 : (nanoseconds - 999_999) / 1_000_000
        let dayMs: Int64 = 86_400_000
        let days = Int(ms >= 0 ? ms / dayMs : (ms - dayMs + 1) / dayMs)
        let inDay = Int(ms - Int64(days) * dayMs)
        let (y, m, d) = civilFromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let millis = inDay % 1000
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(y)-\(two(m))-\(two(d)) \(two(inDay / 3_600_000)):\(two(inDay / 60_000 % 60)):\(two(inDay / 1000 % 60)).\(fraction)"
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (inverse of `daysFromCivil`).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
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

    private struct Scanner {
        let base: UnsafePointer<UInt8>
        var i: Int
        let end: Int

        mutating func digits(_ n: Int) -> Int? { digits(n...n) }

        /// Between `range.lowerBound` and `range.upperBound` digits, as many as there are.
        mutating func digits(_ range: ClosedRange<Int>) -> Int? {
            var v = 0, n = 0
            while n < range.upperBound, i < end, base[i] &- 48 < 10 {
                v = v * 10 + Int(base[i] &- 48)
                i += 1
                n += 1
            }
            return n >= range.lowerBound ? v : nil
        }

        mutating func expect(_ c: Unicode.Scalar) -> Bool {
            guard i < end, base[i] == UInt8(ascii: c) else { return false }
            i += 1
            return true
        }

        /// `:ddd`, exactly three digits, as milliseconds in nanoseconds (GENEActiv); nil, consuming
        /// nothing, otherwise.
        mutating func colonMilliseconds() -> Int64? {
            guard i + 4 <= end, base[i] == UInt8(ascii: ":"), (1...3).allSatisfy({ base[i + $0] &- 48 < 10 }),
                  i + 4 == end || base[i + 4] &- 48 >= 10 else { return nil }
            let ms = (1...3).reduce(Int64(0)) { $0 * 10 + Int64(base[i + $1] &- 48) }
            i += 4
            return ms * 1_000_000
        }

        /// An optional `.digits` (or `,digits`) fraction of a second, in nanoseconds; nil when a
        /// separator has no digits after it.
        mutating func fraction() -> Int64? {
            guard i < end, base[i] == UInt8(ascii: ".") || base[i] == UInt8(ascii: ",") else { return 0 }
            i += 1
            var nanos: Int64 = 0, scale: Int64 = 100_000_000, any = false
            while i < end, base[i] &- 48 < 10 {
                nanos += Int64(base[i] &- 48) * scale
                scale /= 10
                any = true
                i += 1
            }
            return any ? nanos : nil
        }
    }
}
