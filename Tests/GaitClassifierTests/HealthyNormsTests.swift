import GaitClassifier
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
