import GaitClassifier
import GaitCore
import GaitSimulator
import GaitTestSupport
import GaitValidation
import XCTest

/// `PelvisMotionNorm.voisard` (the simulator's healthy roll, yaw and sway against speed) is what
/// the analysis measures on the 80 Voisard trials today. It depends on the measured speed, so a
/// change of step length or contacts makes it stale; until 2026-11-21 it was (roll slope 1.077
/// stored against 0.842 refitted). The same fit as `Benchmarks/pelvis-norm-fit.py`: least squares
/// on speed about the trials' mean speed (`HealthyNorm.fit`); between-person SD from the
/// subjects' mean residuals, less the mean within-subject variance over the trials per subject;
/// correlations between the subjects' mean residuals.
final class PelvisMotionNormFitTests: XCTestCase {
    struct Fit {
        var line: HealthyNorm
        var betweenSD: Double
        var subjectResiduals: [String: Double]
    }

    static func fit(_ rows: [(subject: String, speed: Double, value: Double)]) throws -> Fit {
        let line = try XCTUnwrap(HealthyNorm.fit(rows.map(\.value), speeds: rows.map(\.speed)))
        var bySubject: [String: [Double]] = [:]
        for r in rows { bySubject[r.subject, default: []].append(r.value - line.expected(speed: r.speed)) }
        func average(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
        let subjectMeans = bySubject.mapValues(average)
        let m = average(Array(subjectMeans.values))
        var between = 0.0
        for x in subjectMeans.values { between += (x - m) * (x - m) }
        between /= Double(subjectMeans.count - 1)
        var within = [Double]()
        for e in bySubject.values where e.count > 1 {
            let em = average(e)
            var v = 0.0
            for x in e { v += (x - em) * (x - em) }
            within.append(v / Double(e.count - 1) / Double(e.count))
        }
        return Fit(line: line, betweenSD: max(between - average(within), 0).squareRoot(), subjectResiduals: subjectMeans)
    }

    /// The correlation between people of two measures, over the subjects' mean residuals.
    static func correlation(_ a: [String: Double], _ b: [String: Double]) -> Double {
        let keys = a.keys.sorted()
        return pearsonCorrelation(keys.map { a[$0]! }, keys.map { b[$0]! })
    }

    func testBuiltInNormMatchesAFreshFit() throws {
        guard let dir = TestPaths.voisardDataset else {
            throw XCTSkip("../shared/datasets/voisard-healthy is absent: pelvis-motion norm check skipped")
        }
        let trials = try HealthyFlagEvaluation.trials(directory: dir.path)
        XCTAssertEqual(trials.count, 80)
        var roll: [(subject: String, speed: Double, value: Double)] = [], yaw = roll, sway = roll
        for t in trials {
            let m = t.summary.measures
            let v = try XCTUnwrap(m.speedMps, t.code)
            roll.append((t.subjectID, v, try XCTUnwrap(m.pelvisRollRangeDeg, t.code)))
            yaw.append((t.subjectID, v, try XCTUnwrap(m.pelvisYawRangeDeg, t.code)))
            let lateral = try XCTUnwrap(m.lateralExcursionAsymmetry, t.code)
            sway.append((t.subjectID, v, 0.5 * (lateral.left + lateral.right)))  // lateral_excursion_m
        }
        let stored = PelvisMotionNorm.voisard
        let fits = [(try Self.fit(roll), stored.roll, 0.0006), (try Self.fit(yaw), stored.yaw, 0.0006),
                    (try Self.fit(sway), stored.sway, 0.000006)]
        for (fresh, built, tolerance) in fits {
            XCTAssertEqual(stored.atSpeedMps, fresh.line.referenceSpeedMps, accuracy: 0.00006)
            XCTAssertEqual(built.mean, fresh.line.mean, accuracy: tolerance)
            XCTAssertEqual(built.slopePerMps, fresh.line.slopePerMps, accuracy: tolerance)
            XCTAssertEqual(built.betweenSD, fresh.betweenSD, accuracy: tolerance)
        }
        let r = (fits[0].0.subjectResiduals, fits[1].0.subjectResiduals, fits[2].0.subjectResiduals)
        XCTAssertEqual(stored.correlation.rollYaw, Self.correlation(r.0, r.1), accuracy: 0.0006)
        XCTAssertEqual(stored.correlation.rollSway, Self.correlation(r.0, r.2), accuracy: 0.0006)
        XCTAssertEqual(stored.correlation.yawSway, Self.correlation(r.1, r.2), accuracy: 0.0006)
    }
}
