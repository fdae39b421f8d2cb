import GaitClassifier
import GaitCore
import GaitTestSupport
import GaitValidation
import XCTest

final class HealthyNormsTests: XCTestCase {
    func testSpeedAdjustedFitRecoversALine() throws {
        let speeds = [0.8, 1.0, 1.2, 1.4, 1.6]
        let values = speeds.enumerated().map { 10 + 5 * $0.element + ($0.offset % 2 == 0 ? 0.5 : -0.5) }
        let n = try XCTUnwrap(HealthyNorm.fit(values, speeds: speeds))
        XCTAssertEqual(n.slopePerMps, 5, accuracy: 0.6)
        XCTAssertEqual(n.expected(speed: 1.2), 16, accuracy: 0.3)
        XCTAssertEqual(n.z(n.expected(speed: 1.0) + 2 * n.sd, speed: 1.0), 2, accuracy: 1e-9)
        let flat = try XCTUnwrap(HealthyNorm.fit([1, 2, 3, 4, 5]))
        XCTAssertEqual(flat.mean, 3)
        XCTAssertEqual(flat.sd, (2.5).squareRoot(), accuracy: 1e-12)
        XCTAssertNil(HealthyNorm.fit([1, 1, 1]), "no spread, no norm")
    }

    /// The random-effects norm: τ is where the generalised Q statistic, recomputed here from its
    /// definition, meets the 2.5 % quantile of χ²; values that scatter only by their own error
    /// give τ = 0; the χ² quantile is within 0.1 % of the tabulated one.
    func testRandomEffectsNormTakesOutEachRecordingsError() throws {
        // Tabulated χ² quantiles (R: qchisq(0.025, df), qchisq(0.975, df)).
        XCTAssertEqual(HealthyNorm.chiSquaredQuantile(0.025, degreesOfFreedom: 79), 56.3089, accuracy: 0.056)
        XCTAssertEqual(HealthyNorm.chiSquaredQuantile(0.025, degreesOfFreedom: 30), 16.7908, accuracy: 0.017)
        XCTAssertEqual(HealthyNorm.chiSquaredQuantile(0.975, degreesOfFreedom: 79), 105.4728, accuracy: 0.105)

        // 40 recordings: true values ±6 about 2, each measured with error 3 or 5.
        let values: [Double] = (0..<40).map { i in
            let sign: Double = i % 2 == 0 ? 1 : -1
            return 2 + 6 * sign + Double(i % 5 - 2)
        }
        let errors: [Double] = (0..<40).map { $0 % 3 == 0 ? 5 : 3 }
        let n = try XCTUnwrap(HealthyNorm.fitRandomEffects(values, standardErrors: errors))
        func q(_ tau2: Double) -> Double {
            var sw = 0.0, swx = 0.0
            for (e, x) in zip(errors, values) { sw += 1 / (e * e + tau2); swx += x / (e * e + tau2) }
            let mu = swx / sw
            var total = 0.0
            for (e, x) in zip(errors, values) { total += (x - mu) * (x - mu) / (e * e + tau2) }
            return total
        }
        XCTAssertEqual(q(n.sd * n.sd), HealthyNorm.chiSquaredQuantile(0.025, degreesOfFreedom: 39), accuracy: 1e-6)
        XCTAssertEqual(n.mean, 2, accuracy: 1)
        XCTAssertGreaterThan(n.sd, 4, "the spread beyond the errors is found")
        // One value: beyond normZ for a precise recording, within it for a noisy one.
        let far = n.mean + 2.46 * n.sd * 1.2
        XCTAssertGreaterThan(try XCTUnwrap(n.z(far, standardError: 0.5)), 2.46)
        XCTAssertLessThan(try XCTUnwrap(n.z(far, standardError: 6)), 2.46)

        let alike = try XCTUnwrap(HealthyNorm.fitRandomEffects([1, 1.5, 0.5, 1, 1.2, 0.8], standardErrors: [2, 2, 2, 2, 2, 2]))
        XCTAssertEqual(alike.sd, 0, "values that scatter less than their errors show no spread of their own")
        XCTAssertEqual(alike.mean, 1, accuracy: 1e-12)
        XCTAssertNil(HealthyNorm.fitRandomEffects([1, 2, 3], standardErrors: [1, 0, 1]), "an error of 0 is not a measurement")
    }

    /// The signed symmetry index and its standard error by the delta method, against central
    /// differences.
    func testSignedSymmetryIndexAndItsError() {
        let a = Asymmetry(left: 0.6, right: 0.4, resolution: 0.01, leftSE: 0.01, rightSE: 0.02)
        XCTAssertEqual(a.signedPct, 40, accuracy: 1e-12)
        XCTAssertEqual(Asymmetry(left: 0.4, right: 0.6, resolution: 0.01).signedPct, -40, accuracy: 1e-12)
        func si(_ l: Double, _ r: Double) -> Double { 100 * (l - r) / (0.5 * (l + r)) }
        let h = 1e-6
        let dl = (si(0.6 + h, 0.4) - si(0.6 - h, 0.4)) / (2 * h), dr = (si(0.6, 0.4 + h) - si(0.6, 0.4 - h)) / (2 * h)
        let expected = ((dl * 0.01) * (dl * 0.01) + (dr * 0.02) * (dr * 0.02)).squareRoot()
        XCTAssertEqual(a.signedPctSE!, expected, accuracy: 1e-6)
        XCTAssertNil(Asymmetry(left: 0.6, right: 0.4, resolution: 0.01).signedPctSE)
    }

    /// The built-in norms are what the command fits to the healthy recordings today, and the
    /// classifier flags at most 5 % of those trials when each subject is left out of the norms
    /// (issue 5's target).
    func testBuiltInNormsMatchAFreshFitAndFewHealthyTrialsAreFlagged() throws {
        guard let dir = TestPaths.voisardDataset else {
            throw XCTSkip("../shared/datasets/voisard-healthy is absent: healthy-norm check skipped")
        }
        let trials = try HealthyFlagEvaluation.trials(directory: dir.path)
        XCTAssertEqual(trials.count, 80)
        let fresh = try XCTUnwrap(HealthyFlagEvaluation.norms(trials))
        let built = HealthyNorms.voisard
        for (a, b) in [(fresh.lateralExcursionAsymmetryPct, built.lateralExcursionAsymmetryPct),
                       (fresh.impactAsymmetryPct, built.impactAsymmetryPct),
                       (fresh.trunkRotationRangeDeg, built.trunkRotationRangeDeg),
                       (fresh.stepAsymmetryRegularity, built.stepAsymmetryRegularity)] {
            XCTAssertEqual(a.mean, b.mean, accuracy: 0.0006)
            XCTAssertEqual(a.sd, b.sd, accuracy: 0.0006)
            XCTAssertEqual(a.slopePerMps, b.slopePerMps, accuracy: 0.0006)
        }
        let judged = HealthyFlagEvaluation.leaveOneSubjectOut(trials)
        let flagged = judged.filter { $0.flags.contains { !$0.experimental } }.count
        XCTAssertLessThanOrEqual(Double(flagged) / Double(trials.count), 0.05)
    }
}
