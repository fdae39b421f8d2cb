import Foundation
import GaitCore
@testable import GaitIngest
import GaitTestSupport
import XCTest

/// The events must not depend on how the bytes arrive (style.md, principle 2).
final class ChunkInvarianceTests: XCTestCase {
    static let chunkSizes = [1, 7, 4096, 0]  // 0: the whole input in one push

    /// Fixtures covering every path: counter with gaps and a split, irregular seconds with a
    /// duplicate, no time column with a skipped row, CRLF with BOM, and a recording long enough to
    /// be cut into several pieces.
    static func fixtures() -> [(name: String, bytes: [UInt8], options: ReaderOptions)] {
        var result: [(String, [UInt8], ReaderOptions)] = []
        let counters = Array(0...49) + Array(52...300) + Array(330...5200)
        result.append(("xsens-gaps", Array(Fixtures.xsens(counters: counters).utf8), ReaderOptions(path: "a")))

        var rng = SeededGenerator(seed: 11)
        var irregular = "timestamp,ax,ay,az,gx,gy,gz\n"
        for k in 0..<600 {
            let t = Double(k) / 100 + Double.random(in: -0.002...0.002, using: &rng)
            let row = "\(Ingest.fixed(t, 4)),0.01,\(Ingest.fixed(0.2 * sin(t), 5)),1.0,\(Ingest.fixed(sin(3 * t), 4)),0,0\n"
            irregular += row
            if k == 300 { irregular += row }
        }
        result.append(("irregular-seconds", Array(irregular.utf8), ReaderOptions(path: "b")))

        var noTime = Fixtures.noTime(n: 700).split(separator: "\n").map(String.init)
        noTime[400] = "1,2"
        var skip = ReaderOptions(path: "c", rate: SamplingRate(hz: 50), maxPieceSamples: 128)
        skip.onBadRow = .skip
        result.append(("no-time-skip", Array(noTime.joined(separator: "\n").utf8), skip))

        let crlf = [0xEF, 0xBB, 0xBF] + Array(Fixtures.xsens(counters: Array(0..<500), lineEnd: "\r\n").utf8)
        result.append(("crlf-bom", crlf, ReaderOptions(path: "d")))

        var semicolon = "sep=;\r\n\"time\";\"accX\";\"accY\";\"accZ\"\r\n"
        for k in 0..<800 where k % 97 != 5 {
            semicolon += "\(Ingest.fixed(Double(k) / 50, 2));0,01;\"\(Ingest.fixed(sin(Double(k)), 3))\";1,0\r\n"
                .replacingOccurrences(of: ".", with: ",")
        }
        result.append(("semicolon-decimal-comma-quoted", Array(semicolon.utf8), ReaderOptions(path: "f", maxPieceSamples: 100)))

        var iso = "datetime,ax,ay,az\n"
        for k in 0..<700 where k < 300 || k > 330 {
            let ms = 36_000_000 + k * 10
            iso += String(format: "2024-05-01T%02ld:%02ld:%02ld.%03ldZ", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
            iso += ",0.1,\(Ingest.fixed(cos(Double(k) / 10), 4)),9.8\n"
        }
        result.append(("iso8601-split", Array(iso.utf8), ReaderOptions(path: "g", maxPieceSamples: 64)))

        result.append(("seconds-g-deg", Array(Fixtures.secondsCSV(times: (0..<9000).map { Double($0) / 100 }, degrees: true).utf8),
                       ReaderOptions(path: "e")))
        return result
    }

    func testEventsAreIdenticalWhateverTheChunking() throws {
        for fixture in Self.fixtures() {
            let reference = try Ingest.read(fixture.bytes, chunk: 0, options: fixture.options)
            let expected = reference.events.map(EventRecord.init)
            XCTAssertFalse(expected.isEmpty, fixture.name)
            XCTAssertTrue([50, 100].contains(reference.info.samplingRateHz), "\(fixture.name): \(reference.info.samplingRateHz) Hz")
            for chunk in Self.chunkSizes {
                let got = try Ingest.read(fixture.bytes, chunk: chunk, options: fixture.options)
                XCTAssertEqual(got.events.map(EventRecord.init), expected, "\(fixture.name), chunks of \(chunk)")
                XCTAssertEqual(got.info, reference.info, "\(fixture.name), chunks of \(chunk)")
            }
            // Random chunk sizes too.
            var rng = SeededGenerator(seed: 3)
            var reader = CSVRecordingReader(options: fixture.options)
            var events: [SampleStreamEvent] = []
            var start = 0
            while start < fixture.bytes.count {
                let end = Swift.min(fixture.bytes.count, start + Int.random(in: 1...300, using: &rng))
                try fixture.bytes[start..<end].withUnsafeBytes { raw in try reader.push(raw, into: &events) }
                start = end
            }
            try reader.finish(into: &events)
            XCTAssertEqual(events.map(EventRecord.init), expected, "\(fixture.name), random chunks")
        }
    }

    func testPiecesAreBoundedAndCutOnlyAtMultiples() throws {
        for fixture in Self.fixtures() {
            let events = try Ingest.read(fixture.bytes, options: fixture.options).events
            var segmentCount = 0
            for event in events {
                if case .segmentStart = event { segmentCount = 0 }
                guard case .samples(let m) = event else { continue }
                XCTAssertLessThanOrEqual(m.count, fixture.options.maxPieceSamples, fixture.name)
                XCTAssertEqual(m.firstIndex, segmentCount, fixture.name)
                XCTAssertEqual(m.firstIndex % fixture.options.maxPieceSamples, 0, fixture.name)
                segmentCount += m.count
            }
            let pieces = events.filter { if case .samples = $0 { true } else { false } }.count
            let segments = Ingest.segments(events)
            let needed = segments.map { ($0.acc.count + fixture.options.maxPieceSamples - 1) / fixture.options.maxPieceSamples }
            XCTAssertEqual(pieces, needed.reduce(0, +), fixture.name)
        }
    }

    func testStreamingEmitsBeforeTheEnd() throws {
        // Bounded state: once the layout is known, samples leave as each piece fills. (Units given:
        // with detected units this still fixture would wait for rows that move, up to 32,768
        // lines; CSVRecordingReaderTests.testGyroUnitsWaitForMotionAfterAStillStart.)
        let bytes = Array(Fixtures.xsens(counters: Array(0..<20_000)).utf8)
        var reader = CSVRecordingReader(options: ReaderOptions(path: "x", gyroUnits: .radiansPerSecond))
        var emittedBeforeFinish = 0
        var start = 0
        while start < bytes.count {
            let end = Swift.min(bytes.count, start + 65_536)
            let events = try bytes[start..<end].withUnsafeBytes { raw in try reader.push(raw) }
            emittedBeforeFinish += events.count
            start = end
        }
        XCTAssertGreaterThanOrEqual(emittedBeforeFinish, 4)  // start + 4 full pieces of 4096
        let tail = try reader.finish()
        XCTAssertEqual(EventRecord(tail.last!), .end)
    }
}
