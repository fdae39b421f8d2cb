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

    static func turns(_ outcome: Outcome) -> [Turn] {
        outcome.events.compactMap { if case .turn(let t) = $0 { return t } else { return nil } }
    }

    /// A real Xsens export with lost packets (gaps) and a gyroscope; its U-turn is among the events
    /// compared.
    func testRealRecordingIsChunkingInvariant() throws {
        guard let dir = TestPaths.voisardDataset else {
            throw XCTSkip("../shared/datasets/voisard-healthy is absent: real-recording chunking test skipped")
        }
        let path = dir.appendingPathComponent("1-1_lb.txt").path
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let options = EngineOptions(reader: ReaderOptions(path: path), subject: Subject(heightM: 1.75))
        try Self.assertChunkingInvariant(bytes, options: options)
        XCTAssertEqual(Self.turns(try Self.run(bytes, chunk: bytes.count, options: options)).count, 1, "the U-turn")
    }

    /// Turns, including one that crosses the boundary between two windows' cores (34 s), come out
    /// once each with the same values however the bytes are chunked; so do the steps marked in them.
    func testTurnsAreChunkingInvariant() throws {
        let walk = SyntheticTurningWalk(durationS: 50, pulses: [
            .init(startS: 12, durationS: 2, angleDeg: -180), .init(startS: 29, durationS: 6.5, angleDeg: 120),
        ])
        let bytes = walk.csv()
        let options = EngineOptions(reader: ReaderOptions(path: "turns.csv"), subject: Subject(heightM: 1.75))
        try Self.assertChunkingInvariant(bytes, options: options)
        let whole = try Self.run(bytes, chunk: bytes.count, options: options)
        let turns = Self.turns(whole)
        XCTAssertEqual(turns.map { $0.angleDeg > 0 }, [false, true])
        let steps = whole.events.compactMap { if case .step(let s) = $0 { return s } else { return nil } }
        XCTAssertTrue(steps.contains { $0.inTurn == true })
        for s in steps { XCTAssertEqual(s.inTurn, turns.contains { $0.contains(s.icS) }, "step at \(s.icS)") }
    }
}
