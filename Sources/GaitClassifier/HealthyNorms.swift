import Foundation
import GaitCore

/// A healthy norm for a measure that has no published cut-off: its mean (optionally a linear
/// function of walking speed) and the spread about it, from recordings of healthy adults made with
/// a lower-back sensor and analysed by this same pipeline (gait-reference-values.md §8, rule 3:
/// "use a z-score against … norms from the same sensor and algorithm").
public struct HealthyNorm: Sendable, Hashable {
    /// Mean at `referenceSpeedMps` (or the mean, where `slopePerMps` is 0).
    public var mean: Double
    /// Change of the mean per m/s of walking speed (least squares over the healthy trials).
    public var slopePerMps: Double
    /// Speed at which `mean` holds, m/s.
    public var referenceSpeedMps: Double
    /// Standard deviation of the healthy trials about the (speed-adjusted) mean.
    public var sd: Double

    public init(mean: Double, sd: Double, slopePerMps: Double = 0, referenceSpeedMps: Double = 0) {
        self.mean = mean
        self.sd = sd
        self.slopePerMps = slopePerMps
        self.referenceSpeedMps = referenceSpeedMps
    }

    /// The expected healthy value at `speed` (the mean where no speed is known or no slope).
    public func expected(speed: Double?) -> Double {
        guard let speed, slopePerMps != 0 else { return mean }
        return mean + slopePerMps * (speed - referenceSpeedMps)
    }

    public func z(_ value: Double, speed: Double? = nil) -> Double { (value - expected(speed: speed)) / sd }

    /// z of a value measured with standard error `standardError`, against a norm whose `sd` is the
    /// spread of the true values (`fitRandomEffects`): a healthy recording's value scatters about
    /// the mean by √(sd² + SE²), so a short recording is not flagged for its own noise. Nil where
    /// both are 0.
    public func z(_ value: Double, standardError: Double) -> Double? {
        let spread = (sd * sd + standardError * standardError).squareRoot()
        return spread > 0 ? (value - mean) / spread : nil
    }

    /// |z| at or beyond which a confirming measure supports a flag (gait-reference-values.md §8,
    /// rule 3: |z| ≥ 2).
    public static let confirmingZ = 2.0

    /// Random-effects norm of `values` measured with standard errors `standardErrors`: `sd` is τ,
    /// the spread of the true values between recordings once each recording's own measurement
    /// error is taken out, and `mean` the mean weighted by 1/(SE² + τ²).
    ///
    /// τ is the upper limit of its 95 % Q-profile confidence interval (Viechtbauer W. Confidence
    /// intervals for the amount of heterogeneity in meta-analysis. Stat Med 2007;26(1):37–52,
    /// doi:10.1002/sim.2514): the τ² at which the generalised Q statistic
    /// Σ (xᵢ − μ(τ²))² / (SEᵢ² + τ²) falls to the 2.5 % quantile of χ² with k − 1 degrees of
    /// freedom. The point estimate (DerSimonian & Laird 1986) is 0 whenever the values scatter
    /// no more than their errors, which would let a long recording be flagged for an asymmetry
    /// that healthy people may well have; the upper limit claims no more likeness between
    /// healthy people than the data show. Nil with fewer than 3 values or an error that is not
    /// positive.
    public static func fitRandomEffects(_ values: [Double], standardErrors: [Double]) -> HealthyNorm? {
        guard values.count >= 3, standardErrors.count == values.count, standardErrors.allSatisfy({ $0 > 0 }) else { return nil }
        func weightedMean(_ tau2: Double) -> Double {
            let w = standardErrors.map { 1 / ($0 * $0 + tau2) }
            return zip(w, values).reduce(0) { $0 + $1.0 * $1.1 } / w.reduce(0, +)
        }
        func q(_ tau2: Double) -> Double {
            let mu = weightedMean(tau2)
            return zip(standardErrors, values).reduce(0) { $0 + ($1.1 - mu) * ($1.1 - mu) / ($1.0 * $1.0 + tau2) }
        }
        let target = chiSquaredQuantile(0.025, degreesOfFreedom: Double(values.count - 1))
        var lo = 0.0, hi = 1.0
        if q(0) > target {
            while q(hi) > target { lo = hi; hi *= 4 }
            for _ in 0..<100 where hi - lo > 1e-9 * hi {
                let mid = 0.5 * (lo + hi)
                if q(mid) > target { lo = mid } else { hi = mid }
            }
        } else {
            hi = 0
        }
        return HealthyNorm(mean: weightedMean(hi), sd: hi.squareRoot())
    }

    /// The p-quantile of χ² with `k` degrees of freedom, by the Wilson–Hilferty cube-root normal
    /// approximation (Wilson EB, Hilferty MM. Proc Natl Acad Sci USA 1931;17(12):684–688,
    /// doi:10.1073/pnas.17.12.684); at p = 0.025 within 0.1 % of the exact quantile for k ≥ 30
    /// and 0.8 % at k = 10 (against R's qchisq).
    /// p must be 0.025 or 0.975.
    public static func chiSquaredQuantile(_ p: Double, degreesOfFreedom k: Double) -> Double {
        precondition(p == 0.025 || p == 0.975, "only the two-sided 95 % limits are tabulated")
        let z = p < 0.5 ? -1.959963984540054 : 1.959963984540054
        let c = 2 / (9 * k)
        return k * pow(1 - c + z * c.squareRoot(), 3)
    }

    /// Least-squares norm of `values` (with `speeds` for a speed-adjusted one); nil with fewer
    /// than 3 values or no spread.
    public static func fit(_ values: [Double], speeds: [Double]? = nil) -> HealthyNorm? {
        let n = Double(values.count)
        guard values.count >= 3 else { return nil }
        let my = values.reduce(0, +) / n
        guard let speeds, speeds.count == values.count else {
            let sd = (values.reduce(0) { $0 + ($1 - my) * ($1 - my) } / (n - 1)).squareRoot()
            return sd > 0 ? HealthyNorm(mean: my, sd: sd) : nil
        }
        let mx = speeds.reduce(0, +) / n
        let sxx = speeds.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let sxy = zip(speeds, values).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let slope = sxx > 0 ? sxy / sxx : 0
        let residual = zip(speeds, values).reduce(0) { acc, p in
            let e = p.1 - (my + slope * (p.0 - mx))
            return acc + e * e
        }
        let sd = (residual / (n - 2)).squareRoot()
        return sd > 0 ? HealthyNorm(mean: my, sd: sd, slopePerMps: slope, referenceSpeedMps: mx) : nil
    }
}

/// The same-sensor healthy norms the classifier's z-score rules use.
public struct HealthyNorms: Sendable, Hashable {
    /// Signed symmetry index (left larger positive, `Asymmetry.signedPct`) of the lateral trunk
    /// excursion towards each stance foot, % (lateral_shift); a random-effects norm
    /// (`fitRandomEffects`): `sd` is the between-recording spread without measurement error.
    public var lateralExcursionAsymmetryPct: HealthyNorm
    /// Signed symmetry index of the vertical acceleration peak at initial contact, %
    /// (impact_asymmetry); a random-effects norm like the lateral one.
    public var impactAsymmetryPct: HealthyNorm
    /// Pelvic roll range + yaw range over a stride, degrees, adjusted for speed (guarded).
    public var trunkRotationRangeDeg: HealthyNorm
    /// Vertical stride regularity minus step regularity (Moe-Nilssen & Helbostad 2004): how much
    /// less alike consecutive steps are than consecutive strides; the confirmation of the
    /// step-to-step asymmetry patterns (antalgic, impact_asymmetry).
    public var stepAsymmetryRegularity: HealthyNorm
    /// Where the norms come from, for the flags' evidence.
    public var source: String

    public init(lateralExcursionAsymmetryPct: HealthyNorm, impactAsymmetryPct: HealthyNorm,
                trunkRotationRangeDeg: HealthyNorm, stepAsymmetryRegularity: HealthyNorm, source: String) {
        self.lateralExcursionAsymmetryPct = lateralExcursionAsymmetryPct
        self.impactAsymmetryPct = impactAsymmetryPct
        self.trunkRotationRangeDeg = trunkRotationRangeDeg
        self.stepAsymmetryRegularity = stepAsymmetryRegularity
        self.source = source
    }

    /// Fitted to the per-trial summaries of healthy recordings: `(lateral asymmetry, impact
    /// asymmetry, roll + yaw range, stride − step regularity, speed)`, each nil where not measured.
    public static func fit(_ trials: [(lateral: Asymmetry?, impact: Asymmetry?, rotationDeg: Double?, regularityGap: Double?, speedMps: Double?)],
                           source: String) -> HealthyNorms? {
        let rotation = trials.compactMap { t in t.rotationDeg.flatMap { r in t.speedMps.map { (r, $0) } } }
        func signed(_ a: [Asymmetry]) -> HealthyNorm? {
            let measured = a.compactMap { x in x.signedPctSE.map { (x.signedPct, $0) } }
            return HealthyNorm.fitRandomEffects(measured.map(\.0), standardErrors: measured.map(\.1))
        }
        guard let lateral = signed(trials.compactMap(\.lateral)),
              let impact = signed(trials.compactMap(\.impact)),
              let rot = HealthyNorm.fit(rotation.map(\.0), speeds: rotation.map(\.1)),
              let gap = HealthyNorm.fit(trials.compactMap(\.regularityGap)) else { return nil }
        return HealthyNorms(lateralExcursionAsymmetryPct: lateral, impactAsymmetryPct: impact,
                            trunkRotationRangeDeg: rot, stepAsymmetryRegularity: gap, source: source)
    }
}

extension GaitMeasures {
    /// Pelvic roll range + yaw range, degrees (the measure of `HealthyNorms.trunkRotationRangeDeg`);
    /// nil without a gyroscope.
    public var pelvisRotationRangeDeg: Double? { pelvisRollRangeDeg.flatMap { r in pelvisYawRangeDeg.map { r + $0 } } }
}
