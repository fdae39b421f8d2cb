import GaitCore
import XCTest

@testable import GaitSimulator

/// Each compensatory pattern, at severe against none for the same subject, changes what it is
/// documented to change (docs/simulator.md, "Compensatory patterns"), in physical units.
final class PatternTests: XCTestCase {
    private let g = standardGravity

    /// A noise-free, aligned, untilted subject so that body axes are sensor axes.
    private func parameters(_ pattern: SimulatedPattern, _ severity: PatternSeverity, side: Side? = nil,
                            seed: UInt64 = 61, durationS: Double = 120) -> SimulationParameters {
        SimulationParameters(seed: seed, durationS: durationS, tilt: SensorTilt.none, noise: .none, pattern: pattern,
                             severity: severity, affectedSide: side)
    }

    /// Steps with a step time, away from the bouts' ends (the motion fades in and out there).
    private func steadySteps(_ truth: AnalysisResult) -> [Step] {
        truth.bouts.flatMap { bout in
            Array(truth.steps.filter { $0.bout == bout.index && $0.stepTimeS != nil }.dropFirst(3).dropLast(3))
        }
    }

    func testSeverityNoneIsTheNormalRecording() throws {
        let normal = SimulatedRecording.simulate(SimulationParameters(seed: 8, durationS: 40))
        for pattern in SimulatedPattern.allCases where pattern != .normal {
            let p = SimulationParameters(seed: 8, durationS: 40, pattern: pattern, severity: .none,
                                         affectedSide: pattern.hasSide ? .right : nil)
            try p.validate()
            let rec = SimulatedRecording.simulate(p)
            XCTAssertEqual(rec.csvBytes(), normal.csvBytes(), "\(pattern) at severity none")
            XCTAssertEqual(rec.truth.steps, normal.truth.steps)
            XCTAssertTrue(rec.truth.flags.isEmpty)
        }
    }

    func testPatternsAreDeterministicAndChangeTheRecording() {
        let normal = SimulatedRecording.simulate(SimulationParameters(seed: 9, durationS: 30)).csvBytes()
        for pattern in SimulatedPattern.allCases where pattern != .normal {
            let p = SimulationParameters(seed: 9, durationS: 30, pattern: pattern, severity: .moderate)
            let a = SimulatedRecording.simulate(p).csvBytes()
            XCTAssertEqual(a, SimulatedRecording.simulate(p).csvBytes(), "\(pattern): same seed, same bytes")
            XCTAssertNotEqual(a, normal, "\(pattern) changes the recording")
        }
    }

    func testTruthFlagsNameThePattern() throws {
        for pattern in SimulatedPattern.allCases where pattern != .normal {
            let side: Side? = pattern.hasSide ? .right : nil
            let truth = SimulationPlan(parameters(pattern, .moderate, side: side, durationS: 60)).truth
            let flag = try XCTUnwrap(truth.flags.first)
            XCTAssertEqual(truth.flags.count, 1)
            XCTAssertEqual(flag.pattern, pattern.rawValue)
            XCTAssertEqual(flag.side, side)
            XCTAssertEqual(flag.severity, "moderate")
            XCTAssertEqual(flag.score, 1)
            XCTAssertEqual(flag.experimental, pattern == .kneeGivingWay)
            XCTAssertEqual(flag.evidence.first?.value, pattern.dose(.moderate))
        }
        let defaultSide = SimulationPlan(parameters(.antalgic, .mild)).truth.flags.first?.side
        XCTAssertEqual(defaultSide, .left, "the affected side defaults to L")
        XCTAssertTrue(SimulationPlan(parameters(.normal, .none)).truth.flags.isEmpty)
    }

    func testAntalgicLengthensTheStepsEndingWithThePainfulSide() {
        for side in Side.allCases {
            let truth = SimulationPlan(parameters(.antalgic, .severe, side: side)).truth
            for m in truth.bouts.map(\.measures) + [truth.summary.measures] {
                XCTAssertEqual(m.stepTimeAsymmetry!.pct, 25, accuracy: 1e-6)
                XCTAssertEqual(m.stepTimeAsymmetry!.longerSide, side)
                XCTAssertEqual(m.stepLengthAsymmetry!.pct, 0, accuracy: 1e-6, "step lengths unchanged")
            }
        }
        let none = SimulationPlan(parameters(.antalgic, .none)).truth.summary.measures
        XCTAssertEqual(none.stepTimeAsymmetry!.pct, 0, accuracy: 1e-6)
    }

    func testShortStrideWalksBelowTheSpeedExpectedForAgeAndSex() {
        var p = parameters(.shortStride, .severe)
        p.ageYears = 65
        p.sex = "M"
        let truth = SimulationPlan(p).truth
        // Bohannon & Andrews 2011, men 60–69: 1.34 m/s; severe: 3 SD of 0.28 m/s below.
        XCTAssertEqual(truth.summary.measures.speedMps!, 1.34 - 3 * 0.28, accuracy: 1e-8)
        XCTAssertEqual(truth.summary.measures.cadenceSpm!, p.patternApplied.resolvedCadenceSpm, accuracy: 1e-6)
        XCTAssertLessThan(p.patternApplied.resolvedCadenceSpm, p.resolvedCadenceSpm, "Alexander: slower, lower cadence")
        XCTAssertEqual(truth.subject.ageYears, 65)
        XCTAssertEqual(truth.subject.sex, "M")
        p.severity = .none
        XCTAssertEqual(SimulationPlan(p).truth.summary.measures.speedMps!, 1.3, accuracy: 1e-8)
    }

    /// Peak lateral excursions of the modelled body sway, per stride from its mean, towards S
    /// and away from it; and the roll's peaks (pelvis dropping on the side opposite S, then on S).
    private func swayPeaks(_ p: SimulationParameters, side: Side) throws -> (sway: Double, roll: Double) {
        let plan = SimulationPlan(p)
        let strides = plan.truth.strides.filter { $0.side == .left }
        var towards = 0.0, away = 0.0, rollTowards = 0.0, rollAway = 0.0, n = 0
        for s in strides.dropFirst(2).dropLast(2) {
            let ts = stride(from: s.startS, to: s.endS, by: 0.001)
            let states = try ts.map { try XCTUnwrap(plan.kinematics.bodyState(at: $0)) }
            let y = states.map(\.y.value), roll = states.map(\.roll.value)
            let my = y.reduce(0, +) / Double(y.count), mr = roll.reduce(0, +) / Double(roll.count)
            let sign: Double = side == .left ? 1 : -1
            towards += sign > 0 ? y.max()! - my : my - y.min()!
            away += sign > 0 ? my - y.min()! : y.max()! - my
            rollTowards += sign > 0 ? roll.max()! - mr : mr - roll.min()!
            rollAway += sign > 0 ? mr - roll.min()! : roll.max()! - mr
            n += 1
        }
        XCTAssertGreaterThan(n, 60)
        func si(_ a: Double, _ b: Double) -> Double { 100 * (a - b) / (0.5 * (a + b)) }
        return (si(towards, away), si(rollTowards, rollAway))
    }

    func testLateralShiftSkewsTheSwayTowardsTheAffectedSide() throws {
        for side in Side.allCases {
            let severe = try swayPeaks(parameters(.lateralShift, .severe, side: side), side: side)
            XCTAssertEqual(severe.sway, 40, accuracy: 1.5, "sway symmetry index towards \(side)")
            XCTAssertGreaterThan(severe.roll, 10, "the pelvis drops further on the side opposite \(side)")
            let moderate = try swayPeaks(parameters(.lateralShift, .moderate, side: side), side: side)
            XCTAssertEqual(moderate.sway, 25, accuracy: 1.5)
            let none = try swayPeaks(parameters(.lateralShift, .none), side: side)
            XCTAssertEqual(none.sway, 0, accuracy: 1.5)
            XCTAssertEqual(none.roll, 0, accuracy: 1.5)
        }
    }

    func testGuardedReducesTrunkRotationAtTheSameSpeed() {
        func rms(_ p: SimulationParameters) -> (roll: Double, yaw: Double, speed: Double) {
            let rec = SimulatedRecording.simulate(p)
            let ranges = rec.truth.bouts.map { Int(($0.startS + 2) * 100)..<Int(($0.endS - 2) * 100) }
            let gyr = ranges.flatMap { rec.gyr[$0] }
            func r(_ v: [Double]) -> Double { (v.map { $0 * $0 }.reduce(0, +) / Double(v.count)).squareRoot() }
            return (r(gyr.map(\.x)), r(gyr.map(\.z)), rec.truth.summary.measures.speedMps!)
        }
        let none = rms(parameters(.guarded, .none)), severe = rms(parameters(.guarded, .severe))
        XCTAssertEqual(severe.roll / none.roll, 0.3, accuracy: 0.01, "roll rate scaled by 0.3")
        XCTAssertEqual(severe.yaw / none.yaw, 0.3, accuracy: 0.01, "yaw rate scaled by 0.3")
        XCTAssertEqual(severe.speed, none.speed, accuracy: 1e-9)
        XCTAssertGreaterThan(none.roll, 0.2, "rad/s: the normal trunk does rotate")
    }

    func testImpactAsymmetryHitsHarderOnTheAffectedSide() {
        /// Mean per side of the peak vertical specific force within 0.12 s after each contact.
        func peaks(_ p: SimulationParameters) -> [Side: Double] {
            let rec = SimulatedRecording.simulate(p)
            var sum: [Side: Double] = [:], count: [Side: Double] = [:]
            for step in steadySteps(rec.truth) {
                let i = Int((step.icS * 100).rounded())
                let peak = rec.acc[i...(i + 12)].map(\.z).max()!
                sum[step.side!, default: 0] += peak
                count[step.side!, default: 0] += 1
            }
            return sum.merging(count) { $0 / $1 }
        }
        let none = peaks(parameters(.impactAsymmetry, .none))
        XCTAssertEqual(none[.left]!, none[.right]!, accuracy: 0.1)
        for side in Side.allCases {
            let severe = peaks(parameters(.impactAsymmetry, .severe, side: side))
            // SI 50 %: transients × 1.25 on S and × 0.75 on the other; vertical peak 2.5 m/s² at 1.3 m/s.
            XCTAssertEqual(severe[side]! - severe[side.opposite]!, 0.5 * 2.5, accuracy: 0.25, "S = \(side)")
            XCTAssertEqual((severe[side]! + severe[side.opposite]!) / 2, (none[.left]! + none[.right]!) / 2,
                           accuracy: 0.15, "the mean impact is unchanged")
        }
    }

    func testIrregularRaisesStrideTimeAndStepLengthVariability() {
        func cv(_ v: [Double]) -> Double {
            let m = v.reduce(0, +) / Double(v.count)
            return 100 * (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1)).squareRoot() / m
        }
        // Eight subjects of 300 s each (≈ 250 strides): the sample CV of one has an SE of ≈ 0.5 points,
        // and clipping the jitter at ±3 SD and rescaling each bout's side means take ≈ 2 % off it.
        let cvs = (60...67).map {
            SimulationPlan(parameters(.irregular, .severe, seed: UInt64($0), durationS: 300)).truth.summary.measures
                .strideTimeCVPct!
        }
        XCTAssertEqual(cvs.reduce(0, +) / Double(cvs.count), 12, accuracy: 0.5)
        let severe = SimulationPlan(parameters(.irregular, .severe, durationS: 300)).truth
        // Step lengths: CV within each side (the sides' means are equal).
        let lengths = severe.steps.filter { $0.side == .left }.compactMap(\.stepLengthM)
        XCTAssertEqual(cv(lengths), 12, accuracy: 1.2)
        let none = SimulationPlan(parameters(.irregular, .none, durationS: 300)).truth
        XCTAssertEqual(none.summary.measures.strideTimeCVPct!, 2, accuracy: 0.5)
        XCTAssertEqual(severe.summary.measures.speedMps!, none.summary.measures.speedMps!, accuracy: 1e-8)
    }
}
