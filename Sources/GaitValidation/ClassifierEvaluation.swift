import GaitClassifier
import GaitCore
import GaitDSP
import GaitSimulator

/// The classifier on simulated cohorts (docs/validation.md, "Classifier"): for each pattern and
/// severity, `count` seeded subjects (`SimulatedCohort`: age, sex, height, sensor height and
/// mounting, speed, affected side all drawn per subject) are simulated, analysed as `gait analyze`
/// would with the subject's height, age and sex, and classified.
///
/// - sensitivity: fraction of the pattern's recordings flagged with that pattern;
/// - side accuracy: of those flags, the fraction naming the simulated side (sided patterns);
/// - specificity: fraction of a normal cohort NOT flagged with the pattern.
///
/// Seeds: `evaluationSeed` is kept for this table and was never used while choosing the rules,
/// thresholds or severities; development used seeds below 10 000.
public enum ClassifierEvaluation {
    public static let evaluationSeed: UInt64 = 900_001
    public static let defaultCount = 20
    public static let defaultNormalCount = 100

    public struct Outcome: Sendable {
        public var pattern: SimulatedPattern
        public var severity: PatternSeverity
        /// The simulated side, nil for patterns without one.
        public var side: Side?
        /// The flags of the recording.
        public var flags: [Flag]
        /// Whether any contacts were found.
        public var walkingFound: Bool
        /// Walking bouts, and those noted as possibly not walking: every simulated bout is walking.
        public var noted: NotedBouts
        /// The measured pelvis roll + yaw range's z against the healthy norm at the walking speed
        /// (`HealthyNorms.voisard`), nil without it: how the cohort's walkers compare with real ones.
        public var rotationZ: Double?
    }

    /// One subject: simulate, analyse, classify.
    public static func outcome(_ s: CohortSubject) throws(GaitError) -> Outcome {
        let recording = SimulatedRecording.simulate(s.parameters)
        let subject = Subject(heightM: s.heightM, ageYears: s.ageYears, sex: s.sex)
        let (summary, flags, _, bouts) = try SimulatedEvaluation.analyze(recording, subject: subject)
        let m = summary.measures
        let rotationZ = m.pelvisRotationRangeDeg.map { HealthyNorms.voisard.trunkRotationRangeDeg.z($0, speed: m.speedMps) }
        return Outcome(pattern: s.parameters.pattern, severity: s.parameters.severity, side: s.affectedSide,
                       flags: flags, walkingFound: m.nSteps > 0, noted: NotedBouts(bouts),
                       rotationZ: rotationZ)
    }

    /// Every pattern at mild, moderate and severe (`count` subjects each) and a normal cohort.
    public static func run(count: Int = defaultCount, normalCount: Int = defaultNormalCount,
                           seed: UInt64 = evaluationSeed, durationS: Double = 120) throws(GaitError) -> [Outcome] {
        var subjects = SimulatedCohort.subjects(pattern: .normal, severity: .none, count: normalCount, seed: seed, durationS: durationS)
        for pattern in SimulatedPattern.allCases where pattern != .normal {
            for severity in [PatternSeverity.mild, .moderate, .severe] {
                subjects += SimulatedCohort.subjects(pattern: pattern, severity: severity, count: count,
                                                     seed: seed &+ 1_000, durationS: durationS)
            }
        }
        let all = subjects
        return try parallelMap(all.count) { i throws(GaitError) in try outcome(all[i]) }
    }

    /// The table: per pattern and severity, sensitivity and side accuracy; per pattern, specificity
    /// on the normal cohort.
    public static func markdown(_ outcomes: [Outcome]) -> String {
        let normal = outcomes.filter { $0.pattern == .normal }
        func pct(_ a: Int, _ b: Int) -> String { b > 0 ? (Double(a) / Double(b)).fixed(2) : "–" }
        var s = "| pattern | severity | n | sensitivity | side accuracy | specificity (normal, n = \(normal.count)) |\n"
        s += "| --- | --- | --- | --- | --- | --- |\n"
        for pattern in SimulatedPattern.allCases where pattern != .normal {
            let specific = normal.filter { !$0.flags.contains { $0.pattern == pattern.rawValue } }.count
            for severity in [PatternSeverity.mild, .moderate, .severe] {
                let cohort = outcomes.filter { $0.pattern == pattern && $0.severity == severity }
                let flagged = cohort.compactMap { o in o.flags.first { $0.pattern == pattern.rawValue }.map { (o, $0) } }
                let sided = flagged.filter { $0.0.side != nil }
                let sideRight = sided.filter { $0.1.side == $0.0.side }.count
                s += "| \(pattern.rawValue) | \(severity.rawValue) | \(cohort.count) | \(pct(flagged.count, cohort.count)) | "
                s += "\(sided.isEmpty ? "–" : pct(sideRight, sided.count)) | \(severity == .mild ? pct(specific, normal.count) : "") |\n"
            }
        }
        let anyFlag = normal.filter { !$0.flags.filter { !$0.experimental }.isEmpty }.count
        s += "\nNormal recordings with any (non-experimental) flag: \(anyFlag) of \(normal.count). "
        s += "Recordings with no walking found: \(outcomes.filter { !$0.walkingFound }.count) of \(outcomes.count).\n"
        s += "Walking bouts noted as possibly not walking (docs/algorithms/bouts-and-measures.md): "
        s += "\(NotedBouts(summing: outcomes.map(\.noted)).text).\n"
        let z = normal.compactMap(\.rotationZ)
        if z.count > 1 {
            s += "Normal cohort's pelvis roll + yaw range against the healthy norm at its speed: z mean \(Signal.mean(z).fixed(2)), "
            s += "SD \(Signal.standardDeviation(z).fixed(2)) (n = \(z.count); real healthy trials, leave-one-subject-out: about 0 and 1).\n"
        }
        return s
    }
}
