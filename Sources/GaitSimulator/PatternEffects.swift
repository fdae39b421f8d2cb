import GaitCore

/// How an active compensatory pattern alters the generator (docs/simulator.md, "Compensatory
/// patterns"). Patterns act in one of two ways:
/// - through the ordinary parameters (`SimulationParameters.patternApplied`): `antalgic` sets the
///   step-time asymmetry, `short_stride` the speed, `guarded` the motion scales, `irregular` the
///   variability;
/// - through effects the ordinary parameters cannot express (this type): the asymmetric sway and
///   roll of `lateral_shift`, the per-side impacts of `impact_asymmetry` and the buckling events
///   of `knee_giving_way`.
/// With severity `none` (or pattern `normal`) nothing is changed and every effect is off, so
/// the recording is byte for byte the normal one.
struct PatternEffects: Sendable, Hashable {
    /// The affected side S (nil for patterns without one).
    var side: Side?
    /// Symmetry index, percent, of the lateral sway and the pelvic roll, S's extreme larger.
    var swayAsymmetryPct = 0.0
    /// Symmetry index, percent, of the heel-strike transients, S's larger.
    var impactAsymmetryPct = 0.0
    /// Knee giving-way events per minute of walking, on S.
    var givingWayPerMinute = 0.0

    /// Scale of the heel-strike transients of `contactSide`'s contacts: 1 ± SI/200, so that
    /// 100·|a − b| / (0.5·(a + b)) = SI and the mean of the two sides stays 1.
    func impactFactor(_ contactSide: Side) -> Double {
        guard impactAsymmetryPct > 0, let side else { return 1 }
        return 1 + (contactSide == side ? 1 : -1) * impactAsymmetryPct / 200
    }
}

extension SimulationParameters {
    /// Whether a compensatory pattern is expressed (a pattern other than `normal`, with a
    /// severity other than `none`).
    public var patternIsActive: Bool { pattern != .normal && severity != .none }

    /// The affected side used: `affectedSide`, or left when not given, for patterns with a side;
    /// nil for patterns without one.
    public var resolvedAffectedSide: Side? { pattern.hasSide ? (affectedSide ?? .left) : nil }

    /// The comfortable walking speed expected for `ageYears` and `sex`, m/s (Bohannon & Andrews
    /// 2011 stratum means, `ReferenceSpeeds`).
    public var expectedSpeedMps: Double { ReferenceSpeeds.comfortable(ageYears: ageYears, sex: sex) }

    /// The parameters the generator uses: these, with the pattern's changes to the ordinary
    /// parameters applied (the pattern's values replace the given ones):
    /// - `antalgic`: step-time asymmetry = the dose, longer side S (the given asymmetry must be 0);
    /// - `short_stride`: speed = `expectedSpeedMps` − dose × 0.28 m/s (`ReferenceSpeeds.comfortableSD`),
    ///   cadence from that speed by Alexander's relation (`cadenceSpm` set to nil);
    /// - `guarded`: lateral sway, roll, pitch and yaw scales multiplied by the dose;
    /// - `irregular`: stride-time and step-length CV = the dose.
    /// Without an active pattern, exactly these parameters.
    public var patternApplied: SimulationParameters {
        guard let dose = pattern.dose(severity) else { return self }
        var p = self
        switch pattern {
        case .antalgic:
            p.stepTimeAsymmetryPct = dose
            p.stepTimeLongerSide = resolvedAffectedSide!
        case .shortStride:
            p.speedMps = expectedSpeedMps - dose * ReferenceSpeeds.comfortableSD
            p.cadenceSpm = nil
        case .guarded:
            p.motion.lateralSway *= dose
            p.motion.roll *= dose
            p.motion.pitch *= dose
            p.motion.yaw *= dose
        case .irregular:
            p.variability = GaitVariability(strideTimeCVPct: dose, stepLengthCVPct: dose)
        case .normal, .lateralShift, .impactAsymmetry, .kneeGivingWay:
            break
        }
        return p
    }

    /// The pattern's effects beyond the ordinary parameters.
    var patternEffects: PatternEffects {
        var e = PatternEffects(side: resolvedAffectedSide)
        guard let dose = pattern.dose(severity) else { return e }
        switch pattern {
        case .lateralShift: e.swayAsymmetryPct = dose
        case .impactAsymmetry: e.impactAsymmetryPct = dose
        case .kneeGivingWay: e.givingWayPerMinute = dose
        case .normal, .antalgic, .shortStride, .guarded, .irregular: break
        }
        return e
    }
}
