import GaitCore

/// Gait patterns of the contract (`simulate --pattern`), shared with the classifier's flags.
///
/// Each compensatory pattern changes the generator in one physical way, by an amount set by its
/// severity (`dose(_:)`; docs/simulator.md, "Compensatory patterns", gives the table and the
/// reasons). `S` below is the affected side (`SimulationParameters.affectedSide`, left when not
/// given). Severity `none` leaves the recording exactly that of `normal` for the same subject.
public enum SimulatedPattern: String, Sendable, Hashable, CaseIterable {
    /// Healthy, symmetric walking.
    case normal
    /// Pain on S shortens its stance, so the other foot's steps are short and the steps ending
    /// with S's contact are the longer ones: step-time symmetry index 6 / 15 / 25 %, step lengths
    /// unchanged.
    case antalgic
    /// Slower walking with shorter strides: speed = the comfortable speed expected for age and
    /// sex − 1.5 / 2.5 / 3.0 × 0.28 m/s; cadence from the speed by Alexander's relation.
    case shortStride = "short_stride"
    /// The body shifts towards S: a step-frequency component makes the lateral sway's peak
    /// towards S exceed the other by a symmetry index of 10 / 25 / 40 %, and the pelvis drops
    /// further on the other side (roll peak in S's stance larger) by the same index.
    case lateralShift = "lateral_shift"
    /// Reduced trunk motion at unchanged speed: pelvic roll, yaw, pitch and lateral sway scaled
    /// by 0.75 / 0.5 / 0.3.
    case guarded
    /// Harder heel strikes on S: heel-strike transients differ between the sides by a symmetry
    /// index of 15 / 30 / 50 %, S larger, their mean unchanged.
    case impactAsymmetry = "impact_asymmetry"
    /// Unsteady timing and length: stride-time and step-length CV 4 / 8 / 12 % (normal 2 %).
    case irregular
    /// Experimental. The knee on S buckles in its single stance 0.5 / 1 / 2 times per minute of
    /// walking: the pelvis dips ≈ 4 cm and the other foot lands 20 % early (`KneeGivingWay`).
    case kneeGivingWay = "knee_giving_way"

    /// Whether the pattern has an affected side (`--side`).
    public var hasSide: Bool {
        switch self {
        case .antalgic, .lateralShift, .impactAsymmetry, .kneeGivingWay: return true
        case .normal, .shortStride, .guarded, .irregular: return false
        }
    }

    /// Whether the pattern is experimental (its truth flag says so).
    public var isExperimental: Bool { self == .kneeGivingWay }

    /// The name and unit of `dose(_:)`, as the truth's evidence metric.
    public var doseMetric: String {
        switch self {
        case .normal: return ""
        case .antalgic: return "step_time_asymmetry_pct"
        case .shortStride: return "speed_below_expected_sd"
        case .lateralShift: return "lateral_sway_asymmetry_pct"
        case .guarded: return "trunk_motion_scale"
        case .impactAsymmetry: return "impact_asymmetry_pct"
        case .irregular: return "stride_time_cv_pct"
        case .kneeGivingWay: return "candidate_events_per_min"
        }
    }

    /// How much of the pattern a severity means, in the unit of `doseMetric`; nil for `normal`
    /// and for severity `none`.
    public func dose(_ severity: PatternSeverity) -> Double? {
        guard let level = severity.level else { return nil }
        let table: [Double]
        switch self {
        case .normal: return nil
        case .antalgic: table = [6, 15, 25]
        case .shortStride: table = [1.5, 2.5, 3.0]
        case .lateralShift: table = [10, 25, 40]
        case .guarded: table = [0.75, 0.5, 0.3]
        case .impactAsymmetry: table = [15, 30, 50]
        case .irregular: table = [4, 8, 12]
        case .kneeGivingWay: table = [0.5, 1, 2]
        }
        return table[level]
    }
}

/// How strongly a pattern is expressed (`simulate --severity`).
public enum PatternSeverity: String, Sendable, Hashable, CaseIterable {
    case none, mild, moderate, severe

    /// 0, 1, 2 for mild, moderate, severe; nil for none.
    var level: Int? {
        switch self {
        case .none: return nil
        case .mild: return 0
        case .moderate: return 1
        case .severe: return 2
        }
    }
}
