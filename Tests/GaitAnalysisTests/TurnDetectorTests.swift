import Foundation
import GaitCore
import GaitTestSupport
import XCTest

@testable import GaitAnalysis

/// The turn detector on yaw-rate signals whose turns are known in closed form, and the engine on
/// synthetic walking with turns in both directions, one of them across a window boundary.
final class TurnDetectorTests: XCTestCase {
    private let rate = 100.0
    private typealias Pulse = SyntheticTurningWalk.Pulse

    /// Push `yaw` in pieces of `piece` samples; the detections in order.
    private func detect(_ yaw: [Double], piece: Int, configuration: AnalysisConfiguration = AnalysisConfiguration())
        -> [ElGoharyTurnDetector.Detection] {
        var detector = ElGoharyTurnDetector(configuration: configuration, rate: rate)
        var out = [ElGoharyTurnDetector.Detection]()
        var start = 0
        while start < yaw.count {
            let end = min(yaw.count, start + piece)
            detector.push(yaw[start..<end], from: start, into: &out)
            XCTAssertLessThanOrEqual(detector.horizon, end)
            start = end
        }
        detector.finish(into: &out)
        return out
    }

    /// A 180° turn to the left is found with the start, end and angle of the closed form; a 30°
    /// wobble, though it passes the 15 deg/s peak threshold, is not a turn; seeded noise of
    /// 1 deg/s changes nothing; and how the samples are pieced does not matter.
    func testHalfTurnIsFoundAndWobbleIsNot() {
        let turn = Pulse(startS: 20, durationS: 2, angleDeg: 180)
        let wobble = Pulse(startS: 40, durationS: 2, angleDeg: -30)
        var rng = SeededGenerator(seed: 7)
        let yaw = (0..<6000).map { i -> Double in
            let t = Double(i) / rate
            return turn.rateDegps(t) + wobble.rateDegps(t) + 0.3 * rng.gaussian()
        }
        XCTAssertGreaterThan(yaw.map(abs).max()!, 15)
        let expected = turn.crossing(AnalysisConfiguration().turnEdgeDegps)
        let found = detect(yaw, piece: yaw.count)
        XCTAssertEqual(found.count, 1, "the wobble of 30° is not a turn: \(found)")
        guard let d = found.first else { return }
        XCTAssertEqual(Double(d.region.start) / rate, expected.startS, accuracy: 0.015)
        XCTAssertEqual(Double(d.region.end) / rate, expected.endS, accuracy: 0.015)
        XCTAssertEqual(d.angleDeg, expected.angleDeg, accuracy: 0.5)
        XCTAssertEqual(d.peakDegps, 180, accuracy: 1.5)
        for piece in [1, 7, 250, 4000] { XCTAssertEqual(detect(yaw, piece: piece), found, "pieces of \(piece)") }
        // The same wobble made larger than the minimum angle is a turn, to the right.
        let larger = Pulse(startS: 40, durationS: 2, angleDeg: -60)
        let rightward = detect((0..<6000).map { larger.rateDegps(Double($0) / rate) }, piece: 100)
        XCTAssertEqual(rightward.count, 1)
        XCTAssertEqual(rightward.first?.angleDeg ?? 0, larger.crossing(5).angleDeg, accuracy: 0.5)
    }

    /// A 180° turn interrupted by a hesitation shorter than the merge gap is one turn, whose angle
    /// includes the yaw of the hesitation; a longer hesitation makes two turns; so does a pause of
    /// any length where the direction reverses.
    func testMergingFollowsDirectionAndGap() {
        let pulse = Pulse(startS: 10, durationS: 3, angleDeg: 180)  // peak 120 deg/s at 11.5 s
        let middle = 1150
        func interrupted(_ samples: Int, reverse: Bool) -> [Double] {
            (0..<3000).map { i in
                let w = i >= middle && i < middle + samples ? 0 : pulse.rateDegps(Double(i) / rate)
                return reverse && i >= middle ? -w : w
            }
        }
        let gap = Int(AnalysisConfiguration().turnMergeGapSeconds * rate)
        let short = interrupted(gap - 2, reverse: false)
        let merged = detect(short, piece: 64)
        XCTAssertEqual(merged.count, 1, "\(merged)")
        // The hesitation's samples (at the 120 deg/s peak) are zero, so their yaw is missing.
        let lost = Double(gap - 2) * 120 / rate
        XCTAssertEqual(merged.first?.angleDeg ?? 0, pulse.crossing(5).angleDeg - lost, accuracy: 0.5)
        let long = detect(interrupted(gap + 3, reverse: false), piece: 64)
        XCTAssertEqual(long.count, 2, "\(long)")
        XCTAssertTrue(long.allSatisfy { $0.angleDeg > 45 && $0.angleDeg < 90 })
        let reversed = detect(interrupted(gap - 2, reverse: true), piece: 64)
        XCTAssertEqual(reversed.map { $0.angleDeg > 0 }, [true, false], "\(reversed)")
    }

    /// Rotation at a constant rate for longer than the longest turn (a drifting gyroscope, a
    /// circular track) is not a turn, and decisions do not wait for it to end.
    func testEndlessRotationIsNotATurnAndDoesNotStallDecisions() {
        var detector = ElGoharyTurnDetector(configuration: AnalysisConfiguration(), rate: rate)
        var out = [ElGoharyTurnDetector.Detection]()
        detector.push([Double](repeating: 40, count: 3000), from: 0, into: &out)
        XCTAssertTrue(out.isEmpty)
        XCTAssertEqual(detector.horizon, 3000, "membership is decided while the rotation goes on")
        detector.finish(into: &out)
        XCTAssertTrue(out.isEmpty)
    }

    // MARK: Through the engine

    private func analyze(_ walk: SyntheticTurningWalk, piece: Int) -> (events: [AnalysisEvent], summary: Summary) {
        var analyzer = GaitAnalyzer(stepLength: ZijlstraStepLengthEstimator(sensorHeightM: 0.95))
        var out = [AnalysisEvent]()
        let (acc, gyr) = walk.samples()
        let rate = SamplingRate(hz: walk.rate)
        analyzer.handle(.segmentStart(SegmentStart(startTime: 0, rate: rate, hasGyro: true)), into: &out)
        var start = 0
        while start < acc.count {
            let end = min(acc.count, start + piece)
            analyzer.handle(.samples(MotionSamples(rate: rate, firstIndex: start, acc: Array(acc[start..<end]),
                                                   gyr: Array(gyr[start..<end]))), into: &out)
            start = end
        }
        analyzer.handle(.segmentEnd, into: &out)
        return (out, analyzer.finish(into: &out))
    }

    /// A slow half turn to the left and a quick 90° turn to the right on a tilted sensor: signed
    /// as the contract says (positive to the left), found once each. The left one crosses the
    /// boundary between the first two windows' cores (34 s) and is long enough that steps inside
    /// it are final in the first window before the turn is: they must wait for it to be marked.
    /// Steps inside are marked and counted, bouts and summary count the turns.
    func testTurnsInEachDirectionAcrossAWindowBoundary() throws {
        let left = Pulse(startS: 29, durationS: 6.5, angleDeg: 180)
        let right = Pulse(startS: 70, durationS: 2, angleDeg: -90)
        let walk = SyntheticTurningWalk(durationS: 100, pulses: [left, right])
        let core = AnalysisConfiguration().windowSeconds - AnalysisConfiguration().marginSeconds
        let edges = left.crossing(5)
        XCTAssertTrue(edges.startS < core - 2 && edges.endS > core + 0.5, "the left turn crosses a core boundary")

        let (events, summary) = analyze(walk, piece: 1000)
        let turns = events.compactMap { if case .turn(let t) = $0 { return t } else { return nil } }
        let steps = events.compactMap { if case .step(let s) = $0 { return s } else { return nil } }
        let bouts = events.compactMap { if case .bout(let b) = $0 { return b } else { return nil } }
        XCTAssertEqual(turns.count, 2, "\(turns)")
        guard turns.count == 2 else { return }
        // The low-pass spreads each pulse a little, so edges and angle are near the closed form.
        for (turn, pulse) in zip(turns, [left, right]) {
            let expected = pulse.crossing(5)
            XCTAssertEqual(turn.angleDeg, pulse.angleDeg, accuracy: 3)
            XCTAssertEqual(turn.startS, expected.startS, accuracy: 0.15)
            XCTAssertEqual(turn.endS, expected.endS, accuracy: 0.15)
            XCTAssertEqual(turn.meanAngularVelocityDegps, abs(turn.angleDeg) / turn.durationS, accuracy: 1e-9)
        }
        XCTAssertGreaterThan(turns[0].angleDeg, 0, "counter-clockwise seen from above is positive")
        XCTAssertLessThan(turns[1].angleDeg, 0)

        XCTAssertGreaterThan(steps.count, 150)
        for s in steps {
            XCTAssertEqual(s.inTurn, turns.contains { $0.contains(s.icS) }, "step at \(s.icS)")
        }
        for t in turns {
            XCTAssertEqual(t.nSteps, steps.filter { t.contains($0.icS) }.count)
            XCTAssertGreaterThanOrEqual(t.nSteps, 3)
        }
        XCTAssertEqual(summary.measures.nTurns, 2)
        XCTAssertEqual(bouts.compactMap(\.measures.nTurns).reduce(0, +), 2)
        for b in bouts {
            XCTAssertEqual(b.measures.nTurns, turns.filter { $0.startS <= b.endS && $0.endS >= b.startS }.count)
        }

        // Each result comes out once whatever the sample pieces, and no step precedes the decision
        // about its turn: every event list is the same.
        for piece in [1, 333, 4096] {
            XCTAssertEqual(analyze(walk, piece: piece).events, events, "pieces of \(piece) samples")
        }
    }

    /// Without a gyroscope turns are not assessed: null, not zero.
    func testNoGyroscopeMeansNotAssessed() {
        let walk = SyntheticTurningWalk(durationS: 30, pulses: [Pulse(startS: 10, durationS: 2, angleDeg: 180)])
        var analyzer = GaitAnalyzer(stepLength: ZijlstraStepLengthEstimator(sensorHeightM: 0.95))
        var out = [AnalysisEvent]()
        let rate = SamplingRate(hz: walk.rate)
        analyzer.handle(.segmentStart(SegmentStart(startTime: 0, rate: rate, hasGyro: false)), into: &out)
        analyzer.handle(.samples(MotionSamples(rate: rate, firstIndex: 0, acc: walk.samples().acc)), into: &out)
        let summary = analyzer.finish(into: &out)
        XCTAssertFalse(analyzer.turnsAssessed)
        XCTAssertNil(summary.measures.nTurns)
        for e in out {
            switch e {
            case .step(let s): XCTAssertNil(s.inTurn)
            case .bout(let b): XCTAssertNil(b.measures.nTurns)
            case .turn: XCTFail("no turns without a gyroscope")
            case .stride: break
            }
        }
        XCTAssertFalse(out.isEmpty)
    }
}
