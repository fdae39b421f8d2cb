import GaitCore
import XCTest

@testable import GaitSimulator

/// `knee_giving_way` (experimental): buckling events at the documented rate, each in the single
/// stance of the affected side, a dip the accelerometer sees, and the step cut short.
final class KneeGivingWayTests: XCTestCase {
    private let g = standardGravity

    private func parameters(_ severity: PatternSeverity, side: Side?, durationS: Double = 120,
                            structure: WalkingStructure = WalkingStructure()) -> SimulationParameters {
        // Clean: no tilt, no noise and strides alike (`TrunkVariation.none`), so the events' own
        // shape is what is measured (the stride-to-stride variation alone crosses 0.6 g).
        SimulationParameters(seed: 71, durationS: durationS, tilt: SensorTilt.none, noise: .none, structure: structure,
                             trunkVariation: .none, pattern: .kneeGivingWay, severity: severity, affectedSide: side)
    }

    func testEventsFollowTheRateAndLieInTheAffectedStance() throws {
        for side in Side.allCases {
            let plan = SimulationPlan(parameters(.severe, side: side))
            let events = plan.givingWayEvents, truth = plan.truth
            // Two bouts of ≈ 0.9 min at 2 per minute: round(1.8) = 2 each.
            XCTAssertEqual(truth.bouts.count, 2)
            XCTAssertEqual(events.count, 4)
            let flag = try XCTUnwrap(truth.flags.first)
            XCTAssertEqual(flag.evidence.first { $0.metric == "candidate_events" }?.value, Double(events.count))
            for e in events {
                XCTAssertEqual(e.side, side)
                let bout = truth.steps.filter { $0.bout == e.bout }
                let j = try XCTUnwrap(bout.firstIndex { abs($0.icS - e.contactS) < 1e-12 }, "the early contact is a step")
                let step = bout[j]
                XCTAssertEqual(step.side, side.opposite, "the other foot lands")
                XCTAssertGreaterThan(e.timeS, step.fcS!, "after the other foot's toe-off: single stance on S")
                XCTAssertLessThan(e.timeS, step.icS)
                XCTAssertGreaterThanOrEqual(j, 3, "not in the first two steps")
                XCTAssertLessThanOrEqual(j, bout.count - 3, "not in the last two steps")
            }
        }
    }

    func testRateOverALongBout() {
        let long = WalkingStructure(maxBoutS: 400)
        for (severity, rate) in [(PatternSeverity.mild, 0.5), (.moderate, 1), (.severe, 2)] {
            let plan = SimulationPlan(parameters(severity, side: .left, durationS: 306, structure: long))
            let bout = plan.truth.bouts[0]
            XCTAssertEqual(plan.truth.bouts.count, 1)
            // The planned walking time: the truth's, plus what the cut steps saved (a quarter of each).
            let cutTimes = plan.truth.steps.filter { s in plan.givingWayEvents.contains { abs($0.contactS - s.icS) < 1e-12 } }
            let saved = cutTimes.compactMap(\.stepTimeS).reduce(0, +) / 4
            let minutes = (bout.endS - bout.startS + saved) / 60
            XCTAssertEqual(plan.givingWayEvents.count, Int((rate * minutes).rounded()), "\(severity)")
        }
    }

    func testStepIsCutShortAndTheRestUnchanged() {
        let none = SimulationPlan(parameters(.none, side: .right)).truth
        let plan = SimulationPlan(parameters(.severe, side: .right))
        let severe = plan.truth
        XCTAssertEqual(severe.steps.count, none.steps.count)
        var cut = 0
        for (a, b) in zip(none.steps, severe.steps) {
            XCTAssertEqual(a.side, b.side)
            guard let ta = a.stepTimeS, let tb = b.stepTimeS else { continue }
            if plan.givingWayEvents.contains(where: { abs($0.contactS - b.icS) < 1e-12 }) {
                XCTAssertEqual(tb, 0.8 * ta, accuracy: 1e-9, "the other foot lands 20 % early")
                XCTAssertEqual(b.stepLengthM!, 0.8 * a.stepLengthM!, accuracy: 1e-9, "and 20 % short")
                cut += 1
            } else {
                XCTAssertEqual(tb, ta, accuracy: 1e-9)
                XCTAssertEqual(b.stepLengthM!, a.stepLengthM!, accuracy: 1e-9)
            }
        }
        XCTAssertEqual(cut, plan.givingWayEvents.count)
    }

    func testVerticalSpecificForceDipsOnlyAtTheEvents() throws {
        let p = parameters(.severe, side: .left)
        let rec = SimulatedRecording.simulate(p)
        let plan = SimulationPlan(p)
        let up = try XCTUnwrap(rec.truth.input.verticalAxis)
        let vertical = rec.acc.map { ($0 * up).sum() }
        let w = KneeGivingWay.halfWidthS
        for (i, f) in vertical.enumerated() where f < 0.6 * g {
            let t = rec.time[i]
            XCTAssertTrue(plan.givingWayEvents.contains { abs(t - $0.contactS) < w }, "below 0.6 g at \(t) s")
        }
        for e in plan.givingWayEvents {
            let window = Int(((e.contactS - w) * 100).rounded())...Int(((e.contactS + w) * 100).rounded())
            let low = window.map { vertical[$0] }.min()!
            XCTAssertEqual(low / g, 0.5, accuracy: 0.07, "about 0.5 g at the event at \(e.timeS) s")
        }
        let normal = SimulatedRecording.simulate(parameters(.none, side: .left))
        XCTAssertGreaterThan(normal.acc.map { ($0 * up).sum() }.min()!, 0.65 * g, "normal walking stays above")
    }

    /// The dip is a smooth path: integrating its acceleration twice gives back its depth.
    func testDipIsSmoothAndIntegratesToItsDepth() {
        let w = KneeGivingWay.halfWidthS, dt = 1e-5
        var z = 0.0, v = 0.0, a = KneeGivingWay.dip(-w, contact: 0).accel, t = -w, deepest = 0.0
        while t < w {
            let a1 = KneeGivingWay.dip(t + dt, contact: 0).accel
            z += v * dt + dt * dt * (2 * a + a1) / 6
            v += dt * (a + a1) / 2
            a = a1
            t += dt
            deepest = min(deepest, z)
        }
        XCTAssertEqual(deepest, -KneeGivingWay.depthM, accuracy: 1e-6)
        XCTAssertEqual(z, 0, accuracy: 1e-6)
        XCTAssertEqual(KneeGivingWay.dip(-KneeGivingWay.steepestFall * w, contact: 0).accel, -5.224 * 0.04 / (w * w),
                       accuracy: 1e-3)
    }
}
