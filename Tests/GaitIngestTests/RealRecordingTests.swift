import Foundation
import GaitCore
@testable import GaitIngest
import GaitTestSupport
import XCTest

/// A real Xsens export from the Voisard et al. (2023) data set, read where it is, never copied.
final class RealRecordingTests: XCTestCase {
    /// `../shared/datasets/voisard-healthy` from the package root (found from `#filePath`).
    static let folder = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/voisard-healthy")

    private func recording(_ name: String) throws -> URL {
        let url = Self.folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: the Voisard data set is not next to the package; skipping the real-recording test")
        }
        return url
    }

    /// PacketCounter values, and the rows of numbers, counted without the reader.
    private func counters(_ url: URL) throws -> [Int] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst(2).map { line in
            Int(Double(line.split(separator: "\t")[0])!)
        }
    }

    func testXsensLowerBackRecording() throws {
        let url = try recording("1-1_lb.txt")
        let info = try RecordingFileReader.read(options: ReaderOptions(path: url.path)) { _ in }
        XCTAssertEqual(info.samplingRateHz, 100)
        XCTAssertEqual(info.rateSource, "counter+metadata")
        XCTAssertEqual(info.timeFormat, "counter")
        XCTAssertEqual(info.accUnits, "m/s2")
        XCTAssertEqual(info.accUnitsSource, "detected")
        XCTAssertEqual(info.gyroUnits, "rad/s")
        XCTAssertEqual(info.gyroUnitsSource, "detected")
        XCTAssertEqual(info.preambleLines, 1)
        XCTAssertEqual(info.delimiter, "tab")
        XCTAssertEqual(info.badRowsSkipped, 0)

        // The gaps are exactly the missing PacketCounter values.
        let c = try counters(url)
        XCTAssertEqual(info.rows, c.count)
        var expected: [Gap] = []
        for (a, b) in zip(c, c.dropFirst()) where b - a > 1 {
            let start = Double(a - c[0]) / 100, end = Double(b - c[0]) / 100
            expected.append(Gap(startS: start, endS: end, missingSamples: b - a - 1, bridged: end - start <= 0.1 + 1e-9))
        }
        XCTAssertFalse(expected.isEmpty, "1-1_lb.txt is known to have lost packets")
        XCTAssertEqual(info.gaps, expected)
        XCTAssertEqual(info.segments, 1 + expected.filter { !$0.bridged }.count)
        XCTAssertEqual(info.durationS, Double(c.last! - c[0] + 1) / 100, accuracy: 1e-9)

        // Every sample is on the counter grid: as many as counter values spanned within segments.
        let (events, _) = try RecordingFileReader.readAll(options: ReaderOptions(path: url.path))
        let segments = Ingest.segments(events)
        XCTAssertEqual(segments.map(\.acc.count).reduce(0, +), c.last! - c[0] + 1 - expected.filter { !$0.bridged }.map(\.missingSamples).reduce(0, +))
        // First row, bit for bit: 0.0 8.225546 0.091094 5.899778 -0.003527 0.005281 0.000665.
        XCTAssertEqual(segments[0].acc[0], SIMD3(8.225546, 0.091094, 5.899778))
        XCTAssertEqual(segments[0].gyr[0], SIMD3(-0.003527, 0.005281, 0.000665))
    }

    func testEveryLowerBackRecordingMatchesItsCounters() throws {
        _ = try recording("1-1_lb.txt")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix("_lb.txt") }.sorted()
        for name in files {
            let url = Self.folder.appendingPathComponent(name)
            let info = try RecordingFileReader.read(options: ReaderOptions(path: url.path)) { _ in }
            let c = try counters(url)
            var missing = 0, duplicates = 0
            for (a, b) in zip(c, c.dropFirst()) {
                if b > a + 1 { missing += b - a - 1 }
                if b == a { duplicates += 1 }
            }
            XCTAssertEqual(info.gaps.map(\.missingSamples).reduce(0, +), missing, name)
            XCTAssertEqual(info.duplicateTimestamps, duplicates, name)
            XCTAssertEqual(info.gyroUnits, "rad/s", name)
            XCTAssertEqual(info.accUnits, "m/s2", name)
            XCTAssertEqual(info.samplingRateHz, 100, name)
        }
    }

    /// The same recordings with their angular rate converted to deg/s are read as deg/s: whole,
    /// so that the detection sees the four blocks that move it decides on (their median ratio is
    /// 243 or more in deg/s against 4.2–16.1 in rad/s), and cut to their first 300 rows, mostly
    /// still, where the still rows' rule decides.
    func testDegreesPerSecondDetectedOnRealRecordings() throws {
        _ = try recording("1-1_lb.txt")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix("_lb.txt") }.sorted()
        for name in files {
            let lines = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            for count in [lines.count, 302] {
                var text = lines.prefix(2).joined(separator: "\n") + "\n"
                for line in lines.prefix(count).dropFirst(2) {
                    var f = line.split(separator: "\t").map(String.init)
                    for k in 4...6 { f[k] = String(Double(f[k])! * 180 / .pi) }
                    text += f.joined(separator: "\t") + "\n"
                }
                let info = try Ingest.read(text, options: ReaderOptions(path: name)).info
                XCTAssertEqual(info.gyroUnits, "deg/s", "\(name), \(count - 2) rows")
            }
        }
    }
}
