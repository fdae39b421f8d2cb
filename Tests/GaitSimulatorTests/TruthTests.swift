import GaitCore
import XCTest

@testable import GaitSimulator

/// The ground truth is internally consistent and reproduces the requested speed and asymmetry.
final class TruthTests: XCTestCase {
    func testStepsAlternateAndAddUp() throws {
        let p = SimulationParameters(seed: 11, durationS: 66)
        let truth = SimulatedRecording.simulate(p).truth
        XCTAssertEqual(truth.bouts.count, 1)
        XCTAssertTrue(truth.flags.isEmpty)
        for bout in truth.bouts {
            let steps = truth.steps.filter { $0.bout == bout.index }
            XCTAssertGreaterThan(steps.count, 100)
            for (a, b) in zip(steps, steps.dropFirst()) {
                XCTAssertEqual(a.side?.opposite, b.side, "sides alternate")
                XCTAssertEqual(b.stepTimeS!, b.icS - a.icS, accuracy: 1e-9)
                XCTAssertLessThan(b.fcS!, b.icS, "toe-off before its contact")
                XCTAssertGreaterThan(b.fcS!, a.icS, "toe-off after the other foot's contact")
            }
            XCTAssertNil(steps[0].stepTimeS)
            XCTAssertNil(steps[0].stepLengthM)
            let times = steps.compactMap(\.stepTimeS).reduce(0, +)
            XCTAssertEqual(times, bout.endS - bout.startS, accuracy: 1e-9, "step times sum to the walking time")
            let distance = steps.compactMap(\.stepLengthM).reduce(0, +)
            XCTAssertEqual(distance, p.speedMps * times, accuracy: 1e-6, "distance = speed × time")
            XCTAssertEqual(bout.measures.speedMps!, p.speedMps, accuracy: 1e-8)
            XCTAssertEqual(bout.measures.cadenceSpm!, p.resolvedCadenceSpm, accuracy: 1e-6)
        }
        XCTAssertEqual(truth.summary.walkingTimeS, truth.bouts.map { $0.endS - $0.startS }.reduce(0, +), accuracy: 1e-9)
        XCTAssertEqual(truth.summary.measures.speedMps!, p.speedMps, accuracy: 1e-8)
    }

    func testStridesAreSumsOfTheirSteps() {
        let truth = SimulatedRecording.simulate(SimulationParameters(seed: 12, durationS: 40)).truth
        XCTAssertFalse(truth.strides.isEmpty)
        for stride in truth.strides {
            let inside = truth.steps.filter { $0.icS > stride.startS + 1e-9 && $0.icS <= stride.endS + 1e-9 }
            XCTAssertEqual(inside.count, 2)
            XCTAssertEqual(stride.strideLengthM!, inside.compactMap(\.stepLengthM).reduce(0, +), accuracy: 1e-9)
            XCTAssertEqual(stride.stanceTimeS! + stride.swingTimeS!, stride.strideTimeS, accuracy: 1e-9)
            XCTAssertEqual(stride.stanceTimeS! / stride.strideTimeS, 0.618, accuracy: 0.03, "stance ≈ 62 %")
            XCTAssertEqual(stride.side, truth.steps.first { abs($0.icS - stride.startS) < 1e-9 }?.side)
        }
    }

    /// Stance shortens by 3.5 % of the cycle per m/s (Kirtley et al. 1985; `GaitPhases`): each
    /// true stride's stance is half the stride plus one double support, 11.8 % of the stride at
    /// 1.2325 m/s, 14.4 % at 0.5 m/s and 10.5 % at 1.6 m/s.
    func testStanceFollowsWalkingSpeed() {
        for speed in [0.5, GaitPhases.referenceSpeedMps, 1.6] {
            let r = SimulatedRecording.simulate(SimulationParameters(seed: 5, durationS: 60, speedMps: speed))
            let fractions = r.truth.strides.compactMap { s in s.stanceTimeS.map { $0 / (s.endS - s.startS) } }
            XCTAssertGreaterThan(fractions.count, 20)
            let mean = fractions.reduce(0, +) / Double(fractions.count)
            let expected = 0.5 + 0.118 - GaitPhases.stanceSlopePerMps * (speed - GaitPhases.referenceSpeedMps)
            XCTAssertEqual(mean, expected, accuracy: 0.004, "stance fraction at \(speed) m/s")
        }
    }

    func testRequestedAsymmetryIsReproduced() throws {
        for (timePct, lengthPct, timeSide, lengthSide) in [(8.0, 12.0, Side.right, Side.left), (20, 3, .left, .right),
                                                          (0.5, 30, .right, .right)] {
            let p = SimulationParameters(seed: 21, durationS: 150, stepTimeAsymmetryPct: timePct,
                                         stepTimeLongerSide: timeSide, stepLengthAsymmetryPct: lengthPct,
                                         stepLengthLongerSide: lengthSide)
            try p.validate()
            let truth = SimulatedRecording.simulate(p).truth
            XCTAssertGreaterThan(truth.bouts.count, 1, "150 s is split into bouts")
            for m in truth.bouts.map(\.measures) + [truth.summary.measures] {
                XCTAssertEqual(m.stepTimeAsymmetry!.pct, timePct, accuracy: 0.5)
                XCTAssertEqual(m.stepLengthAsymmetry!.pct, lengthPct, accuracy: 0.5)
                XCTAssertEqual(m.stepTimeAsymmetry!.longerSide, timeSide)
                XCTAssertEqual(m.stepLengthAsymmetry!.longerSide, lengthSide)
                XCTAssertEqual(m.speedMps!, p.speedMps, accuracy: 1e-6)
            }
        }
    }

    func testSymmetricGaitHasNoLongerSide() {
        let truth = SimulatedRecording.simulate(SimulationParameters(seed: 4, durationS: 60)).truth
        let m = truth.summary.measures
        XCTAssertEqual(m.stepTimeAsymmetry!.pct, 0, accuracy: 1e-6)
        XCTAssertNil(m.stepTimeAsymmetry!.longerSide)
        XCTAssertNil(m.stepLengthAsymmetry!.longerSide)
        XCTAssertEqual(m.strideTimeCVPct!, 2, accuracy: 1.2, "stride-time CV near the default 2 %")
    }

    func testBoutsArePausedLongEnoughToStaySeparate() {
        let p = SimulationParameters(seed: 8, durationS: 600)
        let truth = SimulatedRecording.simulate(p).truth
        XCTAssertEqual(truth.bouts.count, 10)
        for (a, b) in zip(truth.bouts, truth.bouts.dropFirst()) {
            XCTAssertGreaterThan(b.startS - a.endS, 3, "longer than the 3 s break that bout assembly bridges")
        }
        XCTAssertGreaterThanOrEqual(truth.bouts[0].startS, p.structure.standingStartS)
        XCTAssertLessThanOrEqual(truth.bouts.last!.endS, p.durationS - p.structure.standingEndS)
        XCTAssertEqual(truth.input.rows, 60000)
    }

    func testDerivedDefaults() {
        let p = SimulationParameters()
        XCTAssertEqual(p.resolvedSensorHeightM, 0.98, accuracy: 1e-12)
        XCTAssertEqual(p.resolvedCadenceSpm, 121.4, accuracy: 0.2, "Alexander 1976 at 1.3 m/s, height 1.75 m")
        var q = p
        q.cadenceSpm = 100
        q.sensorHeightM = 1.0
        XCTAssertEqual(q.resolvedCadenceSpm, 100)
        XCTAssertEqual(q.resolvedSensorHeightM, 1.0)
    }

    func testInvalidParametersAreRejected() {
        func rejects(_ change: (inout SimulationParameters) -> Void, _ file: StaticString = #filePath, line: UInt = #line) {
            var p = SimulationParameters()
            change(&p)
            XCTAssertThrowsError(try p.validate(), file: file, line: line) { error in
                XCTAssertEqual((error as? GaitError)?.kind, .usage, file: file, line: line)
            }
        }
        rejects { $0.speedMps = 4 }
        rejects { $0.durationS = 8 }
        rejects { $0.durationS = .nan }
        rejects { $0.stepTimeAsymmetryPct = -1 }
        rejects { $0.sensorHeightM = 2.0 }
        rejects { $0.noise.accSDMps2 = -1 }
        rejects { $0.severity = .mild }
        XCTAssertNoThrow(try SimulationParameters().validate())
    }
}

/// Pattern, side, age and sex are checked before anything is simulated.
final class PatternValidationTests: XCTestCase {
    func testInconsistentPatternSettingsAreUsageErrors() {
        let bad: [(SimulationParameters, String)] = [
            (SimulationParameters(pattern: .normal, severity: .mild), "no severity"),
            (SimulationParameters(pattern: .guarded, severity: .mild, affectedSide: .left), "no affected side"),
            (SimulationParameters(stepTimeAsymmetryPct: 5, pattern: .antalgic, severity: .mild), "step-time asymmetry"),
            (SimulationParameters(sex: "X"), "sex"),
            (SimulationParameters(ageYears: 12), "age"),
            (SimulationParameters(pattern: .shortStride, severity: .severe, ageYears: 85, sex: "F"), "short_stride"),
        ]
        for (p, message) in bad {
            XCTAssertThrowsError(try p.validate(), message) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error) should mention \(message)")
            }
        }
        XCTAssertNoThrow(try SimulationParameters(stepTimeAsymmetryPct: 5, pattern: .antalgic, severity: .none).validate())
        XCTAssertNoThrow(try SimulationParameters(pattern: .kneeGivingWay, severity: .severe, affectedSide: .right).validate())
    }
}
