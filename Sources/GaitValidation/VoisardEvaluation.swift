import Foundation
import GaitCore
import GaitDSP
import GaitIngest
import GaitPipeline

/// Scores `gait analyze` against the Voisard reference (docs/validation.md says how to read the
/// tables). Per trial the analysis sees only the lower-back file and the subject's height, age
/// and sex, exactly as a user would run it; nothing is tuned per trial.
///
/// - The trial is its `TrialBoundaries` ± 0.2 s. Detected and reference events are both taken inside
///   it: the reference files also list steps taken after the trial ended (walking away, shuffling
///   around), up to 15 s later, which are not part of the protocol's walk.
/// - Initial contacts: detected `ic_s` matched one-to-one to the reference heel strikes within
///   ±100 ms; F1, and the median |error| of matched pairs. `contactsWholeFile` also matches every
///   detection in the file against every reference heel strike, for comparison.
/// - Side: fraction of matched contacts whose `side` equals the reference foot.
/// - Final contacts: detected `fc_s` matched to the reference toe-offs within ±100 ms.
/// - Cadence: the summary cadence against 60 / mean reference step time, over the intervals between
///   consecutive reference heel strikes of alternate feet no longer than 2 s (the bout-break rule),
///   so that standing still at the turn does not count as slow stepping.
/// - Distance: the sum of step lengths against the 20 m walked (10 m out, 10 m back; the turn's
///   own path is not measured by the reference, so the relative error is stated against 20 m).
/// - Stride length: against the foot sensors' strides (`FootStrideReference`): each foot stride
///   is paired with the analysed step whose initial contact is within 100 ms of the stride's heel
///   strike and whose preceding step is the stride's other half (both with a length); `straight`
///   when neither step is in a turn. The feet's walked distance is the mean of the two feet's
///   stride sums inside the trial, only where every heel strike of both feet has its stride.
/// - Step-time asymmetry and left/right contact timing: see `StepTimeAsymmetryScore`.
/// - Turns: see `TurnScore`.
public struct TrialScore: Sendable {
    public var code: String
    public var contacts: MatchResult
    public var contactsWholeFile: MatchResult
    public var sideCorrect: Int
    public var sideTotal: Int
    /// Median `side_confidence` of the matched contacts with a side; nil when none has one.
    public var medianSideConfidence: Double?
    /// The recording's `side_confidence_median` as the analysis reports it (whole file, every
    /// step with a side): what a researcher has to go by.
    public var summarySideConfidenceMedian: Double?
    public var finalContacts: MatchResult
    public var cadenceReference: Double
    public var cadenceDetected: Double?
    public var distanceM: Double
    public var wallSeconds: Double
    /// Reference heel strikes missed: in the U-turn (± 0.2 s), among the first or last two of the
    /// trial (gait initiation and termination), and elsewhere.
    public var missedInTurn: Int
    public var missedAtEnds: Int
    public var missedElsewhere: Int
    public var turn: TurnScore
    /// Empty when the trial's foot files are absent.
    public var strides: [StridePair]
    public var feetDistanceM: Double?
    /// Median left stride / median right stride of the foot reference (1 when the feet agree).
    public var feetLeftRightRatio: Double?
    /// nil when a side has fewer than two straight steps.
    public var stepTimeAsymmetry: StepTimeAsymmetryScore?
    /// Signed step-length index of the trial's straight steps, 100 · (L − R) / (0.5 · (L + R)) of
    /// the mean left and right step lengths, %; nil when a side has fewer than two. No reference
    /// gives it; `EvaluationReport.stepLengthIndexRepeatability` asks whether it repeats within
    /// each walker.
    public var stepLengthIndexPct: Double?
    /// Walking bouts of the whole file, and those noted as possibly not walking: all of these are
    /// walking, so any is a false alarm.
    public var noted: NotedBouts

    /// The subject, the part of the code before the dash.
    public var subject: String { String(code.split(separator: "-").first ?? Substring(code)) }
}

/// An analysed stride (the sum of two consecutive step lengths) and the foot sensor's stride that
/// ends at the same heel strike.
public struct StridePair: Sendable {
    public var oursM: Double
    public var referenceM: Double
    /// Neither of the two steps is in a turn.
    public var straight: Bool
}

/// Stride-length errors over a set of `StridePair`s.
public struct StrideAccuracy: Sendable {
    public var count: Int
    public var meanAbsoluteErrorM: Double
    public var meanErrorM: Double
    public var meanAbsolutePercentageError: Double

    public init(_ pairs: [StridePair]) {
        count = pairs.count
        let n = Double(max(pairs.count, 1))
        meanAbsoluteErrorM = pairs.map { abs($0.oursM - $0.referenceM) }.reduce(0, +) / n
        meanErrorM = pairs.map { $0.oursM - $0.referenceM }.reduce(0, +) / n
        meanAbsolutePercentageError = pairs.map { abs($0.oursM - $0.referenceM) / $0.referenceM * 100 }.reduce(0, +) / n
    }
}

/// Turns of one trial against its reference U-turn (`UTurnBoundaries`; every trial has exactly
/// one, of about 180°). A detected turn *overlaps* an interval when it starts no later than the
/// interval's end and ends no earlier than its start.
public struct TurnScore: Sendable {
    /// Exactly one detected turn overlaps the reference U-turn, and its |angle| is 135–225°.
    public var matched: Bool
    /// Of that turn: detected − reference start and end, s, and its angle, degrees.
    public var startErrorS: Double?
    public var endErrorS: Double?
    public var angleDeg: Double?
    /// Detected turns overlapping the trial (its boundaries) but not the reference U-turn.
    public var extra: Int

    public static let plausibleUTurnDeg = 135.0...225.0

    public init(turns: [Turn]?, trial: VoisardTrial) {
        let all = turns ?? []
        func overlaps(_ t: Turn, _ start: Double, _ end: Double) -> Bool { t.startS <= end && t.endS >= start }
        let onTurn = all.filter { overlaps($0, trial.turnStartS, trial.turnEndS) }
        extra = all.filter { overlaps($0, trial.trialStartS, trial.trialEndS) && !onTurn.contains($0) }.count
        matched = onTurn.count == 1 && Self.plausibleUTurnDeg.contains(abs(onTurn[0].angleDeg))
        if matched {
            startErrorS = onTurn[0].startS - trial.turnStartS
            endErrorS = onTurn[0].endS - trial.turnEndS
            angleDeg = onTurn[0].angleDeg
        }
    }
}

public struct EvaluationReport: Sendable {
    public var trials: [TrialScore]
    /// How the lower-back recordings were rewritten before analysis (`--resample`,
    /// `--accelerometer-only`); `.asRecorded` when they were analysed as exported.
    public var rewrite: RecordingRewrite = .asRecorded

    public var contacts: MatchResult { trials.reduce(.empty) { $0 + $1.contacts } }
    public var contactsWholeFile: MatchResult { trials.reduce(.empty) { $0 + $1.contactsWholeFile } }
    public var finalContacts: MatchResult { trials.reduce(.empty) { $0 + $1.finalContacts } }
    public var sideAccuracy: Double { Self.sideAccuracy(trials) }
    /// Side accuracy over the trials not in `VoisardDataset.footSensorsSwapped`.
    public var sideAccuracyExcludingSwapped: Double {
        Self.sideAccuracy(trials.filter { !VoisardDataset.footSensorsSwapped.contains($0.code) })
    }

    /// Over the trials not in `VoisardDataset.footSensorsSwapped` that have a median
    /// `side_confidence` (`median`: of the matched contacts, or the recording's summary): those
    /// medians, for the trials whose sides are under `unreliableSideAccuracy` right and for the
    /// others; does the confidence tell a researcher which trials not to read per side?
    public func sideConfidenceMedians(_ median: KeyPath<TrialScore, Double?> = \.medianSideConfidence)
        -> (unreliable: [Double], others: [Double]) {
        var low = [Double](), high = [Double]()
        for t in trials where !VoisardDataset.footSensorsSwapped.contains(t.code) {
            guard let c = t[keyPath: median] else { continue }
            if Double(t.sideCorrect) / Double(t.sideTotal) < Self.unreliableSideAccuracy { low.append(c) } else { high.append(c) }
        }
        return (low, high)
    }
    /// A trial whose matched contacts are less often right than this is unreliable per side.
    public static let unreliableSideAccuracy = 0.9

    /// Fraction of the matched contacts of `trials` whose side is right.
    private static func sideAccuracy(_ trials: [TrialScore]) -> Double {
        let total = trials.reduce(0) { $0 + $1.sideTotal }
        return total == 0 ? .nan : Double(trials.reduce(0) { $0 + $1.sideCorrect }) / Double(total)
    }
    public var medianAbsoluteErrorS: Double { Signal.median(contacts.errors.map(abs)) }
    public var medianErrorS: Double { Signal.median(contacts.errors) }
    public var cadenceMAE: Double {
        let e = trials.compactMap { t in t.cadenceDetected.map { abs($0 - t.cadenceReference) } }
        return e.isEmpty ? .nan : e.reduce(0, +) / Double(e.count)
    }
    public var distanceMAEPct: Double {
        trials.map { abs($0.distanceM - 20) / 20 * 100 }.reduce(0, +) / Double(max(trials.count, 1))
    }
    public var meanDistanceM: Double { trials.map(\.distanceM).reduce(0, +) / Double(max(trials.count, 1)) }

    /// Stride length against the foot sensors, straight strides only or every stride.
    public func strideAccuracy(straightOnly: Bool) -> StrideAccuracy {
        StrideAccuracy(trials.flatMap(\.strides).filter { $0.straight || !straightOnly })
    }
    /// Per subject, the mean relative error of the straight strides against the feet's, %.
    public var subjectStrideBiasPct: [(subject: String, biasPct: Double)] {
        var order = [String](), pairs = [String: [StridePair]]()
        for t in trials {
            if pairs[t.subject] == nil { order.append(t.subject) }
            pairs[t.subject, default: []] += t.strides.filter(\.straight)
        }
        return order.compactMap { s in
            let p = pairs[s] ?? []
            return p.isEmpty ? nil : (s, p.map { ($0.oursM - $0.referenceM) / $0.referenceM * 100 }.reduce(0, +) / Double(p.count))
        }
    }
    /// Our walked distance and the feet's, in the trials where the feet give the whole walk.
    private var feetDistances: [(ours: Double, feet: Double)] {
        trials.compactMap { t in t.feetDistanceM.map { (t.distanceM, $0) } }
    }
    /// The number of trials where the feet give the whole walked distance.
    public var feetDistanceTrialCount: Int { feetDistances.count }
    /// Over those trials: our distance against the feet's, mean absolute error %.
    public var distanceVersusFeetMAEPct: Double { Signal.mean(feetDistances.map { abs($0.ours - $0.feet) / $0.feet * 100 }) }
    /// Over those trials: the feet's mean distance, and their mean absolute error against 20 m, %.
    public var meanFeetDistanceM: Double { Signal.mean(feetDistances.map(\.feet)) }
    public var feetDistanceMAEPct: Double { Signal.mean(feetDistances.map { abs($0.feet - 20) / 20 * 100 }) }
    /// Median over trials of the foot reference's left / right median stride.
    public var medianFeetLeftRightRatio: Double { Signal.median(trials.compactMap(\.feetLeftRightRatio)) }

    /// Step-time asymmetry scores of the trials where both sequences give one, leaving out
    /// `VoisardDataset.footSensorsSwapped` (their reference names the wrong foot, which flips the
    /// reference's index).
    private var asymmetryScores: [StepTimeAsymmetryScore] {
        trials.filter { !VoisardDataset.footSensorsSwapped.contains($0.code) }.compactMap(\.stepTimeAsymmetry)
    }
    /// Over those: mean and largest absolute error of the index (percentage points), and the
    /// reference's own mean |index| (%).
    public var stepTimeAsymmetryMAEPct: Double { Signal.mean(asymmetryScores.map(\.errorPct)) }
    public var stepTimeAsymmetryMaxErrorPct: Double { asymmetryScores.map(\.errorPct).max() ?? .nan }
    public var stepTimeAsymmetryTrialCount: Int { asymmetryScores.count }
    public var referenceStepTimeAsymmetryMeanAbsPct: Double { Signal.mean(asymmetryScores.map { abs($0.referencePct) }) }
    /// Whether the step-length index of the straight steps belongs to the walker: over the subjects'
    /// trials (each trial's own sides: a subject whose sides all read reversed still repeats),
    /// the one-way random-effects intraclass correlation ICC(1) (Shrout PE, Fleiss JL.
    /// Intraclass correlations: uses in assessing rater reliability. Psychol Bull
    /// 1979;86(2):420–428), the within-subject SD and the SD of the subjects' means, %. nil with
    /// fewer than two subjects of two trials.
    public var stepLengthIndexRepeatability: (icc: Double, withinSD: Double, betweenSD: Double)? {
        var bySubject = [String: [Double]]()
        for t in trials { if let v = t.stepLengthIndexPct { bySubject[t.subject, default: []].append(v) } }
        let groups = bySubject.values.filter { $0.count >= 2 }
        guard groups.count >= 2 else { return nil }
        let n = Double(groups.reduce(0) { $0 + $1.count }), g = Double(groups.count), k = n / g
        let grand = groups.flatMap { $0 }.reduce(0, +) / n
        let means = groups.map { Signal.mean($0) }
        let between = zip(groups, means).map { Double($0.count) * ($1 - grand) * ($1 - grand) }.reduce(0, +) / (g - 1)
        let within = zip(groups, means).map { group, m in group.map { ($0 - m) * ($0 - m) }.reduce(0, +) }.reduce(0, +) / (n - g)
        let meanOfMeans = Signal.mean(means)
        let spread = (means.map { ($0 - meanOfMeans) * ($0 - meanOfMeans) }.reduce(0, +) / g).squareRoot()
        return ((between - within) / (between + (k - 1) * within), within.squareRoot(), spread)
    }

    /// Over those: left − right contact timing per trial, mean and largest absolute value, seconds.
    public var leftMinusRightTimingMeanAbsS: Double {
        Signal.mean(asymmetryScores.compactMap(\.leftMinusRightTimingS).map(abs))
    }
    public var leftMinusRightTimingMaxAbsS: Double {
        asymmetryScores.compactMap(\.leftMinusRightTimingS).map(abs).max() ?? .nan
    }

    /// Fraction of trials whose U-turn was found as exactly one turn of 135–225°.
    public var turnDetectionRate: Double {
        trials.isEmpty ? .nan : Double(trials.filter(\.turn.matched).count) / Double(trials.count)
    }
    /// Turns found inside the trials besides their U-turns.
    public var extraTurns: Int { trials.reduce(0) { $0 + $1.turn.extra } }
    /// Medians over the matched U-turns: |start error|, |end error| (s) and |angle| (degrees).
    public var turnMedianAbsoluteStartErrorS: Double { Signal.median(trials.compactMap(\.turn.startErrorS).map(abs)) }
    public var turnMedianAbsoluteEndErrorS: Double { Signal.median(trials.compactMap(\.turn.endErrorS).map(abs)) }
    public var turnMedianStartErrorS: Double { Signal.median(trials.compactMap(\.turn.startErrorS)) }
    public var turnMedianEndErrorS: Double { Signal.median(trials.compactMap(\.turn.endErrorS)) }
    public var turnMedianAbsoluteAngleDeg: Double { Signal.median(trials.compactMap(\.turn.angleDeg).map(abs)) }
}

public enum VoisardEvaluation {
    public static let contactTolerance = 0.1
    /// Consecutive heel strikes of alternate feet further apart than this are a pause, not a step
    /// (the bout-break rule), seconds.
    public static let maxStepSeconds = 2.0

    /// The steps of `contacts` (time order): consecutive contacts of alternate feet at most
    /// `maxStepSeconds` apart, each with the side of the contact that ends it.
    static func alternateSteps(_ contacts: [(time: Double, side: Side)]) -> [(start: Double, end: Double, side: Side)] {
        zip(contacts, contacts.dropFirst()).compactMap { a, b in
            a.side != b.side && b.time - a.time <= maxStepSeconds ? (a.time, b.time, b.side) : nil
        }
    }

    /// Scores every trial of the dataset in `directory`; unless `rewrite` is `.asRecorded`, each
    /// lower-back recording is first rewritten (`rewrittenCopy`) and analysed from the rewritten CSV.
    public static func run(directory: String, rewrite: RecordingRewrite = .asRecorded) throws(GaitError) -> EvaluationReport {
        let trials = try VoisardDataset.trials(in: directory)
        return EvaluationReport(trials: try parallelMap(trials.count) { i throws(GaitError) in
            try score(trials[i], rewrite: rewrite)
        }, rewrite: rewrite)
    }

    public static func score(_ trial: VoisardTrial, rewrite: RecordingRewrite = .asRecorded) throws(GaitError) -> TrialScore {
        let rewritten = rewrite != .asRecorded
        let reader = rewritten ? try rewrittenCopy(trial, rewrite) : ReaderOptions(path: trial.lowerBackPath)
        defer { if rewritten { try? FileManager.default.removeItem(atPath: reader.path) } }
        let options = EngineOptions(reader: reader, subject: Subject(heightM: trial.heightM, ageYears: trial.ageYears, sex: trial.sex))
        let start = Date()
        let result = try GaitEngine.analyze(path: reader.path, options: options)
        let wall = Date().timeIntervalSince(start)
        let window = (trial.trialStartS - 0.2)...(trial.trialEndS + 0.2)
        let steps = result.steps.filter { window.contains($0.icS) }
        let reference = trial.heelStrikes.filter { window.contains($0.time) }
        let contacts = EventMatcher.match(detected: steps.map(\.icS), reference: reference.map(\.time),
                                          tolerance: contactTolerance)
        let matchedReference = Set(contacts.pairs.map(\.reference))
        var inTurn = 0, atEnds = 0, elsewhere = 0
        for k in reference.indices where !matchedReference.contains(k) {
            let t = reference[k].time
            if trial.turnWithMargin.contains(t) { inTurn += 1 }
            else if k < 2 || k >= reference.count - 2 { atEnds += 1 }
            else { elsewhere += 1 }
        }
        var correct = 0, total = 0, confidences = [Double]()
        for p in contacts.pairs {
            guard let side = steps[p.detected].side else { continue }
            total += 1
            if side == reference[p.reference].side { correct += 1 }
            if let c = steps[p.detected].sideConfidence { confidences.append(c) }
        }
        let wholeFile = EventMatcher.match(detected: result.steps.map(\.icS), reference: trial.heelStrikes.map(\.time),
                                           tolerance: contactTolerance)
        let finals = EventMatcher.match(detected: steps.compactMap(\.fcS),
                                        reference: (trial.leftToeOffs + trial.rightToeOffs).filter { window.contains($0) },
                                        tolerance: contactTolerance)
        let intervals = alternateSteps(reference).map { $0.end - $0.start }
        let cadenceRef = intervals.isEmpty ? .nan : 60 / (intervals.reduce(0, +) / Double(intervals.count))
        let feet = try footComparison(trial, steps: result.steps, window: window)
        return TrialScore(
            code: trial.code, contacts: contacts, contactsWholeFile: wholeFile, sideCorrect: correct, sideTotal: total,
            medianSideConfidence: confidences.isEmpty ? nil : Signal.median(confidences),
            summarySideConfidenceMedian: result.summary.measures.sideConfidenceMedian,
            finalContacts: finals,
            cadenceReference: cadenceRef, cadenceDetected: result.summary.measures.cadenceSpm,
            distanceM: steps.compactMap(\.stepLengthM).reduce(0, +), wallSeconds: wall,
            missedInTurn: inTurn, missedAtEnds: atEnds, missedElsewhere: elsewhere,
            turn: TurnScore(turns: result.turns, trial: trial),
            strides: feet.pairs, feetDistanceM: feet.distanceM, feetLeftRightRatio: feet.leftRightRatio,
            stepTimeAsymmetry: StepTimeAsymmetryScore(trial: trial, steps: steps, reference: reference, matches: contacts),
            stepLengthIndexPct: stepLengthIndex(steps),
            noted: NotedBouts(result.bouts))
    }

    /// The signed step-length index of the straight steps with a length (`TrialScore.stepLengthIndexPct`).
    static func stepLengthIndex(_ steps: [Step]) -> Double? {
        func lengths(_ side: Side) -> [Double] {
            steps.filter { $0.side == side && $0.inTurn != true }.compactMap(\.stepLengthM)
        }
        let left = lengths(.left), right = lengths(.right)
        guard left.count >= 2, right.count >= 2 else { return nil }
        let l = Signal.mean(left), r = Signal.mean(right)
        return 100 * (l - r) / (0.5 * (l + r))
    }

    /// Writes the trial's lower-back recording, rewritten as `rewrite` says (`RecordingResampler`:
    /// at its rate or the recording's own, the gyroscope dropped or kept), to a temporary CSV file
    /// and returns the reader options for it; the caller removes the file.
    static func rewrittenCopy(_ trial: VoisardTrial, _ rewrite: RecordingRewrite) throws(GaitError) -> ReaderOptions {
        let recorded = try RecordingFileReader.readAll(options: ReaderOptions(path: trial.lowerBackPath))
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("gait-voisard-\(trial.code)-\(ProcessInfo.processInfo.processIdentifier).csv").path
        let text = RecordingResampler.csv(recorded.events, rateHz: rewrite.rateHz, keepGyroscope: !rewrite.accelerometerOnly,
                                          remount: rewrite.remount)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw GaitError(.analysisFailed, "cannot write the rewritten recording", file: path)
        }
        return ReaderOptions(path: path, accUnits: .metresPerSecondSquared, gyroUnits: .radiansPerSecond)
    }

    /// Our strides and walked distance against the foot sensors' (`TrialScore` says how they are
    /// paired); nothing when the foot files are absent.
    static func footComparison(_ trial: VoisardTrial, steps: [Step], window: ClosedRange<Double>)
        throws(GaitError) -> (pairs: [StridePair], distanceM: Double?, leftRightRatio: Double?) {
        guard let feet = try FootStrideReference.strides(of: trial) else { return ([], nil, nil) }
        var pairs = [StridePair]()
        for stride in feet {
            guard let k = steps.indices.min(by: { abs(steps[$0].icS - stride.heelStrikeS) < abs(steps[$1].icS - stride.heelStrikeS) }),
                  k > 0, abs(steps[k].icS - stride.heelStrikeS) <= contactTolerance,
                  let a = steps[k - 1].stepLengthM, let b = steps[k].stepLengthM else { continue }
            pairs.append(StridePair(oursM: a + b, referenceM: stride.lengthM,
                                    straight: steps[k - 1].inTurn != true && steps[k].inTurn != true))
        }
        var sums = [Double](), complete = true, medians = [Double]()
        for (side, heels) in [(Side.left, trial.leftHeelStrikes), (Side.right, trial.rightHeelStrikes)] {
            let own = feet.filter { $0.side == side && window.contains($0.heelStrikeS) }.map(\.lengthM)
            if own.count != heels.filter({ window.contains($0) }).count { complete = false }
            sums.append(own.reduce(0, +))
            if !own.isEmpty { medians.append(Signal.median(own)) }
        }
        return (pairs, complete ? sums.reduce(0, +) / 2 : nil, medians.count == 2 ? medians[0] / medians[1] : nil)
    }

    /// The report as Markdown: the aggregate table, then one row per trial.
    public static func markdown(_ r: EvaluationReport) -> String {
        func f(_ v: Double, _ d: Int) -> String { v.fixed(d) }
        let c = r.contacts, fc = r.finalContacts
        var s = "| measure | value |\n| --- | --- |\n"
        s += "| trials | \(r.trials.count) |\n"
        if let hz = r.rewrite.rateHz {
            s += "| lower-back recordings resampled from 100 Hz to | \(f(hz, hz.rounded() == hz ? 0 : 2)) Hz (low-pass at 0.4 × the new rate when lower, cubic interpolation) |\n"
        }
        if r.rewrite.accelerometerOnly {
            s += "| lower-back recordings analysed without their gyroscope | accelerometer columns only |\n"
        }
        if let turn = r.rewrite.remount {
            s += "| lower-back sensor turned on the body | \(turn.description); every vector rotated |\n"
        }
        s += "| reference heel strikes | \(c.truePositives + c.falseNegatives) |\n"
        func f1(_ m: MatchResult) -> String { "\(f(m.f1, 3)) (TP \(m.truePositives), FP \(m.falsePositives), FN \(m.falseNegatives))" }
        s += "| initial contacts: F1 (±100 ms, one-to-one) | \(f1(c)) |\n"
        s += "| initial contacts, whole file (steps after the trial's end included): F1 | \(f1(r.contactsWholeFile)) |\n"
        let turn = r.trials.reduce(0) { $0 + $1.missedInTurn }, ends = r.trials.reduce(0) { $0 + $1.missedAtEnds }
        let other = r.trials.reduce(0) { $0 + $1.missedElsewhere }
        s += "| initial contacts missed: in the turn / first or last two / elsewhere | \(turn) / \(ends) / \(other) |\n"
        s += "| initial contacts: median absolute error | \(f(r.medianAbsoluteErrorS * 1000, 1)) ms (median signed \(f(r.medianErrorS * 1000, 1)) ms) |\n"
        s += "| side accuracy of matched contacts | \(f(r.sideAccuracy, 3)) |\n"
        let swapped = VoisardDataset.footSensorsSwapped.sorted().joined(separator: ", ")
        s += "| side accuracy without \(swapped) (foot sensors appear swapped, docs/validation.md) | \(f(r.sideAccuracyExcludingSwapped, 3)) |\n"
        func span(_ x: [Double]) -> String { x.isEmpty ? "none" : "\(f(x.min()!, 2))–\(f(x.max()!, 2))" }
        for (median, label) in [(\TrialScore.medianSideConfidence, "median side_confidence per trial"),
                                (\TrialScore.summarySideConfidenceMedian, "the recording's summary side_confidence_median")] {
            let medians = r.sideConfidenceMedians(median)
            s += "| \(label) (without \(swapped)): the \(medians.unreliable.count) trials with sides "
            s += "under \(f(EvaluationReport.unreliableSideAccuracy, 1)) right / the others | \(span(medians.unreliable)) / \(span(medians.others)) |\n"
        }
        s += "| final contacts: F1 (±100 ms) | \(f(fc.f1, 3)) |\n"
        s += "| walking bouts noted as possibly not walking (vibration; docs/algorithms/bouts-and-measures.md) | "
        s += "\(NotedBouts(summing: r.trials.map(\.noted)).text) |\n"
        s += "| cadence: mean absolute error | \(f(r.cadenceMAE, 2)) steps/min |\n"
        s += "| walked distance: mean absolute error vs 20 m | \(f(r.distanceMAEPct, 1)) % (mean \(f(r.meanDistanceM, 2)) m) |\n"
        for (straight, label) in [(true, "straight strides"), (false, "all strides, turns included")] {
            let a = r.strideAccuracy(straightOnly: straight)
            s += "| stride length vs the foot sensors (docs/validation.md), \(label): mean absolute error | "
            s += "\(f(a.meanAbsoluteErrorM * 100, 2)) cm, \(f(a.meanAbsolutePercentageError, 1)) % "
            s += "(mean error \(a.meanErrorM >= 0 ? "+" : "")\(f(a.meanErrorM * 100, 2)) cm; \(a.count) strides) |\n"
        }
        let bias = r.subjectStrideBiasPct.map { "\($0.subject) \($0.biasPct >= 0 ? "+" : "")\(f($0.biasPct, 1))" }
        s += "| stride length vs the foot sensors, mean error by subject (straight strides, %) | \(bias.joined(separator: ", ")) |\n"
        s += "| walked distance vs the feet's, trials with every stride of both feet (\(r.feetDistanceTrialCount)) | "
        s += "\(f(r.distanceVersusFeetMAEPct, 1)) % (the feet's: mean \(f(r.meanFeetDistanceM, 2)) m, \(f(r.feetDistanceMAEPct, 1)) % vs 20 m) |\n"
        s += "| foot reference: left / right median stride, median over trials | \(f(r.medianFeetLeftRightRatio, 3)) |\n"
        s += "| step-time asymmetry vs the reference heel strikes, straight walking (signed L − R index; \(r.stepTimeAsymmetryTrialCount) trials, without \(swapped)): "
        s += "mean / largest absolute error | \(f(r.stepTimeAsymmetryMAEPct, 2)) / \(f(r.stepTimeAsymmetryMaxErrorPct, 2)) pp "
        s += "(the reference's own: mean \(f(r.referenceStepTimeAsymmetryMeanAbsPct, 2)) %) |\n"
        s += "| contact timing L − R vs the reference, straight walking: mean / largest absolute per trial | "
        s += "\(f(r.leftMinusRightTimingMeanAbsS * 1000, 1)) / \(f(r.leftMinusRightTimingMaxAbsS * 1000, 1)) ms |\n"
        if let rep = r.stepLengthIndexRepeatability {
            s += "| step-length asymmetry of straight steps (signed index, no reference): repeatability over each subject's trials, "
            s += "ICC(1) / within-subject SD / SD of the subjects' means | \(f(rep.icc, 2)) / \(f(rep.withinSD, 2)) % / \(f(rep.betweenSD, 2)) % |\n"
        }
        let matched = r.trials.filter(\.turn.matched).count
        s += "| turns: U-turn found as exactly one turn of 135–225° | \(f(r.turnDetectionRate, 3)) (\(matched) of \(r.trials.count)) |\n"
        let withExtra = r.trials.filter { $0.turn.extra > 0 }.count
        s += "| turns: extra turns inside the trial boundaries | \(r.extraTurns) (in \(withExtra) trials) |\n"
        s += "| turns: median absolute start / end error vs the reference U-turn | \(f(r.turnMedianAbsoluteStartErrorS * 1000, 0)) / "
        s += "\(f(r.turnMedianAbsoluteEndErrorS * 1000, 0)) ms (median signed \(f(r.turnMedianStartErrorS * 1000, 0)) / "
        s += "\(f(r.turnMedianEndErrorS * 1000, 0)) ms) |\n"
        s += "| turns: median absolute angle of the U-turn | \(f(r.turnMedianAbsoluteAngleDeg, 1))° |\n"
        s += "\n| trial | IC F1 | IC median abs err (ms) | side acc | FC F1 | cadence ref / ours | distance (m) | distance, feet (m) | stride MAE vs feet, straight (cm) | step-time asymmetry ref / ours (%) |\n"
        s += "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        for t in r.trials {
            let e = t.contacts.errors.map { abs($0) }.sorted()
            let med = e.isEmpty ? Double.nan : e[e.count / 2]
            let side = t.sideTotal > 0 ? Double(t.sideCorrect) / Double(t.sideTotal) : .nan
            s += "| \(t.code) | \(f(t.contacts.f1, 3)) | \(f(med * 1000, 0)) | \(f(side, 3)) | \(f(t.finalContacts.f1, 3)) | "
            let stride = StrideAccuracy(t.strides.filter(\.straight))
            s += "\(f(t.cadenceReference, 1)) / \(t.cadenceDetected.map { f($0, 1) } ?? "–") | \(f(t.distanceM, 2)) | "
            s += "\(t.feetDistanceM.map { f($0, 2) } ?? "–") | \(stride.count > 0 ? f(stride.meanAbsoluteErrorM * 100, 1) : "–") | "
            s += "\(t.stepTimeAsymmetry.map { "\(f($0.referencePct, 1)) / \(f($0.oursPct, 1))" } ?? "–") |\n"
        }
        return s
    }
}
