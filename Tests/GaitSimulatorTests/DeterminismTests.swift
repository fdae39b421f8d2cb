import GaitCore
import XCTest

@testable import GaitSimulator

/// Same seed, same bytes; chunking never changes the output.
final class DeterminismTests: XCTestCase {
    func testSameSeedGivesIdenticalBytes() {
        let p = SimulationParameters(seed: 42, durationS: 20)
        let a = SimulatedRecording.simulate(p).csvBytes()
        let b = SimulatedRecording.simulate(p).csvBytes()
        XCTAssertEqual(a, b)
        XCTAssertGreaterThan(a.count, 2000 * 40)
    }

    func testDifferentSeedGivesDifferentBytes() {
        let a = SimulatedRecording.simulate(SimulationParameters(seed: 1, durationS: 20)).csvBytes()
        let b = SimulatedRecording.simulate(SimulationParameters(seed: 2, durationS: 20)).csvBytes()
        XCTAssertNotEqual(a, b)
        let ta = SimulatedRecording.simulate(SimulationParameters(seed: 1, durationS: 20)).truth
        let tb = SimulatedRecording.simulate(SimulationParameters(seed: 2, durationS: 20)).truth
        XCTAssertNotEqual(ta.steps.map(\.icS), tb.steps.map(\.icS), "step jitter depends on the seed")
    }

    func testChunkedWritingMatchesWholeFile() {
        let p = SimulationParameters(seed: 9, durationS: 12, rate: SamplingRate(hz: 50))
        let whole = SimulatedRecording.simulate(p).csvBytes()
        let plan = SimulationPlan(p)
        for chunk in [1, 7, 4096] {
            var streamed: [UInt8] = []
            plan.writeCSV(chunkRows: chunk) { streamed += $0 }
            XCTAssertEqual(streamed, whole, "chunk size \(chunk)")
        }
        var fromRecording: [UInt8] = []
        SimulatedRecording.simulate(p).writeCSV(chunkRows: 13) { fromRecording += $0 }
        XCTAssertEqual(fromRecording, whole)
    }

    func testAnyRangeOfSamplesMatchesTheWholeRun() {
        let p = SimulationParameters(seed: 5, durationS: 15)
        let rec = SimulatedRecording.simulate(p)
        let plan = SimulationPlan(p)
        let part = plan.samples(700..<1100)
        XCTAssertEqual(part.acc, Array(rec.acc[700..<1100]))
        XCTAssertEqual(part.gyr, Array(rec.gyr[700..<1100]))
    }

    func testCSVLayout() {
        let p = SimulationParameters(seed: 3, durationS: 10)
        let text = String(decoding: SimulatedRecording.simulate(p).csvBytes(), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z")
        XCTAssertEqual(lines.count, 1 + 1000 + 1, "header, 1000 rows, trailing newline")
        XCTAssertTrue(lines[1].hasPrefix("0.000000,"))
        XCTAssertTrue(lines[2].hasPrefix("0.010000,"))
        let fields = lines[500].split(separator: ",")
        XCTAssertEqual(fields.count, 7)
        XCTAssertTrue(fields.allSatisfy { Double($0) != nil })

        var noGyro = p
        noGyro.includeGyro = false
        let rec = SimulatedRecording.simulate(noGyro)
        XCTAssertTrue(rec.gyr.isEmpty)
        let t2 = String(decoding: rec.csvBytes(), as: UTF8.self)
        XCTAssertTrue(t2.hasPrefix("time_s,acc_x,acc_y,acc_z\n"))
        XCTAssertEqual(t2.split(separator: "\n")[1].split(separator: ",").count, 4)
    }

    func testFixedPointFormatting() {
        func text(_ v: Double) -> String {
            var out: [UInt8] = []
            CSVFormatting.appendFixed6(v, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        XCTAssertEqual(text(0), "0.000000")
        XCTAssertEqual(text(-0.0000001), "0.000000", "no negative zero")
        XCTAssertEqual(text(9.80665), "9.806650")
        XCTAssertEqual(text(-1.5), "-1.500000")
        XCTAssertEqual(text(123456.0000004), "123456.000000")
        XCTAssertEqual(text(0.0000005), "0.000001")
    }
}
