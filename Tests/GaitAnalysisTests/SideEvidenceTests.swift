@testable import GaitAnalysis
import GaitCore
@testable import GaitPipeline
import XCTest

/// Left/right without a gyroscope (docs/algorithms/side.md, "The loading impulse"): the trunk's
/// sideways velocity votes for the foot that lands, unless the pelvis's roll tilts enough gravity
/// into the lateral axis to reverse it; the loading impulse, the trunk pushed towards the midline
/// as the landing leg takes the load, is above that tilt's frequencies and keeps the vote right.
final class SideEvidenceTests: XCTestCase {
    /// A walk as a body-aligned sensor without a gyroscope reads it: a stride of 1.1 s, left
    /// contacts at 3.0 s + k × 1.1 s and right ones half a stride later, each with a forward peak
    /// at the contact and a vertical peak 45 ms after it (what the contact detector finds). The
    /// lateral axis reads the body swaying ±2 cm towards the stance foot (0.65 m/s² at the stride
    /// frequency), gravity tilted in by a pelvic roll of `rollDeg` that drops the swing side (in
    /// phase with the sway's acceleration and against it), and 0.5 m/s² at the step frequency that
    /// both feet share. With `impulse`, after each contact it also reads the ringing measured on
    /// the Voisard trials (side.md): towards the midline 20–100 ms after the heel strike, away
    /// from it 100–180 ms after, a damped 6 Hz oscillation of 1.2 m/s².
    /// Returns the sides the sequencer gives, and the true ones.
    private func sides(rollDeg: Double, impulse: Bool, rate: Double = 100) -> (found: [Side?], truth: [Side]) {
        let steps = walk(rollDeg: rollDeg, impulse: impulse, rate: rate).steps
        return (steps.map(\.side), steps.indices.map { $0 % 2 == 0 ? .left : .right })
    }

    /// The steps and the bout the sequencer makes of that walk.
    private func walk(rollDeg: Double, impulse: Bool, rate: Double = 100) -> (steps: [Step], bout: Bout?) {
        let stride = 1.1, w = 2 * Double.pi / stride, g = standardGravity
        let contacts = (0..<30).map { 3.0 + Double($0) * stride / 2 }
        let roll = rollDeg * .pi / 180, sway = 0.02
        let acc = (0..<Int(rate * 22)).map { i -> SIMD3<Double> in
            let t = Double(i) / rate
            let phase = w * (t - 3.0 - stride / 4)  // 0 at mid left stance, the body furthest left
            var lateral = -w * w * sway * cos(phase) + g * roll * cos(phase) + 0.5 * sin(2 * phase + 0.7)
            var forward = 0.0, up = 0.0
            for (k, c) in contacts.enumerated() {
                let u = t - c
                forward += 1.5 * exp(-0.5 * pow(u / 0.025, 2))
                up += 2.0 * exp(-0.5 * pow((u - 0.045) / 0.05, 2))
                let towardsMidline: Double = k % 2 == 0 ? -1 : 1  // left positive: a left foot pushes right
                if impulse, u > 0.02, u < 0.6 {
                    lateral += towardsMidline * 1.2 * sin(2 * .pi * 6 * (u - 0.02)) * exp(-(u - 0.02) / 0.12)
                }
            }
            return SIMD3(forward, lateral, g + up)  // x forward, y left, z up
        }
        let frame = BodyFrame(up: SIMD3(0, 0, 1), forward: SIMD3(1, 0, 0), left: SIMD3(0, 1, 0), gravity: g)
        let configuration = AnalysisConfiguration()
        let found = WindowContactDetector(configuration: configuration, rate: rate)
            .detect(acc: acc, gyr: [], frame: frame, core: 0..<acc.count, offset: 0)
            .filter { !$0.closesWalking }
        XCTAssertEqual(found.count, contacts.count)
        for (candidate, c) in zip(found, contacts) { XCTAssertEqual(Double(candidate.index) / rate, c, accuracy: max(0.02, 1 / rate)) }
        var sequencer = ContactSequencer(
            configuration: configuration,
            context: .init(rate: rate, startTime: 0, stepLength: ZijlstraStepLengthEstimator(sensorHeightM: 0.9)),
            tally: RecordingTally(resolutionS: 0.01))
        var out = [AnalysisEvent]()
        for candidate in found { sequencer.add(candidate, into: &out) }
        sequencer.finish(into: &out)
        let steps = out.compactMap { if case .step(let s) = $0 { return s } else { return nil } }
        XCTAssertEqual(steps.count, contacts.count)
        return (steps, out.lazy.compactMap { if case .bout(let b) = $0 { return b } else { return nil } }.first)
    }

    /// The fraction of contacts given their own foot.
    private func rightFraction(_ r: (found: [Side?], truth: [Side])) -> Double {
        XCTAssertEqual(r.found.count, r.truth.count)
        return Double(zip(r.found, r.truth).filter { $0 == $1 }.count) / Double(r.truth.count)
    }

    func testLoadingImpulseOutvotesTheTiltedSway() {
        XCTAssertEqual(rightFraction(sides(rollDeg: 0, impulse: false)), 1, "the sway alone, untilted")
        // 4.7° of roll: g·φ = 0.81 m/s² against the sway's 0.65 m/s²; the sideways velocity reverses.
        XCTAssertEqual(rightFraction(sides(rollDeg: 4.7, impulse: false)), 0, "the tilt reverses the sway's vote")
        XCTAssertEqual(rightFraction(sides(rollDeg: 4.7, impulse: true)), 1, "the loading impulse outvotes it")
        XCTAssertEqual(rightFraction(sides(rollDeg: 0, impulse: true)), 1)
    }

    /// At 20 Hz the band's top (10 Hz) would reach the Nyquist frequency; it is kept under it
    /// (0.45 × the rate) and the impulse still outvotes the tilt.
    func testLoadingImpulseAtALowRate() {
        XCTAssertEqual(rightFraction(sides(rollDeg: 4.7, impulse: true, rate: 20)), 1)
    }

    /// When neither vote can tell the feet apart the confidence says so, and the recording's notes
    /// tell the researcher not to read it per side. A roll of 3.8° tilts in g·φ = 0.65 m/s², as
    /// much as the sway's own acceleration: the sideways velocity is left with what both feet
    /// share, and without the loading impulse nothing else votes. (The 4.7° walk above, where the
    /// impulse outvotes a reversed sway, has every side right at a median of 0.62: the votes
    /// disagree, and the confidence says that too.)
    func testSideConfidenceMedianMarksAWalkWithoutSideEvidence() throws {
        let cancelled = walk(rollDeg: 3.8, impulse: false)
        let clear = walk(rollDeg: 0, impulse: true)
        let low = try XCTUnwrap(cancelled.bout?.measures.sideConfidenceMedian)
        let high = try XCTUnwrap(clear.bout?.measures.sideConfidenceMedian)
        XCTAssertLessThan(low, GaitMeasures.sideConfidenceMedianFloor)
        XCTAssertGreaterThanOrEqual(high, GaitMeasures.sideConfidenceMedianFloor)
        // The bout's median is that of its steps' confidences, to the 0.005 it is rounded to.
        for w in [cancelled, clear] {
            let sorted = w.steps.compactMap(\.sideConfidence).sorted()
            let exact = 0.5 * (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2])
            XCTAssertEqual(try XCTUnwrap(w.bout?.measures.sideConfidenceMedian), exact, accuracy: 0.0025)
        }
        let note = try XCTUnwrap(GaitEngine.sideReliabilityNote(cancelled.bout!.measures, hasGyroscope: false))
        XCTAssertTrue(note.contains("side_confidence"), note)
        XCTAssertNil(GaitEngine.sideReliabilityNote(cancelled.bout!.measures, hasGyroscope: true),
                     "with a gyroscope the floor does not apply")
        XCTAssertNil(GaitEngine.sideReliabilityNote(clear.bout!.measures, hasGyroscope: false))
    }

    /// The median is kept in bounded memory, rounded to 0.005: a step whose nine neighbours all
    /// agree (1) stays 1, and an even count takes the mean of the two middle values.
    func testSideConfidenceCountsMedian() {
        var counts = BinnedMedian(lower: 0.5, upper: 1)
        XCTAssertNil(counts.median)
        for c in [1.0, 1.0, 1.0] { counts.add(c) }
        XCTAssertEqual(counts.median, 1)
        counts = BinnedMedian(lower: 0.5, upper: 1)
        for c in [0.5, 0.6213, 0.9, 0.55] { counts.add(c) }
        XCTAssertEqual(try XCTUnwrap(counts.median), 0.5 * (0.55 + 0.62), accuracy: 1e-12)
        // Values beyond the range count at its ends.
        counts = BinnedMedian(lower: 0, upper: 2)
        for c in [3.0, 2.5, 0.1] { counts.add(c) }
        XCTAssertEqual(counts.median, 2)
    }

    /// Walking slower than the real recordings of docs/validation.md (0.88–1.63 m/s) is noted, with
    /// its speed; at or above the bound, and without a speed, nothing is said.
    func testSlowWalkingIsNoted() throws {
        var m = GaitMeasures()
        XCTAssertNil(GaitEngine.slowWalkingNote(m), "no speed, no note")
        m.speedMps = 0.85
        XCTAssertNil(GaitEngine.slowWalkingNote(m))
        m.speedMps = 0.61
        let note = try XCTUnwrap(GaitEngine.slowWalkingNote(m))
        XCTAssertTrue(note.hasPrefix("walking at 0.61 m/s, slower than the real recordings"), note)
        XCTAssertFalse(note.contains(" | "), "notes never contain the batch separator")
    }
}
