import GaitAnalysis
import GaitCore
import GaitIngest
import GaitPipeline
import GaitSimulator

/// Scores the analysis on simulated recordings whose truth is exact (docs/validation.md,
/// "Simulated"). Each recording goes through the same engine as a file: CSV bytes in.
///
/// - contacts: detected `ic_s` matched one-to-one to the true contacts within ±30 ms; found =
///   matched / true, spurious = unmatched detections / detections;
/// - sides over matched contacts; step length as the mean absolute error of matched steps that
///   have a length in both; speed and cadence against the summary truth;
/// - left/right asymmetries of the recording's summary against the summary truth.
public struct SimulatedScore: Sendable {
    public var seed: UInt64
    public var speedMps: Double
    /// The recording's sampling rate, Hz.
    public var rateHz: Double
    public var contacts: MatchResult
    public var trueContacts: Int
    public var sideCorrect: Int
    /// Mean signed timing error (detected − true) of matched contacts of each true side, s.
    public var contactBiasLeftS: Double?
    public var contactBiasRightS: Double?
    public var stepLengthErrors: [Double]
    public var speedError: Double?
    public var cadenceError: Double?
    /// Step-time, step-length and stance-time asymmetry of the summary against the truth.
    public var stepTimeAsymmetry: AsymmetryComparison
    public var stepLengthAsymmetry: AsymmetryComparison
    public var stanceTimeAsymmetry: AsymmetryComparison

    public var found: Double { Double(contacts.truePositives) / Double(max(trueContacts, 1)) }
    public var spurious: Double {
        Double(contacts.falsePositives) / Double(max(contacts.truePositives + contacts.falsePositives, 1))
    }
}

/// One left/right asymmetry of a recording's summary against its truth.
public struct AsymmetryComparison: Sendable {
    public var measured: Asymmetry?
    public var truth: Asymmetry?

    public init(measured: Asymmetry?, truth: Asymmetry?) {
        self.measured = measured
        self.truth = truth
    }

    /// |measured − true| symmetry index, percentage points; nil when either is missing.
    public var errorPct: Double? {
        guard let measured, let truth else { return nil }
        return abs(measured.pct - truth.pct)
    }

    /// Whether the analysis names the truth's longer side; nil where the true asymmetry is below
    /// `minimumPct` (too small to ask for a side). A side not named counts as a miss.
    public func sideAgrees(minimumPct: Double) -> Bool? {
        guard let truth, truth.pct >= minimumPct else { return nil }
        return measured?.longerSide == truth.longerSide
    }
}

public enum SimulatedEvaluation {
    public static let tolerance = 0.03

    /// Analyse one simulated recording given its parameters. The analysis knows the body height
    /// and, when `analysisSensorHeightM` is given, the sensor height (as `--sensor-height`).
    public static func score(_ parameters: SimulationParameters, analysisSensorHeightM: Double? = nil) throws(GaitError)
        -> SimulatedScore
    {
        let recording = SimulatedRecording.simulate(parameters)
        let subject = Subject(heightM: parameters.bodyHeightM, sensorHeightM: analysisSensorHeightM)
        let (summary, _, detected, _) = try analyze(recording, subject: subject)
        let truth = recording.truth.steps
        let match = EventMatcher.match(detected: detected.map(\.icS), reference: truth.map(\.icS), tolerance: tolerance)
        var sides = 0
        var lengths = [Double]()
        var bias: [Side: (sum: Double, n: Double)] = [:]
        for p in match.pairs {
            if detected[p.detected].side == truth[p.reference].side { sides += 1 }
            if let side = truth[p.reference].side {
                let b = bias[side] ?? (0, 0)
                bias[side] = (b.sum + detected[p.detected].icS - truth[p.reference].icS, b.n + 1)
            }
            if let a = detected[p.detected].stepLengthM, let b = truth[p.reference].stepLengthM { lengths.append(abs(a - b)) }
        }
        let t = recording.truth.summary.measures, m = summary.measures
        return SimulatedScore(
            seed: parameters.seed, speedMps: parameters.speedMps, rateHz: parameters.rate.hz, contacts: match,
            trueContacts: truth.count, sideCorrect: sides, contactBiasLeftS: bias[.left].map { $0.sum / $0.n },
            contactBiasRightS: bias[.right].map { $0.sum / $0.n }, stepLengthErrors: lengths,
            speedError: m.speedMps.flatMap { s in t.speedMps.map { s - $0 } },
            cadenceError: m.cadenceSpm.flatMap { c in t.cadenceSpm.map { c - $0 } },
            stepTimeAsymmetry: AsymmetryComparison(measured: m.stepTimeAsymmetry, truth: t.stepTimeAsymmetry),
            stepLengthAsymmetry: AsymmetryComparison(measured: m.stepLengthAsymmetry, truth: t.stepLengthAsymmetry),
            stanceTimeAsymmetry: AsymmetryComparison(measured: m.stanceTimeAsymmetry, truth: t.stanceTimeAsymmetry))
    }

    /// The whole pipeline on a simulated recording's CSV bytes, as `gait analyze` would run it.
    static func analyze(_ recording: SimulatedRecording, subject: Subject) throws(GaitError)
        -> (summary: Summary, flags: [Flag], steps: [Step], bouts: [Bout])
    {
        let r = try GaitEngine.analyze(bytes: recording.csvBytes(), options: EngineOptions(
            reader: ReaderOptions(path: "simulated seed \(recording.parameters.seed)"), subject: subject))
        return (r.summary, r.flags, r.steps, r.bouts)
    }

    /// Normal gait at speeds 0.6–1.5 m/s and heights 1.55–1.95 m, `count` seeds from `firstSeed`,
    /// `durationS` each, sampled at `rateHz`.
    public static func normalCohort(count: Int, firstSeed: UInt64, durationS: Double, rateHz: Double = 100) throws(GaitError)
        -> [SimulatedScore] {
        var out = [SimulatedScore]()
        for k in 0..<count {
            let seed = firstSeed + UInt64(k)
            let speed = 0.6 + 0.9 * Double(k % 10) / 9
            let height = 1.55 + 0.4 * Double((k * 7) % 10) / 9
            out.append(try score(SimulationParameters(seed: seed, durationS: durationS, rate: SamplingRate(hz: rateHz),
                                                      bodyHeightM: height, speedMps: speed)))
        }
        return out
    }

    public static func markdown(_ scores: [SimulatedScore]) -> String {
        func f(_ v: Double, _ d: Int) -> String { v.fixed(d) }
        let tp = scores.reduce(0) { $0 + $1.contacts.truePositives }
        let fp = scores.reduce(0) { $0 + $1.contacts.falsePositives }
        let total = scores.reduce(0) { $0 + $1.trueContacts }
        let sides = scores.reduce(0) { $0 + $1.sideCorrect }
        let lengths = scores.flatMap(\.stepLengthErrors)
        let speeds = scores.compactMap(\.speedError).map(abs)
        let cadences = scores.compactMap(\.cadenceError).map(abs)
        var s = "| measure | value |\n| --- | --- |\n"
        s += "| recordings | \(scores.count) |\n"
        s += "| sampling rate | \(Set(scores.map { $0.rateHz.fixed(0) }).sorted().joined(separator: ", ")) Hz |\n"
        s += "| true contacts found within ±30 ms | \(f(Double(tp) / Double(max(total, 1)), 4)) (\(tp) of \(total)) |\n"
        s += "| spurious detections | \(f(Double(fp) / Double(max(tp + fp, 1)), 4)) (\(fp)) |\n"
        s += "| worst recording: found / spurious | \(f(scores.map(\.found).min() ?? .nan, 4)) / \(f(scores.map(\.spurious).max() ?? .nan, 4)) |\n"
        s += "| side accuracy of matched contacts | \(f(Double(sides) / Double(max(tp, 1)), 4)) |\n"
        s += "| step length: mean absolute error | \(f(lengths.reduce(0, +) / Double(max(lengths.count, 1)) * 100, 2)) cm |\n"
        s += "| speed: mean absolute error | \(f(speeds.reduce(0, +) / Double(max(speeds.count, 1)), 3)) m/s |\n"
        s += "| cadence: mean absolute error | \(f(cadences.reduce(0, +) / Double(max(cadences.count, 1)), 2)) steps/min |\n"
        return s
    }
}
