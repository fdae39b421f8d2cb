import GaitCore

/// Flags the compensatory gait patterns of the contract from a recording's summary measures
/// (docs/classifier.md; one page per pattern in docs/patterns/). Flags support research; they are
/// not a diagnosis.
///
/// Every rule:
/// - uses a published cut-off where one exists (gait-reference-values.md) and otherwise a z-score
///   against same-sensor healthy norms (`HealthyNorms`);
/// - is silent when the deviation is within measurement error (a side is named only when the
///   left/right difference exceeds twice its standard error, see `Asymmetry`);
/// - needs `minSteps` straight steps;
/// - carries a confidence that falls with few steps, short bouts and uncertain sides.
public struct RuleClassifier: Sendable {
    /// Fewer straight steps than this give no flags (about 10 strides).
    public var minSteps = 20
    /// Stride-time variability needs more strides than a mean does.
    public var minStrides = 20
    /// |z| beyond which a norm-based measure is flagged. Three patterns (lateral_shift, guarded,
    /// impact_asymmetry) are judged by z-scores against same-sensor norms; holding the chance that
    /// any of them flags a healthy recording to 5 % leaves 5 %/3 per one-sided test (Bonferroni).
    /// The norms come from 14 subjects, so a new person's value follows Student's t with 13
    /// degrees of freedom, widened by √(1 + 1/14) (prediction interval): t₀.₉₈₃(13)·√(1 + 1/14) = 2.46.
    public static let normZ = 2.46
    /// Walking of this many steps gives full confidence (Mobilise-D aggregates variability only
    /// over bouts > 30 s, ≈ 50 steps; twice that for a per-side comparison).
    public static let fullConfidenceSteps = 100.0
    /// Bouts of this mean duration or longer give full confidence, s (Mobilise-D's > 30 s bin).
    public static let fullConfidenceBoutSeconds = 30.0

    public var norms: HealthyNorms

    /// The pattern names this classifier can flag, in the order it assesses them.
    public static var patterns: [String] { PatternRule.all.map(\.pattern) }

    public init(norms: HealthyNorms = .voisard) { self.norms = norms }

    /// The flags, and notes on what could not be assessed or was assumed.
    public struct Classification: Sendable {
        public var flags: [Flag] = []
        public var notes: [String] = []
    }

    /// The classifier's side trust: the mean `side_confidence` of the steps with a side, gathered
    /// one step at a time (the streaming engine keeps no steps).
    public struct SideConfidenceMean: Sendable {
        private var sum = 0.0
        private var n = 0
        public init() {}
        public mutating func add(_ step: Step) {
            if let c = step.sideConfidence { sum += c; n += 1 }
        }
        /// Nil before any step with a side.
        public var value: Double? { n > 0 ? sum / Double(n) : nil }
    }

    public func classify(summary: Summary, subject: Subject, meanSideConfidence: Double?) -> Classification {
        var result = Classification()
        let m = summary.measures
        let steps = m.nStraightSteps > 0 ? m.nStraightSteps : m.nSteps
        guard steps >= minSteps else {
            if m.nSteps > 0 {
                result.notes.append("flags: \(steps) straight steps, fewer than the \(minSteps) the classifier needs; no pattern assessed")
            }
            return result
        }
        let meanBout = summary.nBouts > 0 ? summary.walkingTimeS / Double(summary.nBouts) : 0
        let base = min(1, Double(steps) / Self.fullConfidenceSteps) * min(1, meanBout / Self.fullConfidenceBoutSeconds)
        let context = RuleContext(measures: m, subject: subject, norms: norms, base: base,
                                  sideTrust: meanSideConfidence ?? 0.5, strides: m.nSteps / 2, minStrides: minStrides)
        for rule in PatternRule.all {
            let outcome = rule.evaluate(context)
            if let flag = outcome.flag { result.flags.append(flag) }
            result.notes.append(contentsOf: outcome.notes)
        }
        return result
    }
}

/// What every rule sees.
struct RuleContext {
    var measures: GaitMeasures
    var subject: Subject
    var norms: HealthyNorms
    /// Confidence from the amount of walking (steps and bout length), 0...1.
    var base: Double
    /// Mean side confidence of the steps (0.5–1).
    var sideTrust: Double
    var strides: Int
    var minStrides: Int

    /// Score 0...1 for a value past a cut-off: how far past it, in units of `scale`, capped.
    static func score(_ excess: Double, per scale: Double) -> Double { Swift.max(0, Swift.min(1, excess / scale)) }
}

/// One pattern's rule: a flag or nothing, and notes.
struct PatternRule: Sendable {
    let pattern: String
    let evaluate: @Sendable (RuleContext) -> (flag: Flag?, notes: [String])

    static let all: [PatternRule] = [.antalgic, .shortStride, .lateralShift, .guarded, .impactAsymmetry, .irregular, .kneeGivingWay]
}
