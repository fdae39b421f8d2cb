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
    /// 10^k for k = 0…22, all exact in binary64. A switch of literals compiles to a constant
    /// table: no lazy initialisation on the hot path (a lazily built table cost a `swift_once`
    /// call per look-up) and no copy (a tuple read through `withUnsafeBytes(of:)` was copied).
    @inline(__always)
    static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    private static let twoTo53: UInt64 = 1 << 53

    /// The number spelled by `bytes[start..<end]`, or nil when it is not a decimal number.
    /// Overflow gives ±infinity and underflow ±0 or a subnormal, exactly as `strtod`.
    @inline(__always)
    static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                      decimalSeparator: UInt8 = UInt8(ascii: ".")) -> Double? {
        guard let (v, stop) = parsePrefix(base, start, end, decimalSeparator: decimalSeparator), stop == end else { return nil }
        return v
    }

    /// The longest decimal number at the start of `bytes[start..<end]` and where it stops, or nil
    /// when no number starts there. The row decoder's fast path parses fields in place with it and
    /// checks that a delimiter follows.
    ///
    /// The digit loop accumulates every digit unconditionally: with at most 19 digits in all
    /// (leading zeros included) the integer cannot overflow a UInt64; longer mantissas go to
    /// `strtod`. That keeps the loop to one comparison per digit.
    @inline(__always)
    static func parsePrefix(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                            decimalSeparator: UInt8 = UInt8(ascii: ".")) -> (Double, Int)? {
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
        let integerStart = i
        while i < end {
            let d = base[i] &- 48
            if d >= 10 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            i &+= 1
        }
        var digits = i &- integerStart
        var exponent = 0
        if i < end && base[i] == decimalSeparator {
            i &+= 1
            let fractionStart = i
            while i < end {
                let d = base[i] &- 48
                if d >= 10 { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                i &+= 1
            }
            exponent = fractionStart &- i
            digits &+= i &- fractionStart
        }
        guard digits > 0 else { return nil }
        var exact = digits <= 19
        if i < end && (base[i] | 0x20) == UInt8(ascii: "e") {
            // An exponent only if digits follow; otherwise the number ends before the 'e'.
            var j = i &+ 1
            var negativeExponent = false
            if j < end && (base[j] == UInt8(ascii: "-") || base[j] == UInt8(ascii: "+")) {
                negativeExponent = base[j] == UInt8(ascii: "-")
                j &+= 1
            }
            var e = 0
            let exponentStart = j
            while j < end {
                let d = base[j] &- 48
                if d >= 10 { break }
                if e < 100_000 { e = e &* 10 &+ Int(d) } else { exact = false }
                j &+= 1
            }
            if j > exponentStart {
                exponent &+= negativeExponent ? -e : e
                i = j
            }
        }
        if exact {
            if mantissa == 0 { return (negative ? -0.0 : 0.0, i) }
            if mantissa <= twoTo53 {
                if exponent >= -22 && exponent <= 22 {
                    let m = Double(mantissa)
                    let v = exponent < 0 ? m / powerOfTen(-exponent) : m * powerOfTen(exponent)
                    return (negative ? -v : v, i)
                }
                if exponent > 22 && exponent <= 22 + 15 {
                    // Move the excess exponent into the integer while it stays exact (≤ 2^53).
                    let (shifted, overflow) = mantissa.multipliedReportingOverflow(by: UInt64(powerOfTen(exponent - 22)))
                    if !overflow && shifted <= twoTo53 {
                        let v = Double(shifted) * powerOfTen(22)
                        return (negative ? -v : v, i)
                    }
                }
            }
        }
        guard let v = slowParse(base, start, i, decimalSeparator: decimalSeparator) else { return nil }
        return (v, i)
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
