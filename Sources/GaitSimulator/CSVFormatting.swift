/// Writes the simulated samples as CSV text: a header, then one row per sample with time in
/// seconds and every value in fixed-point with six decimals (1 µg, 1 µrad/s resolution at worst),
/// formatted by integer arithmetic so the bytes depend on nothing but the values.
enum CSVFormatting {
    /// Column names of the simulated CSV, in order (gyroscope columns only when included).
    static let timeColumn = "time_s"
    static let accColumns = ["acc_x", "acc_y", "acc_z"]
    static let gyroColumns = ["gyr_x", "gyr_y", "gyr_z"]

    static func header(includeGyro: Bool) -> String {
        ([timeColumn] + accColumns + (includeGyro ? gyroColumns : [])).joined(separator: ",")
    }

    /// Appends one row to `out`.
    static func appendRow(time: Double, acc: SIMD3<Double>, gyr: SIMD3<Double>?, to out: inout [UInt8]) {
        appendFixed6(time, to: &out)
        appendVector(acc, to: &out)
        if let gyr { appendVector(gyr, to: &out) }
        out.append(UInt8(ascii: "\n"))
    }

    private static func appendVector(_ v: SIMD3<Double>, to out: inout [UInt8]) {
        for i in 0..<3 {
            out.append(UInt8(ascii: ","))
            appendFixed6(v[i], to: &out)
        }
    }

    /// `value` rounded to six decimals, without exponent; "-" only before a non-zero value.
    static func appendFixed6(_ value: Double, to out: inout [UInt8]) {
        precondition(value.isFinite && abs(value) < 9e12, "value out of range for CSV output: \(value)")
        let scaled = Int64((value * 1_000_000).rounded())
        if scaled < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = scaled.magnitude
        appendDigits(magnitude / 1_000_000, minimumCount: 1, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(magnitude % 1_000_000, minimumCount: 6, to: &out)
    }

    private static func appendDigits(_ n: UInt64, minimumCount: Int, to out: inout [UInt8]) {
        let start = out.count
        var v = n
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
        while out.count - start < minimumCount { out.append(UInt8(ascii: "0")) }
        out[start..<out.count].reverse()
    }
}
