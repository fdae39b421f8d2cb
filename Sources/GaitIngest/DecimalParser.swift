#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal numbers read straight from bytes, bit-identical to `strtod`.
///
/// Grammar: `[+-]? digits? ('.' digits?)? ([eE] [+-]? digits)?` with at least one mantissa digit;
/// the whole field must match (no spaces, no hex, no `inf`/`nan`: those are not data).
///
/// Fast path (Clinger 1990, "How to read floating point numbers accurately", PLDI,
/// doi:10.1145/93542.93557): when the significant digits fit in an integer `m ≤ 2^53` and the
/// decimal exponent `e` is within ±22, both `m` and `10^|e|` are exact doubles, so the single
/// IEEE multiplication or division `m · 10^e` is correctly rounded — the same double `strtod`
/// returns. Everything else (more than 19 significant digits, larger exponents) goes to `strtod`
/// on a NUL-terminated copy. Cost: O(length), no allocation on the fast path.
enum DecimalParser {
    /// 10^0 … 10^22, all exact in binary64.
    private static let powersOfTen: (Double, Double, Double, Double, Double, Double, Double, Double,
                                     Double, Double, Double, Double, Double, Double, Double, Double,
                                     Double, Double, Double, Double, Double, Double, Double) =
        (1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
         1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22)

    @inline(__always)
    static func powerOfTen(_ k: Int) -> Double {
        withUnsafeBytes(of: powersOfTen) { $0.load(fromByteOffset: k &* 8, as: Double.self) }
    }

    private static let twoTo53: UInt64 = 1 << 53

    /// The number spelled by `bytes[start..<end]`, or nil when it is not a decimal number.
    /// Overflow gives ±infinity and underflow ±0 or a subnormal, exactly as `strtod`.
    @inline(__always)
    static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                      decimalSeparator: UInt8 = UInt8(ascii: ".")) -> Double? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if base[i] == UInt8(ascii: "-") {
            negative = true
            i &+= 1
        } else if base[i] == UInt8(ascii: "+") {
            i &+= 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        var exact = true
        while i < end {
            let d = base[i] &- 48
            if d >= 10 { break }
            sawDigit = true
            if mantissa == 0 && d == 0 {
                // A leading zero: no significant digit yet.
            } else if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                digits &+= 1
            } else {
                exact = false
            }
            i &+= 1
        }
        if i < end && base[i] == decimalSeparator {
            i &+= 1
            while i < end {
                let d = base[i] &- 48
                if d >= 10 { break }
                sawDigit = true
                if mantissa == 0 && d == 0 {
                    exponent &-= 1
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    digits &+= 1
                    exponent &-= 1
                } else {
                    exact = false
                }
                i &+= 1
            }
        }
        guard sawDigit else { return nil }
        if i < end && (base[i] | 0x20) == UInt8(ascii: "e") {
            i &+= 1
            var negativeExponent = false
            if i < end && (base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+")) {
                negativeExponent = base[i] == UInt8(ascii: "-")
                i &+= 1
            }
            var e = 0
            var sawExponentDigit = false
            while i < end {
                let d = base[i] &- 48
                if d >= 10 { break }
                sawExponentDigit = true
                if e < 100_000 { e = e &* 10 &+ Int(d) } else { exact = false }
                i &+= 1
            }
            guard sawExponentDigit else { return nil }
            exponent &+= negativeExponent ? -e : e
        }
        guard i == end else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if exact && mantissa <= twoTo53 {
            if exponent >= -22 && exponent <= 22 {
                let m = Double(mantissa)
                let v = exponent < 0 ? m / powerOfTen(-exponent) : m * powerOfTen(exponent)
                return negative ? -v : v
            }
            if exponent > 22 && exponent <= 22 + 15 {
                // Move the excess exponent into the integer while it stays exact (≤ 2^53).
                let (shifted, overflow) = mantissa.multipliedReportingOverflow(by: UInt64(powerOfTen(exponent - 22)))
                if !overflow && shifted <= twoTo53 {
                    let v = Double(shifted) * powerOfTen(22)
                    return negative ? -v : v
                }
            }
        }
        return slowParse(base, start, end, decimalSeparator: decimalSeparator)
    }

    /// `strtod` on a NUL-terminated copy. The grammar was checked by `parse`; this only rounds.
    private static func slowParse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                                  decimalSeparator: UInt8) -> Double? {
        let count = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            guard let p = buffer.baseAddress else { return nil }
            UnsafeMutableRawPointer(p).copyMemory(from: base + start, byteCount: count)
            p[count] = 0
            if decimalSeparator != UInt8(ascii: ".") {
                for k in 0..<count where p[k] == CChar(bitPattern: decimalSeparator) { p[k] = CChar(UInt8(ascii: ".")) }
            }
            var stop: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(p, &stop)
            // A locale with another decimal point would stop early: not a number we can trust.
            guard stop == p + count else { return nil }
            return v
        }
    }

    /// A plain integer `[+-]?digits` that fits in Int64, or nil. Used for integer timestamps, which
    /// must not lose their last digits to a double (nanoseconds since the epoch have 19 digits).
    @inline(__always)
    static func parseInteger(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+") {
            negative = base[i] == UInt8(ascii: "-")
            i &+= 1
        }
        guard i < end, end - i <= 19 else { return nil }
        var value: Int64 = 0
        while i < end {
            let d = base[i] &- 48
            guard d < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(d))
            guard !o1 && !o2 else { return nil }
            value = sum
            i &+= 1
        }
        return negative ? -value : value
    }
}
