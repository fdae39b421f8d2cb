import GaitCore
import GaitTestSupport
import GaitSimulator
import GaitValidation
import XCTest

/// `PelvisMotionNorm.voisard` (the simulator's healthy roll, yaw and sway against speed) is what
/// the analysis measures on the 80 Voisard trials today. It depends on the measured speed, so a
/// change of step length or contacts makes it stale; until 2026-11-21 it was (roll slope 1.077
/// stored against 0.842 refitted). The same fit as `Benchmarks/pelvis-norm-fit.py`: least squares
/// on speed about the trials' mean speed; between-person SD from the subjects' mean residuals,
/// less the mean within-subject variance over the trials per subject; correlations between the
/// subjects' mean residuals.
final class PelvisMotionNormFitTests: XCTestCase {
    struct Fit {
        var mean: Double, slope: Double, sd: Double
        var subjectResiduals: [String: Double]
    }

    static func fit(_ rows: [(subject: String, speed: Double, value: Double)], at v0: Double) -> Fit {
        let mean = rows.map(\.value).reduce(0, +) / Double(rows.count)
        var sxy = 0.0, sxx = 0.0
        for r in rows {
            sxy += (r.speed - v0) * (r.value - mean)
            sxx += (r.speed - v0) * (r.speed - v0)
        }
        let slope = sxy / sxx
        var bySubject: [String: [Double]] = [:]
        for r in rows { bySubject[r.subject, default: []].append(r.value - mean - slope * (r.speed - v0)) }
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
        return Fit(mean: mean, slope: slope, sd: max(between - average(within), 0).squareRoot(),
                   subjectResiduals: subjectMeans)
    }

    static func correlation(_ a: [String: Double], _ b: [String: Double]) -> Double {
        let keys = a.keys.sorted()
        let x = keys.map { a[$0]! }, y = keys.map { b[$0]! }
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (p, q) in zip(x, y) {
            sxy += (p - mx) * (q - my)
            sxx += (p - mx) * (p - mx)
            syy += (q - my) * (q - my)
        }
        return sxy / (sxx * syy).squareRoot()
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
        let v0 = roll.map(\.speed).reduce(0, +) / Double(roll.count)
        let stored = PelvisMotionNorm.voisard
        XCTAssertEqual(stored.atSpeedMps, v0, accuracy: 0.00006)
        let fits = [(Self.fit(roll, at: v0), stored.roll, 0.0006), (Self.fit(yaw, at: v0), stored.yaw, 0.0006),
                    (Self.fit(sway, at: v0), stored.sway, 0.000006)]
        for (fresh, built, tolerance) in fits {
            XCTAssertEqual(built.mean, fresh.mean, accuracy: tolerance)
            XCTAssertEqual(built.slopePerMps, fresh.slope, accuracy: tolerance)
            XCTAssertEqual(built.betweenSD, fresh.sd, accuracy: tolerance)
        }
        let r = (fits[0].0.subjectResiduals, fits[1].0.subjectResiduals, fits[2].0.subjectResiduals)
        XCTAssertEqual(stored.correlation.rollYaw, Self.correlation(r.0, r.1), accuracy: 0.0006)
        XCTAssertEqual(stored.correlation.rollSway, Self.correlation(r.0, r.2), accuracy: 0.0006)
        XCTAssertEqual(stored.correlation.yawSway, Self.correlation(r.1, r.2), accuracy: 0.0006)
    }
}
