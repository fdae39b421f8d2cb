import Foundation
import GaitCore
@testable import GaitIngest
import XCTest

final class BadRowTests: XCTestCase {
    /// The Xsens fixture (line 1 rate, line 2 header, counter c on line c + 3) with line `line`
    /// replaced.
    private func xsens(replacing line: Int, with text: String, rows: Int = 400) -> String {
        var lines = Fixtures.xsens(counters: Array(0..<rows)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[line - 1] = text
        return lines.joined(separator: "\n")
    }

    private func expectFailure(_ text: String, line: Int, column: Int?, message: String,
                               file: StaticString = #filePath, sourceLine: UInt = #line) {
        XCTAssertThrowsError(try Ingest.read(text, options: ReaderOptions(path: "walk.txt")), file: file, line: sourceLine) { error in
            guard let e = error as? GaitError else { return XCTFail("not a GaitError: \(error)", file: file, line: sourceLine) }
            XCTAssertEqual(e.kind, .invalidInput, file: file, line: sourceLine)
            XCTAssertEqual(e.file, "walk.txt", file: file, line: sourceLine)
            XCTAssertEqual(e.line, line, file: file, line: sourceLine)
            XCTAssertEqual(e.column, column, file: file, line: sourceLine)
            XCTAssertEqual(e.message, message, file: file, line: sourceLine)
        }
    }

    func testFailNamesLineAndColumn() {
        // Inside the detection buffer and far after it.
        for line in [5, 300] {
            let c = line - 3
            expectFailure(xsens(replacing: line, with: "\(c).0\t8.2\tabc\t5.9\t0\t0\t0\t0\t0\t0"),
                          line: line, column: 3, message: "expected a number in column Acc_Y, found 'abc'")
            expectFailure(xsens(replacing: line, with: "\(c).0\t8.2\t0.1\t\t0\t0\t0\t0\t0\t0"),
                          line: line, column: 4, message: "expected a number in column Acc_Z, found an empty field")
            expectFailure(xsens(replacing: line, with: "\(c).0\t8.2\t0.1\t5.9\tNaN\t0\t0\t0\t0\t0"),
                          line: line, column: 5, message: "expected a finite number in column Gyr_X, found 'NaN'")
            // Finite but beyond any sensor: it would turn the analysis window's filters to NaN.
            expectFailure(xsens(replacing: line, with: "\(c).0\t8.2\t0.1\t5.9\t0\t-1e300\t0\t0\t0\t0"),
                          line: line, column: 6, message: "expected a sensor reading within ±1000000 in column Gyr_Y, found '-1e300'")
            expectFailure(xsens(replacing: line, with: "\(c).0\t8.2\t0.1\t5.9\t0\t0"),
                          line: line, column: 7, message: "expected 10 fields separated by tab, found 6")
            expectFailure(xsens(replacing: line, with: "\(c).5\t8.2\t0.1\t5.9\t0\t0\t0\t0\t0\t0"),
                          line: line, column: 1, message: "expected an integer sample counter in column PacketCounter, found '\(c).5'")
        }
        // An unused column may hold anything.
        XCTAssertNoThrow(try Ingest.read(xsens(replacing: 10, with: "7.0\t8.2\t0.1\t5.9\t0\t0\t0\tn/a\t0\t0")))
        // CRLF does not shift lines or columns; 1e999 overflows to infinity and is refused.
        let crlf = "t,ax,ay,az\r\n0,0,0,1\r\n0.01,0,1e999,1\r\n"
        expectFailure(crlf, line: 3, column: 3, message: "expected a finite number in column ay, found '1e999'")
    }

    /// Every row under the header is as wide as it but not of numbers (values written with their
    /// unit, or as a Python export wrote `np.float64(…)`): the first such field is named, with its
    /// line and column, instead of "no data rows". A units row under the header is not that row.
    func testRowsThatAreNoneOfThemNumbersAreNamed() {
        let repr = "samples,acc_x,acc_y,acc_z\n" + (0..<50).map { "\($0),np.float64(0.98),np.float64(0.01),np.float64(-0.1)" }.joined(separator: "\n")
        expectFailure(repr, line: 2, column: 2,
                      message: "no row of numbers under the header: expected a number in column acc_x, found 'np.float64(0.98)'")
        let withUnits = "time,ax,ay,az\ns,g,g,g\n" + (0..<50).map { "\(Double($0) / 100),1 g,0 g,0 g" }.joined(separator: "\n")
        expectFailure(withUnits, line: 3, column: 2,
                      message: "no row of numbers under the header: expected a number in column ax, found '1 g'")
        expectFailure("time,ax,ay,az\ns,g,g,g\n", line: 1, column: nil, message: "the input has a header but no data rows")
    }

    func testSkipCountsBadRows() throws {
        var text = xsens(replacing: 300, with: "297.0\t8.2\tabc\t5.9\t0\t0\t0\t0\t0\t0")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[9] = "7.0\t1\t2"
        lines[99] = "97.0\t8.2\t0.1\t5.9\tinf\t0\t0\t0\t0\t0"
        text = lines.joined(separator: "\n")
        var options = ReaderOptions(path: "x")
        options.onBadRow = .skip
        let (events, info) = try Ingest.read(text, options: options)
        XCTAssertEqual(info.badRowsSkipped, 3)
        XCTAssertEqual(info.rows, 400)
        // Each skipped row is a lost counter value: a bridged gap of one sample.
        XCTAssertEqual(info.gaps.map(\.missingSamples), [1, 1, 1])
        XCTAssertEqual(info.gaps.map(\.bridged), [true, true, true])
        XCTAssertEqual(Ingest.segments(events).map(\.acc.count), [400])
    }

    func testErrorsAreSticky() throws {
        var reader = CSVRecordingReader(options: ReaderOptions(path: "x"))
        let bad = Array(xsens(replacing: 300, with: "297.0\tx").utf8)
        XCTAssertThrowsError(try bad.withUnsafeBytes { raw in _ = try reader.push(raw) })
        XCTAssertThrowsError(try [UInt8(10)].withUnsafeBytes { raw in _ = try reader.push(raw) }) { error in
            XCTAssertEqual((error as? GaitError)?.line, 300)
        }
    }

    func testLineTooLong() {
        let text = "t,ax,ay,az\n" + String(repeating: "1", count: CSVRecordingReader.maxLineLength + 10) + "\n"
        XCTAssertThrowsError(try Ingest.read(text, chunk: 65_536)) { error in
            XCTAssertEqual((error as? GaitError)?.line, 2)
        }
    }
}
