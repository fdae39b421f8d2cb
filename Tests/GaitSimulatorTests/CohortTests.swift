import GaitCore
import GaitTestSupport
import XCTest

@testable import GaitSimulator

/// `SimulatedCohort`: the same seed gives the same people across patterns, drawn as documented.
final class CohortTests: XCTestCase {
    func testSameSeedSamePeopleAcrossPatternsAndSeverities() throws {
        let base = SimulatedCohort.subjects(pattern: .normal, severity: .none, count: 12, seed: 5)
        XCTAssertEqual(base.count, 12)
        XCTAssertEqual(SimulatedCohort.subjects(pattern: .normal, severity: .none, count: 12, seed: 5), base)
        XCTAssertEqual(SimulatedCohort.subjects(pattern: .normal, severity: .none, count: 4, seed: 5), Array(base.prefix(4)))
        for pattern in SimulatedPattern.allCases where pattern != .normal {
            for severity in PatternSeverity.allCases {
                let cohort = SimulatedCohort.subjects(pattern: pattern, severity: severity, count: 12, seed: 5)
                for (a, b) in zip(base, cohort) {
                    XCTAssertEqual(a.parameters.seed, b.parameters.seed)
                    XCTAssertEqual(a.sex, b.sex)
                    XCTAssertEqual(a.ageYears, b.ageYears)
                    XCTAssertEqual(a.heightM, b.heightM)
                    XCTAssertEqual(a.parameters.sensorHeightM, b.parameters.sensorHeightM)
                    XCTAssertEqual(a.parameters.speedMps, b.parameters.speedMps)
                    XCTAssertEqual(a.mountingName, b.mountingName)
                    XCTAssertEqual(b.parameters.pattern, pattern)
                    XCTAssertEqual(b.parameters.severity, severity)
                    XCTAssertEqual(b.affectedSide == nil, !pattern.hasSide)
                    try b.parameters.validate()
                }
            }
        }
        let other = SimulatedCohort.subjects(pattern: .normal, severity: .none, count: 12, seed: 6)
        XCTAssertNotEqual(other.map(\.ageYears), base.map(\.ageYears))
    }

    func testDrawsFollowTheDesign() {
        let cohort = SimulatedCohort.subjects(pattern: .antalgic, severity: .mild, count: 400, seed: 11)
        let women = cohort.filter { $0.sex == "F" }, men = cohort.filter { $0.sex == "M" }
        XCTAssertEqual(Double(women.count) / 400, 0.5, accuracy: 0.08)
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        XCTAssertEqual(mean(women.map(\.heightM)), 1.65, accuracy: 0.015)
        XCTAssertEqual(mean(men.map(\.heightM)), 1.78, accuracy: 0.015)
        XCTAssertTrue(women.allSatisfy { abs($0.heightM - 1.65) <= 0.14 + 1e-12 }, "clipped to ±2 SD")
        XCTAssertTrue(cohort.allSatisfy { (20...69).contains($0.ageYears) })
        XCTAssertEqual(mean(cohort.map(\.ageYears)), 44.5, accuracy: 2.5)
        for s in cohort {
            let expected = ReferenceSpeeds.comfortable(ageYears: s.ageYears, sex: s.sex)
            XCTAssertLessThanOrEqual(abs(s.parameters.speedMps - expected), 0.28 + 1e-12, "within one SD")
            XCTAssertEqual(s.parameters.sensorHeightM! - 0.56 * s.heightM, 0, accuracy: 0.15)
            XCTAssertTrue(s.parameters.includeGyro)
            XCTAssertNil(s.parameters.tilt, "the small tilt is drawn from the recording seed")
            XCTAssertEqual(s.parameters.durationS, 120)
        }
        XCTAssertEqual(Double(cohort.filter { $0.affectedSide == .left }.count) / 400, 0.5, accuracy: 0.08)
        XCTAssertEqual(Set(cohort.map(\.mountingName)).count, SimulatedCohort.mountings.count)
        XCTAssertTrue(SimulatedCohort.subjects(pattern: .guarded, severity: .mild, count: 5, seed: 11)
            .allSatisfy { $0.affectedSide == nil })
    }

    func testShortStrideSubjectsWalkByTheRule() throws {
        for s in SimulatedCohort.subjects(pattern: .shortStride, severity: .moderate, count: 20, seed: 3) {
            try s.parameters.validate()
            let expected = ReferenceSpeeds.comfortable(ageYears: s.ageYears, sex: s.sex)
            XCTAssertEqual(s.parameters.patternApplied.speedMps, expected - 2.5 * 0.28, accuracy: 1e-12)
        }
    }

    /// `PelvisMotionNorm`: the templates' gains make scale 1 the real mean at each speed, the mean
    /// walker of a cohort gets scale 1, and the draws are correlated as between real people.
    func testMotionScalesFollowTheRealNorm() {
        let n = PelvisMotionNorm.voisard
        let gains = n.templateGains(speedMps: n.atSpeedMps)
        XCTAssertEqual(gains.roll, n.roll.mean / n.roll.templateAtSpeed, accuracy: 1e-12)
        XCTAssertEqual(gains.yaw, n.yaw.mean / n.yaw.templateAtSpeed, accuracy: 1e-12)
        XCTAssertEqual(gains.sway, n.sway.mean / n.sway.templateAtSpeed, accuracy: 1e-12)
        XCTAssertGreaterThan(n.templateGains(speedMps: 1.6).yaw, n.templateGains(speedMps: 1.0).yaw, "real yaw grows with speed")
        for v in [0.6, 1.0, 1.6] {
            let mean = n.scales(speedMps: v, draws: (0, 0, 0))
            XCTAssertEqual(mean.roll, 1, accuracy: 1e-12)
            XCTAssertEqual(mean.yaw, 1, accuracy: 1e-12)
            XCTAssertEqual(mean.sway, 1, accuracy: 1e-12)
        }
        var rng = SplitMix64(seed: 3, stream: 0)
        var roll = [Double](), yaw = [Double](), sway = [Double]()
        for _ in 0..<4000 {
            let s = n.scales(speedMps: n.atSpeedMps, draws: (rng.gaussian(), rng.gaussian(), rng.gaussian()))
            roll.append(s.roll); yaw.append(s.yaw); sway.append(s.sway)
        }
        XCTAssertEqual(pearsonCorrelation(roll, yaw), n.correlation.rollYaw, accuracy: 0.05)
        XCTAssertEqual(pearsonCorrelation(roll, sway), n.correlation.rollSway, accuracy: 0.05)
        XCTAssertEqual(pearsonCorrelation(yaw, sway), n.correlation.yawSway, accuracy: 0.05)
        let rollSD = (roll.reduce(0) { $0 + ($1 - 1) * ($1 - 1) } / Double(roll.count)).squareRoot()
        XCTAssertEqual(rollSD * n.roll.mean, n.roll.betweenSD, accuracy: 0.1, "between-person SD, degrees")
    }
}
