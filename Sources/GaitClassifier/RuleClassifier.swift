import GaitCore

/// First rule-based flags from the summary measures (docs/classifier.md). Each rule uses a
/// published reference value, suppresses deviations within measurement error, and lowers its
/// confidence when strides are few or sides uncertain. Supports research; not a diagnosis.
///
/// Rules in this version:
/// - `antalgic`: step-time symmetry index above the 10 % criterion with the longer side beyond
///   measurement error; the flagged side is the one whose stance is short: the foot whose
///   contralateral steps are short, i.e. the side opposite the short steps.
/// - `short_stride`: walking speed ≥ 2 SD below the age/sex stratum mean and by more than the
///   speed measurement error.
/// - `irregular`: stride-time CV above the healthy 6 % bound from at least `minStrides` strides.
public struct RuleClassifier: Sendable {
    /// Fewer steps than this give no flags (about 10 strides).
    public var minSteps = 20
    /// Stride-time variability needs more strides than a mean does.
    public var minStrides = 20

    public init() {}

    public func classify(summary: Summary, subject: Subject, meanSideConfidence: Double?) -> [Flag] {
        let m = summary.measures
        guard m.nSteps >= minSteps else { return [] }
        let amount = min(1, Double(m.nSteps) / 100)
        let sideTrust = meanSideConfidence ?? 0.5
        var flags = [Flag]()

        if let a = m.stepTimeAsymmetry, a.pct > ReferenceValues.asymmetryCriterionPct, let longer = a.longerSide {
            let score = min(1, (a.pct - ReferenceValues.asymmetryCriterionPct) / ReferenceValues.asymmetryCriterionPct)
            flags.append(Flag(
                pattern: "antalgic", side: longer, score: score, confidence: amount * sideTrust,
                evidence: [Evidence(metric: "step_time_asymmetry_pct", value: a.pct,
                                    reference: "≤ \(Int(ReferenceValues.asymmetryCriterionPct)) %",
                                    source: ReferenceValues.asymmetrySource)]))
        }

        if let v = m.speedMps {
            let (expected, _) = ReferenceValues.expectedSpeed(age: subject.ageYears, sex: subject.sex)
            let z = (v - expected) / ReferenceValues.speedSD
            if z <= -2, expected - v > ReferenceValues.speedMeasurementError {
                flags.append(Flag(
                    pattern: "short_stride", side: nil, score: min(1, (-z - 2) / 2), confidence: amount,
                    evidence: [Evidence(metric: "speed_mps", value: v,
                                        reference: "mean \(expected) m/s, z ≤ −2 with SD \(ReferenceValues.speedSD)",
                                        source: "\(ReferenceValues.speedSource); SD: \(ReferenceValues.speedSDSource)"),
                               Evidence(metric: "speed_z", value: z, reference: "> −2", source: ReferenceValues.speedSource)]))
            }
        }

        if let cv = m.strideTimeCVPct, m.nSteps / 2 >= minStrides, cv > ReferenceValues.strideTimeCVUpperPct {
            flags.append(Flag(
                pattern: "irregular", side: nil,
                score: min(1, (cv - ReferenceValues.strideTimeCVUpperPct) / ReferenceValues.strideTimeCVUpperPct),
                confidence: amount,
                evidence: [Evidence(metric: "stride_time_cv_pct", value: cv,
                                    reference: "< \(Int(ReferenceValues.strideTimeCVUpperPct)) %",
                                    source: ReferenceValues.strideTimeCVSource)]))
        }
        return flags
    }
}
