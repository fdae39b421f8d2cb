import Foundation
import GaitAnalysis
import GaitCore
import GaitIngest
import GaitPipeline
import GaitTestSupport
import XCTest

/// The engine's results must not depend on how the input bytes arrive (style.md, principle 2).
final class ChunkingTests: XCTestCase {
    struct Outcome: Equatable {
        var events: [AnalysisEvent]
        var summary: Summary
        var flags: [Flag]
        var input: InputInfo
    }

    static func run(_ bytes: [UInt8], chunk: Int, options: EngineOptions) throws -> Outcome {
        var engine = GaitEngine(options: options)
        var events = [AnalysisEvent]()
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let end = min(raw.count, offset + chunk)
                try engine.push(UnsafeRawBufferPointer(rebasing: raw[offset..<end]), into: &events)
                offset = end
            }
        }
        let (summary, flags) = try engine.finish(into: &events)
        return Outcome(events: events, summary: summary, flags: flags, input: engine.input)
    }

    /// The side trust the classifier uses is the mean confidence of exactly the steps emitted,
    /// each counted once, however the caller handles the event array.
    func testSideTrustCountsEachStepOnce() throws {
        var files = [(TestPaths.sampleData.appendingPathComponent("accelerometer-only.csv").path, 1.80)]
        if let dir = TestPaths.voisardDataset { files.append((dir.appendingPathComponent("1-1_lb.txt").path, 1.75)) }
        for (path, height) in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            for drain in [false, true] {
                var engine = GaitEngine(options: EngineOptions(reader: ReaderOptions(path: path), subject: Subject(heightM: height)))
                var events = [AnalysisEvent](), all = [AnalysisEvent]()
                try bytes.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let end = min(raw.count, offset + 4096)
                        try engine.push(UnsafeRawBufferPointer(rebasing: raw[offset..<end]), into: &events)
                        if drain { all += events; events.removeAll() }
                        offset = end
                    }
                }
                _ = try engine.finish(into: &events)
                all += events
                let confidences = all.compactMap { event -> Double? in
                    if case .step(let s) = event { return s.sideConfidence } else { return nil }
                }
                XCTAssertFalse(confidences.isEmpty)
                XCTAssertEqual(engine.meanSideConfidence!, confidences.reduce(0, +) / Double(confidences.count),
                               accuracy: 1e-12, "\(path), drain \(drain)")
            }
        }
    }

    static func assertChunkingInvariant(_ bytes: [UInt8], options: EngineOptions, file: StaticString = #filePath, line: UInt = #line) throws {
        let whole = try run(bytes, chunk: bytes.count, options: options)
        XCTAssertFalse(whole.events.isEmpty, "the recording should contain walking", file: file, line: line)
        for chunk in [1, 7, 4096] {
            let chunked = try run(bytes, chunk: chunk, options: options)
            XCTAssertEqual(chunked.events, whole.events, "events differ with \(chunk)-byte chunks", file: file, line: line)
            XCTAssertEqual(chunked.summary, whole.summary, "summary differs with \(chunk)-byte chunks", file: file, line: line)
            XCTAssertEqual(chunked.flags, whole.flags, file: file, line: line)
            XCTAssertEqual(chunked.input, whole.input, file: file, line: line)
        }
    }

    /// A real Xsens export with lost packets (gaps) and a gyroscope.
    func testRealRecordingIsChunkingInvariant() throws {
        guard let dir = TestPaths.voisardDataset else {
            throw XCTSkip("../shared/datasets/voisard-healthy is absent: real-recording chunking test skipped")
        }
        let path = dir.appendingPathComponent("1-1_lb.txt").path
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        try Self.assertChunkingInvariant(bytes, options: EngineOptions(reader: ReaderOptions(path: path), subject: Subject(heightM: 1.75)))
    }
}
