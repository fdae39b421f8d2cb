import GaitClassifier
import GaitCore
import GaitIngest
import GaitPipeline

/// One healthy trial as the classifier sees it: the summary and what it was given.
public struct HealthyTrial: Sendable {
    public var code: String
    /// The subject number (the part of the code before the dash): trials of one person share it.
    public var subjectID: String
    public var summary: Summary
    public var subject: Subject
    public var meanSideConfidence: Double?

    /// The values the healthy norms are fitted to.
    var normInputs: (lateral: Asymmetry?, impact: Asymmetry?, rotationDeg: Double?, regularityGap: Double?, speedMps: Double?) {
        let m = summary.measures
        return (m.lateralExcursionAsymmetry, m.impactAsymmetry, m.pelvisRotationRangeDeg, m.regularityGap, m.speedMps)
    }
}

/// The classifier on healthy recordings (docs/validation.md, "Classifier"):
/// - `norms(_:)` fits the same-sensor healthy norms (`HealthyNorms`) to all trials; the built-in
///   `HealthyNorms.voisard` holds the result for the Voisard set.
/// - `flagRate(_:)` classifies each trial with norms fitted WITHOUT that trial's subject
///   (leave-one-subject-out), so no trial is judged against norms it helped to make.
public enum HealthyFlagEvaluation {
    public static let normsSource = HealthyNorms.voisard.source

    /// Analyses every trial of the Voisard folder as a user would (height, age, sex given).
    public static func trials(directory: String) throws(GaitError) -> [HealthyTrial] {
        let trials = try VoisardDataset.trials(in: directory)
        return try parallelMap(trials.count) { i throws(GaitError) in
            let t = trials[i]
            let subject = Subject(heightM: t.heightM, ageYears: t.ageYears, sex: t.sex)
            let result = try GaitEngine.analyze(
                path: t.lowerBackPath, options: EngineOptions(reader: ReaderOptions(path: t.lowerBackPath), subject: subject))
            var confidence = RuleClassifier.SideConfidenceMean()
            for s in result.steps { confidence.add(s) }
            return HealthyTrial(code: t.code, subjectID: String(t.code.split(separator: "-")[0]), summary: result.summary,
                                subject: subject, meanSideConfidence: confidence.value)
        }
    }

    public static func norms(_ trials: [HealthyTrial]) -> HealthyNorms? {
        HealthyNorms.fit(trials.map(\.normInputs), source: normsSource)
    }

    /// Each trial's flags, with norms fitted to the other subjects' trials.
    public static func leaveOneSubjectOut(_ trials: [HealthyTrial]) -> [(trial: HealthyTrial, flags: [Flag])] {
        trials.map { t in
            guard let norms = norms(trials.filter { $0.subjectID != t.subjectID }) else { return (t, []) }
            let c = RuleClassifier(norms: norms).classify(summary: t.summary, subject: t.subject,
                                                         meanSideConfidence: t.meanSideConfidence)
            return (t, c.flags)
        }
    }

    public static func markdown(_ trials: [HealthyTrial]) -> String {
        let judged = leaveOneSubjectOut(trials)
        let flagged = judged.filter { !$0.flags.filter { !$0.experimental }.isEmpty }
        let experimental = judged.filter { $0.flags.contains { $0.experimental } }
        var s = "| healthy trials | flagged (any pattern, not experimental) | rate | experimental (knee_giving_way) |\n"
        s += "| --- | --- | --- | --- |\n"
        s += "| \(trials.count) | \(flagged.count) | \((100 * Double(flagged.count) / Double(Swift.max(1, trials.count))).fixed(1)) % | \(experimental.count) |\n\n"
        s += "| pattern | trials flagged |\n| --- | --- |\n"
        for p in RuleClassifier.patterns {
            let n = judged.filter { $0.flags.contains { $0.pattern == p } }.count
            s += "| \(p) | \(n) |\n"
        }
        if !flagged.isEmpty {
            s += "\nFlagged: " + flagged.map { j in "\(j.trial.code) (\(j.flags.map { "\($0.pattern) \($0.side?.rawValue ?? "–")" }.joined(separator: ", ")))" }
                .joined(separator: "; ") + "\n"
        }
        return s
    }

    /// The norms as Markdown (and in the form `HealthyNorms+Voisard.swift` holds them).
    public static func normsMarkdown(_ trials: [HealthyTrial]) -> String {
        guard let n = norms(trials) else { return "too few trials to fit norms\n" }
        func row(_ name: String, _ x: HealthyNorm) -> String {
            "| \(name) | \(x.mean.fixed(3)) | \(x.sd.fixed(3)) | \(x.slopePerMps.fixed(3)) | \(x.referenceSpeedMps.fixed(3)) |\n"
        }
        var s = "| measure | mean | SD | slope per m/s | at speed m/s |\n| --- | --- | --- | --- | --- |\n"
        s += row("lateral_excursion_asymmetry_pct", n.lateralExcursionAsymmetryPct)
        s += row("impact_asymmetry_pct", n.impactAsymmetryPct)
        s += row("pelvis roll + yaw range, deg", n.trunkRotationRangeDeg)
        s += row("stride − step regularity (V)", n.stepAsymmetryRegularity)
        s += "\nFrom \(trials.count) trials of \(Set(trials.map(\.subjectID)).count) subjects.\n"
        return s
    }
}
