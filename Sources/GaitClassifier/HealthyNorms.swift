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

    /// |z| at or beyond which a confirming measure supports a flag (gait-reference-values.md §8,
    /// rule 3: |z| ≥ 2).
    public static let confirmingZ = 2.0

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
    /// Symmetry index of the lateral trunk excursion towards each stance foot, % (lateral_shift).
    public var lateralExcursionAsymmetryPct: HealthyNorm
    /// Symmetry index of the vertical acceleration peak at initial contact, % (impact_asymmetry).
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

    /// Fitted to the per-trial summaries of healthy recordings: `(lateral SI, impact SI,
    /// roll + yaw range, stride − step regularity, speed)`, each nil where not measured.
    public static func fit(_ trials: [(lateralPct: Double?, impactPct: Double?, rotationDeg: Double?, regularityGap: Double?, speedMps: Double?)],
                           source: String) -> HealthyNorms? {
        let rotation = trials.compactMap { t in t.rotationDeg.flatMap { r in t.speedMps.map { (r, $0) } } }
        guard let lateral = HealthyNorm.fit(trials.compactMap(\.lateralPct)),
              let impact = HealthyNorm.fit(trials.compactMap(\.impactPct)),
              let rot = HealthyNorm.fit(rotation.map(\.0), speeds: rotation.map(\.1)),
              let gap = HealthyNorm.fit(trials.compactMap(\.regularityGap)) else { return nil }
        return HealthyNorms(lateralExcursionAsymmetryPct: lateral, impactAsymmetryPct: impact,
                            trunkRotationRangeDeg: rot, stepAsymmetryRegularity: gap, source: source)
    }
}

extension GaitMeasures {
    /// Vertical stride regularity minus step regularity; nil where either is missing.
    public var regularityGap: Double? { strideRegularityV.flatMap { s in stepRegularityV.map { s - $0 } } }
}
