import Foundation
@testable import GaitIngest
import GaitTestSupport
import XCTest

final class DecimalParserTests: XCTestCase {
    private func parse(_ s: String, separator: UInt8 = UInt8(ascii: ".")) -> Double? {
        var s = s
        return s.withUTF8 { buf in
            guard let base = buf.baseAddress else { return nil }
            return DecimalParser.parse(base, 0, buf.count, decimalSeparator: separator)
        }
    }

    private func strtodReference(_ s: String) -> Double {
        s.withCString { p in
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(p, &end)
            precondition(end == UnsafeMutablePointer(mutating: p) + s.utf8.count, "strtod did not read all of \(s)")
            return v
        }
    }

    /// A random decimal in the grammar the parser accepts, mixing IMU-like values, long
    /// mantissas, leading zeros, signs and exponents.
    private func randomDecimal(_ rng: inout SeededGenerator) -> String {
        func digits(_ n: Int) -> String {
            String((0..<n).map { _ in Character(Unicode.Scalar(UInt8(48 + Int.random(in: 0...9, using: &rng)))) })
        }
        var s = ""
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: s += "-"
        case 1: s += "+"
        default: break
        }
        let shape = Int.random(in: 0..<6, using: &rng)
        let intDigits: Int, fracDigits: Int
        switch shape {
        case 0: (intDigits, fracDigits) = (Int.random(in: 1...3, using: &rng), 6)  // like the Xsens exports
        case 1: (intDigits, fracDigits) = (Int.random(in: 0...20, using: &rng), Int.random(in: 0...20, using: &rng))
        case 2: (intDigits, fracDigits) = (Int.random(in: 0...40, using: &rng), Int.random(in: 0...40, using: &rng))
        case 3: (intDigits, fracDigits) = (1, Int.random(in: 14...18, using: &rng))  // 15–19 significant digits
        case 4: (intDigits, fracDigits) = (Int.random(in: 10...13, using: &rng), 3)  // epoch milliseconds
        default: (intDigits, fracDigits) = (Int.random(in: 0...3, using: &rng), Int.random(in: 0...9, using: &rng))
        }
        var mantissa = digits(intDigits)
        if Int.random(in: 0..<8, using: &rng) == 0 { mantissa = String(repeating: "0", count: Int.random(in: 1...5, using: &rng)) + mantissa }
        var frac = fracDigits > 0 ? digits(fracDigits) : ""
        if Int.random(in: 0..<8, using: &rng) == 0 { frac = String(repeating: "0", count: Int.random(in: 1...12, using: &rng)) + frac }
        if mantissa.isEmpty && frac.isEmpty { mantissa = digits(1) }
        s += mantissa
        if !frac.isEmpty || Int.random(in: 0..<10, using: &rng) == 0 { s += "." + frac }
        if Int.random(in: 0..<3, using: &rng) == 0 {
            s += Bool.random(using: &rng) ? "e" : "E"
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: s += "-"
            case 1: s += "+"
            default: break
            }
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: s += String(Int.random(in: 0...22, using: &rng))
            case 1: s += String(Int.random(in: 0...40, using: &rng))
            case 2: s += String(Int.random(in: 280...340, using: &rng))
            default: s += String(repeating: "0", count: Int.random(in: 0...3, using: &rng)) + String(Int.random(in: 0...400, using: &rng))
            }
        }
        return s
    }

    func testBitIdenticalToStrtodOnRandomDecimals() {
        var rng = SeededGenerator(seed: 0x5EED_2024)
        var mismatches: [String] = []
        let n = 200_000
        for _ in 0..<n {
            let s = randomDecimal(&rng)
            guard let got = parse(s) else {
                mismatches.append("\(s): not parsed")
                continue
            }
            if got.bitPattern != strtodReference(s).bitPattern { mismatches.append("\(s): \(got) vs \(strtodReference(s))") }
        }
        XCTAssertEqual(mismatches.count, 0, "first mismatches: \(mismatches.prefix(10))")
    }

    func testEdgeCases() {
        let cases = [
            "0", "-0", "+0", "0.0", "-0.0", "00012", ".5", "5.", "-.5e1", "1e0", "1E+2", "1e-2", "9007199254740992",
            "9007199254740993", "18446744073709551615", "18446744073709551616", "1e22", "1e23", "123456789e15",
            "1.7976931348623157e308", "1.7976931348623159e308", "1e309", "4.9406564584124654e-324", "2e-324", "1e-400",
            "2.2250738585072011e-308", "0.1", "0.30000000000000004", "3.141592653589793238462643383279",
            "1714550400010", "1714550400.010", "8.225546", "-0.003527", "0e999999999999", "1e-99999999999999",
        ]
        for s in cases {
            XCTAssertEqual(parse(s)?.bitPattern, strtodReference(s).bitPattern, s)
        }
        XCTAssertEqual(parse("-0")?.sign, .minus)
    }

    func testRejectsWhatIsNotADecimal() {
        for s in ["", "+", "-", ".", "+.", "e5", ".e5", "1e", "1e+", "1.2.3", "--1", "1 2", " 1", "1 ", "0x10", "inf",
                  "nan", "NaN", "1,5", "1e5.5", "abc", "1-2"] {
            XCTAssertNil(parse(s), s)
        }
    }

    func testDecimalComma() {
        XCTAssertEqual(parse("1,5", separator: UInt8(ascii: ",")), 1.5)
        XCTAssertEqual(parse("-0,000123456789012345678901", separator: UInt8(ascii: ",")),
                       strtodReference("-0.000123456789012345678901"))
        XCTAssertNil(parse("1.5", separator: UInt8(ascii: ",")))
    }

    func testIntegers() {
        func int(_ s: String) -> Int64? {
            var s = s
            return s.withUTF8 { DecimalParser.parseInteger($0.baseAddress!, 0, $0.count) }
        }
        XCTAssertEqual(int("1714550400010123456"), 1_714_550_400_010_123_456)
        XCTAssertEqual(int("-42"), -42)
        XCTAssertEqual(int("9223372036854775807"), Int64.max)
        XCTAssertNil(int("9223372036854775808"))
        XCTAssertNil(int("1.0"))
        XCTAssertNil(int("-"))
    }
}
