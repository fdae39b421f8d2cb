import GaitCore

/// The seven rules. Each pattern's page (docs/patterns/<pattern>.md) gives the clinical meaning,
/// the evidence, the reference values and what a lower-back sensor cannot see.
extension PatternRule {
    /// Antalgic gait: the painful foot's stance is short, so the other foot swings through fast
    /// and the steps that end with the painful foot's contact are the long ones. Step-time
    /// symmetry index (straight steps) above the 10 % criterion of Hodt-Billington et al. 2012, the
    /// longer side beyond 2 SE. Side: the side whose steps are longer.
    static let antalgic = PatternRule(pattern: "antalgic") { c in
        let m = c.measures
        guard let a = m.straightStepTimeAsymmetry ?? m.stepTimeAsymmetry else {
            return (nil, ["antalgic: step times of both sides needed; not assessed"])
        }
        guard a.pct > ReferenceValues.asymmetryCriterionPct, let side = a.longerSide else { return (nil, []) }
        guard let confirm = c.stepAsymmetryConfirmation() else {
            return (nil, ["antalgic: step-time asymmetry \(a.pct.fixed1) % not supported by the step/stride regularity; not flagged"])
        }
        var evidence = [
            confirm,
            Evidence(metric: "step_time_asymmetry_pct", value: a.pct,
                     reference: "≤ \(ReferenceValues.asymmetryCriterionPct.fixed0) % (straight steps)",
                     source: ReferenceValues.asymmetrySource),
            Evidence(metric: "step_time_ratio", value: a.ratio, reference: "0.9–1.1 (L/R)",
                     source: ReferenceValues.symmetryRatioSource),
        ]
        if let s = m.stanceTimeAsymmetry {
            evidence.append(Evidence(metric: "stance_time_asymmetry_pct", value: s.pct,
                                     reference: "supporting only: stance error 6–14 % (Trojaniello 2015)",
                                     source: ReferenceValues.eventErrorSource))
        }
        let score = RuleContext.score(a.pct - ReferenceValues.asymmetryCriterionPct, per: ReferenceValues.asymmetryCriterionPct)
        return (Flag(pattern: "antalgic", side: side, score: score, confidence: c.base * c.sideTrust, evidence: evidence), [])
    }

    /// Shortened stride and slow walking for age and sex: speed z ≤ −2 against the Bohannon &
    /// Andrews 2011 stratum mean (SD 0.28 m/s, Kasović 2021) and more than the 0.13 m/s error of
    /// lower-back speed (Kirk 2024) below it. Height-normalised speed (Kasović 2021) is evidence.
    static let shortStride = PatternRule(pattern: "short_stride") { c in
        let m = c.measures
        guard let v = m.speedMps else { return (nil, ["short_stride: no speed measured; not assessed"]) }
        let (expected, assumption) = ReferenceValues.expectedSpeed(age: c.subject.ageYears, sex: c.subject.sex)
        var notes = assumption.map { ["short_stride: \($0)"] } ?? []
        let z = (v - expected) / ReferenceValues.speedSD
        guard z <= ReferenceValues.speedZ, expected - v > ReferenceValues.speedMeasurementError else { return (nil, notes) }
        var evidence = [
            Evidence(metric: "speed_mps", value: v,
                     reference: "mean \(expected.fixed2) m/s for age/sex, SD \(ReferenceValues.speedSD)",
                     source: "\(ReferenceValues.speedSource); SD: \(ReferenceValues.speedSDSource)"),
            Evidence(metric: "speed_z", value: z, reference: "> \(ReferenceValues.speedZ.fixed0)", source: ReferenceValues.speedSource),
        ]
        if let l = m.strideLengthM {
            evidence.append(Evidence(metric: "stride_length_m", value: l,
                                     reference: "supporting: LBP stride SMD −0.38 (Smith 2022); error 0.21 m (Micó-Amigo 2023)",
                                     source: ReferenceValues.lbpGaitSource))
        }
        if let h = c.subject.heightM {
            evidence.append(Evidence(metric: "height_normalised_speed_per_s", value: v / h,
                                     reference: "supporting: \(ReferenceValues.heightNormalisedSpeed.fixed2) (SD \(ReferenceValues.heightNormalisedSpeedSD.fixed2)) s⁻¹, age ≥ 60",
                                     source: ReferenceValues.speedSDSource))
        } else {
            notes.append("short_stride: body height not given; height-normalised speed not reported")
        }
        let score = RuleContext.score(ReferenceValues.speedZ - z, per: 2)
        return (Flag(pattern: "short_stride", side: nil, score: score, confidence: c.base, evidence: evidence), notes)
    }

    /// Lateral shift of the pelvis and centre of mass: the trunk sways further towards one stance
    /// foot than the other. Symmetry index of the per-side lateral excursion above the 10 %
    /// criterion and |z| ≥ `normZ` against healthy norms, with step times within the 10 %
    /// criterion (a limp alone makes the sway asymmetric: in simulated antalgic gait a 19 %
    /// step-time asymmetry gave a 24–27 % sway asymmetry). Side: the side it sways further towards.
    /// Gyroscope needed: without it the sway measured includes gravity tilted in by the pelvis's
    /// roll, which cancels much of it (`StanceFeatureExtractor.removeTilt`).
    static let lateralShift = PatternRule(pattern: "lateral_shift") { c in
        guard c.measures.pelvisRollRangeDeg != nil else {
            return (nil, ["lateral_shift: needs a gyroscope to take the pelvis's tilt out of the lateral sway; not assessed"])
        }
        guard let a = c.measures.lateralExcursionAsymmetry else {
            return (nil, ["lateral_shift: lateral excursion of both sides needed; not assessed"])
        }
        let norm = c.norms.lateralExcursionAsymmetryPct
        guard let (z, side) = RuleContext.beyondHealthy(a, norm) else { return (nil, []) }
        if let t = c.measures.straightStepTimeAsymmetry, t.pct > ReferenceValues.asymmetryCriterionPct, t.longerSide != nil {
            return (nil, ["lateral_shift: lateral sway asymmetry \(a.pct.fixed1) % comes with a step-time asymmetry of "
                          + "\(t.pct.fixed1) %; a limp alone makes the sway asymmetric (the trunk travels further over the "
                          + "foot it stays on longer), so it is not flagged as a separate shift"])
        }
        let evidence = [
            Evidence(metric: "lateral_excursion_asymmetry_pct", value: a.pct,
                     reference: RuleContext.signedNormReference(a, norm),
                     source: "\(c.norms.source); 10 %: \(ReferenceValues.asymmetrySource)"),
            Evidence(metric: "lateral_excursion_z", value: z, reference: "< \(RuleClassifier.normZ)", source: c.norms.source),
            Evidence(metric: "lateral_excursion_\(side == .left ? "left" : "right")_m", value: side == .left ? a.left : a.right,
                     reference: "other side \((side == .left ? a.right : a.left).fixed3) m; pelvis/COM shift, not thorax lean",
                     source: c.norms.source),
        ]
        let score = RuleContext.score(z - RuleClassifier.normZ, per: 2)
        return (Flag(pattern: "lateral_shift", side: side, score: score, confidence: c.base * c.sideTrust, evidence: evidence), [])
    }

    /// Guarded, stiff walking: less pelvic roll and yaw for the walking speed. Roll + yaw range
    /// z ≤ −`normZ` against speed-adjusted healthy norms. Gyroscope needed.
    static let guarded = PatternRule(pattern: "guarded") { c in
        let m = c.measures
        guard let roll = m.pelvisRollRangeDeg, let yaw = m.pelvisYawRangeDeg else {
            return (nil, ["guarded: needs a gyroscope (pelvic roll and yaw); not assessed"])
        }
        let norm = c.norms.trunkRotationRangeDeg
        let z = norm.z(roll + yaw, speed: m.speedMps)
        guard z <= -RuleClassifier.normZ else { return (nil, []) }
        var evidence = [
            Evidence(metric: "pelvis_rotation_range_deg", value: roll + yaw,
                     reference: "healthy \(norm.expected(speed: m.speedMps).fixed1) (SD \(norm.sd.fixed1)) ° at this speed; flag at z ≤ −\(RuleClassifier.normZ)",
                     source: c.norms.source),
            Evidence(metric: "pelvis_rotation_z", value: z, reference: "> −\(RuleClassifier.normZ)", source: c.norms.source),
            Evidence(metric: "pelvis_roll_range_deg", value: roll, reference: "supporting", source: c.norms.source),
            Evidence(metric: "pelvis_yaw_range_deg", value: yaw, reference: "supporting", source: c.norms.source),
        ]
        if let hr = m.harmonicRatioAP {
            evidence.append(Evidence(metric: "harmonic_ratio_ap", value: hr, reference: "supporting: smoothness (Menz 2003)",
                                     source: ReferenceValues.harmonicRatioSource))
        }
        let score = RuleContext.score(-z - RuleClassifier.normZ, per: 2)
        return (Flag(pattern: "guarded", side: nil, score: score, confidence: c.base, evidence: evidence), [])
    }

    /// Asymmetric impact at initial contact, from the trunk's vertical acceleration peak (a proxy,
    /// not a ground reaction force). Symmetry index above the 10 % criterion (validated for
    /// vertical trunk-acceleration symmetry, Hodt-Billington 2012) and z ≥ `normZ` against healthy
    /// norms. Side: the side with the larger impact.
    static let impactAsymmetry = PatternRule(pattern: "impact_asymmetry") { c in
        guard let a = c.measures.impactAsymmetry else {
            return (nil, ["impact_asymmetry: impacts of both sides needed; not assessed"])
        }
        let norm = c.norms.impactAsymmetryPct
        guard let (z, side) = RuleContext.beyondHealthy(a, norm) else { return (nil, []) }
        guard let confirm = c.stepAsymmetryConfirmation() else {
            return (nil, ["impact_asymmetry: impact asymmetry \(a.pct.fixed1) % not supported by the step/stride regularity; not flagged"])
        }
        let evidence = [
            confirm,
            Evidence(metric: "impact_asymmetry_pct", value: a.pct,
                     reference: RuleContext.signedNormReference(a, norm) + "; trunk acceleration proxy, not a measured force",
                     source: "\(c.norms.source); 10 %: \(ReferenceValues.asymmetrySource)"),
            Evidence(metric: "impact_z", value: z, reference: "< \(RuleClassifier.normZ)", source: c.norms.source),
            Evidence(metric: "impact_peak_\(side == .left ? "left" : "right")_mps2", value: side == .left ? a.left : a.right,
                     reference: "other side \((side == .left ? a.right : a.left).fixed2) m/s²", source: c.norms.source),
        ]
        let score = RuleContext.score(z - RuleClassifier.normZ, per: 2)
        return (Flag(pattern: "impact_asymmetry", side: side, score: score, confidence: c.base * c.sideTrust, evidence: evidence), [])
    }

    /// Irregular walking: stride-time CV above the healthy 6 % bound (Gabell & Nayak 1984) from at
    /// least `minStrides` strides.
    static let irregular = PatternRule(pattern: "irregular") { c in
        guard let cv = c.measures.strideTimeCVPct, c.strides >= c.minStrides else {
            return (nil, ["irregular: stride-time variability needs \(c.minStrides) strides; not assessed"])
        }
        guard cv > ReferenceValues.strideTimeCVUpperPct else { return (nil, []) }
        let evidence = [Evidence(metric: "stride_time_cv_pct", value: cv,
                                 reference: "< \(ReferenceValues.strideTimeCVUpperPct.fixed0) % (healthy median)",
                                 source: ReferenceValues.strideTimeCVSource)]
        let score = RuleContext.score(cv - ReferenceValues.strideTimeCVUpperPct, per: ReferenceValues.strideTimeCVUpperPct)
        return (Flag(pattern: "irregular", side: nil, score: score, confidence: c.base, evidence: evidence), [])
    }

    /// Knee giving way (EXPERIMENTAL; no published detector or cut-off for a lower-back sensor):
    /// stances in which the trunk lost its vertical support (see `StanceFeatures.supportLossS`).
    /// Flagged from one candidate event; side: the stance foot of most events.
    static let kneeGivingWay = PatternRule(pattern: "knee_giving_way") { c in
        let m = c.measures
        guard m.givingWayCandidates > 0 else { return (nil, []) }
        let side: Side? = m.givingWayCandidatesLeft == m.givingWayCandidatesRight ? nil
            : (m.givingWayCandidatesLeft > m.givingWayCandidatesRight ? .left : .right)
        let evidence = [
            Evidence(metric: "candidate_events", value: Double(m.givingWayCandidates),
                     reference: "0 in 80 healthy trials (Voisard); no published cut-off, experimental",
                     source: ReferenceValues.givingWaySource),
            Evidence(metric: "candidate_events_left", value: Double(m.givingWayCandidatesLeft), reference: "stance foot",
                     source: ReferenceValues.givingWaySource),
            Evidence(metric: "candidate_events_right", value: Double(m.givingWayCandidatesRight), reference: "stance foot",
                     source: ReferenceValues.givingWaySource),
        ]
        let score = Swift.min(1, Double(m.givingWayCandidates) / 4)
        return (Flag(pattern: "knee_giving_way", side: side, score: score, confidence: c.base * c.sideTrust * 0.5,
                     evidence: evidence, experimental: true), [])
    }
}

extension RuleContext {
    /// An asymmetry past both the published 10 % criterion (Hodt-Billington et al. 2012) and
    /// `RuleClassifier.normZ` from the healthy norm of the signed symmetry index, with its larger
    /// side named beyond measurement error and on the side it departs from the norm towards:
    /// |z| and that side; nil otherwise. The z-score counts the recording's own standard error
    /// (`HealthyNorm.z(_:standardError:)`), so few steps widen what counts as healthy.
    static func beyondHealthy(_ a: Asymmetry, _ norm: HealthyNorm) -> (z: Double, side: Side)? {
        guard a.pct > ReferenceValues.asymmetryCriterionPct, let side = a.longerSide,
              let z = norm.z(a.signedPct, standardError: a.signedPctSE ?? 0) else { return nil }
        let towards: Side = z > 0 ? .left : .right
        guard abs(z) >= RuleClassifier.normZ, towards == side else { return nil }
        return (abs(z), side)
    }

    /// The evidence's reference text for a signed symmetry index against its healthy norm.
    static func signedNormReference(_ a: Asymmetry, _ norm: HealthyNorm) -> String {
        "healthy signed SI (left larger +) \(norm.mean.fixed1) %, between-recording SD \(norm.sd.fixed1) %, "
            + "this recording's SE \((a.signedPctSE ?? 0).fixed1) %; flag at |z| ≥ \(RuleClassifier.normZ) and > 10 %"
    }

    /// Evidence that consecutive steps differ, from the vertical autocorrelation (Moe-Nilssen &
    /// Helbostad 2004): stride regularity exceeds step regularity by `confirmingZ` healthy SDs
    /// or more (gait-reference-values.md §8 asks for regularity support; Buckley et al. 2020
    /// found vertical step regularity the trunk measure that best tracks walkway asymmetry).
    /// Nil where not confirmed or not measured.
    func stepAsymmetryConfirmation() -> Evidence? {
        guard let gap = measures.regularityGap else { return nil }
        let norm = norms.stepAsymmetryRegularity
        let z = norm.z(gap)
        guard z >= HealthyNorm.confirmingZ else { return nil }
        return Evidence(metric: "stride_minus_step_regularity_v", value: gap,
                        reference: "healthy \(norm.mean.fixed3) (SD \(norm.sd.fixed3)); confirms at z ≥ \(HealthyNorm.confirmingZ.fixed0) (z = \(z.fixed1))",
                        source: "\(norms.source); \(ReferenceValues.stepRegularitySource)")
    }
}

extension Double {
    var fixed0: String { fixed(0) }
    var fixed1: String { fixed(1) }
    var fixed2: String { fixed(2) }
    var fixed3: String { fixed(3) }
}
