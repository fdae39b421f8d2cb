import GaitAnalysis
import GaitClassifier
import GaitCore
import GaitIngest

/// What a caller configures for one recording.
public struct EngineOptions: Sendable {
    public var reader: ReaderOptions
    public var analysis: AnalysisConfiguration
    public var subject: Subject
    /// The healthy norms of the classifier's z-score rules.
    public var norms: HealthyNorms

    public init(reader: ReaderOptions, analysis: AnalysisConfiguration = AnalysisConfiguration(), subject: Subject = Subject(),
                norms: HealthyNorms = .voisard) {
        self.reader = reader
        self.analysis = analysis
        self.subject = subject
        self.norms = norms
    }
}

/// The one incremental engine behind `analyze`, `stream` and `batch`:
/// bytes → rows → uniform samples (GaitIngest) → windows → contacts → steps, strides, bouts
/// (GaitAnalysis) → flags (GaitClassifier).
///
/// Push bytes as they arrive, in any chunking; each call returns the results that became final.
/// `finish()` flushes the rest and returns the summary and flags. State is bounded: the reader's
/// partial line and header buffer, one analysis window of samples, a few pending contacts.
public struct GaitEngine {
    public let options: EngineOptions
    /// Assumptions made (e.g. an estimated sensor height), reported in the output's `notes`.
    public private(set) var notes: [String] = []
    private var reader: CSVRecordingReader
    private var analyzer: GaitAnalyzer
    private var sideConfidence = RuleClassifier.SideConfidenceMean()
    private var samples: [SampleStreamEvent] = []
    private var rateChecked = false
    private var unlikeWalking = UnlikeWalkingBouts()
    private var gravity = GravityPresence()
    private var angularRate = AngularRateCheck()

    public init(options: EngineOptions) {
        self.options = options
        reader = CSVRecordingReader(options: options.reader)
        let (height, note) = Self.sensorHeight(options.subject, options.analysis)
        if let note { notes.append(note) }
        analyzer = GaitAnalyzer(configuration: options.analysis, stepLength: ZijlstraStepLengthEstimator(sensorHeightM: height))
    }

    /// The pendulum length for step length, and a note when it was not given.
    static func sensorHeight(_ s: Subject, _ c: AnalysisConfiguration) -> (Double, String?) {
        if let h = s.sensorHeightM { return (h, nil) }
        if let h = s.heightM {
            let est = c.sensorHeightFraction * h
            return (est, "sensor height not given: estimated as \(c.sensorHeightFraction) × body height = \((est * 1000).rounded() / 1000) m")
        }
        return (c.defaultSensorHeightM,
                "neither sensor height nor body height given: step length assumes a sensor height of \(c.defaultSensorHeightM) m")
    }

    /// A note when the recording's left/right cannot be trusted: no gyroscope and a median
    /// `side_confidence` under `GaitMeasures.sideConfidenceMedianFloor` (docs/algorithms/side.md).
    static func sideReliabilityNote(_ m: GaitMeasures, hasGyroscope: Bool) -> String? {
        guard !hasGyroscope, let median = m.sideConfidenceMedian, median < GaitMeasures.sideConfidenceMedianFloor else { return nil }
        return "left/right: without a gyroscope the median side_confidence is \(median.fixed(3)), under "
            + "\(GaitMeasures.sideConfidenceMedianFloor.fixed(2)): the sides may be reversed in whole bouts, so per-side "
            + "measures (asymmetries, longer sides, the sides of flags) should not be read (docs/algorithms/side.md)"
    }

    /// The slowest mean speed of the real recordings with a reference that the analysis is validated
    /// on (the 80 Voisard trials read 0.88–1.63 m/s; docs/validation.md), m/s.
    public static let slowestValidatedSpeedMps = 0.85

    /// A note when the recording's walking is slower than any real recording the analysis was
    /// validated on: there contacts and step lengths (whose double support grows as walking slows,
    /// docs/algorithms/step-length.md) are checked only on simulated gait.
    static func slowWalkingNote(_ m: GaitMeasures) -> String? {
        guard let v = m.speedMps, v < slowestValidatedSpeedMps else { return nil }
        return "walking at \(v.fixed(2)) m/s, slower than the real recordings the analysis is validated on "
            + "(\(slowestValidatedSpeedMps.fixed(2)) m/s and faster, docs/validation.md): contacts and step lengths at this "
            + "speed are checked on simulated gait only"
    }

    /// Mean `side_confidence` of the steps emitted so far (the classifier's side trust), or nil.
    public var meanSideConfidence: Double? { sideConfidence.value }

    /// Whether turns were looked for (the input has a gyroscope). Where not, the result's `turns`,
    /// `in_turn` and `n_turns` are null.
    public var turnsAssessed: Bool { analyzer.turnsAssessed }

    /// What the reader understood of the input so far.
    public var input: InputInfo {
        var info = reader.info
        if let f = analyzer.bodyFrame {
            info.verticalAxis = f.up
            info.forwardAxis = f.forward
            info.leftAxis = f.left
        }
        return info
    }

    /// Push the next bytes of the input; results that became final are appended to `out`.
    public mutating func push(_ bytes: UnsafeRawBufferPointer, into out: inout [AnalysisEvent]) throws(GaitError) {
        let events = try reader.push(bytes)
        try feed(events, into: &out)
    }

    /// The input ended: flush all stages. Returns the summary and the flags.
    public mutating func finish(into out: inout [AnalysisEvent]) throws(GaitError) -> (summary: Summary, flags: [Flag]) {
        let events = try reader.finish()
        try feed(events, into: &out)
        if let error = gravity.refusal(file: options.reader.path) { throw error }
        if let note = Self.backwardTimeNote(reader.info) { notes.append(note) }
        notes += reader.info.clockShifts.map(Self.clockShiftNote)
        let before = out.count
        let summary = analyzer.finish(into: &out)
        track(out[before...])
        if let error = angularRate.refusal(file: options.reader.path, info: reader.info, measures: summary.measures) { throw error }
        if let note = Self.sideReliabilityNote(summary.measures, hasGyroscope: turnsAssessed) { notes.append(note) }
        if let note = Self.slowWalkingNote(summary.measures) { notes.append(note) }
        if let note = unlikeWalking.note { notes.append(note) }
        let classification = RuleClassifier(norms: options.norms).classify(
            summary: summary, subject: options.subject, meanSideConfidence: meanSideConfidence)
        notes.append(contentsOf: classification.notes)
        return (summary, classification.flags)
    }

    private mutating func feed(_ events: [SampleStreamEvent], into out: inout [AnalysisEvent]) throws(GaitError) {
        let before = out.count
        for e in events {
            if case .segmentStart(let s) = e, !rateChecked {
                try checkRate(s.rate.hz)
                rateChecked = true
                if let note = reader.info.gyroscopeIgnored { notes.append(note) }
                if reader.info.columnsAssumed {
                    let roles = reader.info.columns.map(\.role).joined(separator: ", ")
                    notes.append("the file has no header: its columns were taken as \(roles), the order of headerless "
                                 + "exports with a date-time first (Axivity OMGUI, GENEActiv); name them with --columns if they are not")
                }
            }
            if case .samples(let m) = e {
                gravity.add(m.acc)
                angularRate.add(m.gyr)
            }
            analyzer.handle(e, into: &out)
        }
        track(out[before...])
    }

    /// Rows dropped because their time went back (contract, "Times": time only increases) are
    /// counted in `input.backward_timestamps`; the notes say so too, because what they held is
    /// not analysed (the SampleData walk with its clock set back 30 s in its middle lost those
    /// 30 s without a note before). A local-time clock's daylight-saving step is not among them:
    /// the reader undoes it (`clockShiftNote`).
    static func backwardTimeNote(_ info: InputInfo) -> String? {
        guard info.backwardTimestamps > 0 else { return nil }
        let share = 100 * Double(info.backwardTimestamps) / Double(Swift.max(1, info.rows))
        return "\(info.backwardTimestamps) rows (\(share.fixed(1)) % of the rows read) were dropped because their time went back "
            + "and were not analysed; a clock set back drops what it repeats (a daylight-saving step of one hour at a whole hour "
            + "is undone instead)"
    }

    /// A daylight-saving step the reader undid (`input.clock_shifts`): where, and what was done.
    static func clockShiftNote(_ shift: ClockShift) -> String {
        let back = shift.shiftS > 0
        return "the time column went \(back ? "back" : "forward") one hour at \(shift.atS.fixed(3)) s "
            + "(\(shift.clockBefore) then \(shift.clockAfter)), as a local-time clock does when daylight saving time "
            + "\(back ? "ends" : "begins"); the rows from there on were placed one hour \(back ? "later" : "earlier"), "
            + "as time went on, \(back ? "and none was dropped" : "without a gap")"
    }

    /// Refuses a rate under `AnalysisConfiguration.minimumRateHz`; notes one under the validated range.
    private mutating func checkRate(_ hz: Double) throws(GaitError) {
        let info = reader.info
        let rate = "\(hz.fixed(3)) Hz (from the \(info.rateSource))"
        if hz < AnalysisConfiguration.minimumRateHz {
            let units = info.rateSource == "timestamps" ? TimeUnits(timeFormat: info.timeFormat) : nil
            let remedy = units?.remedy(forRate: hz, plausible: AnalysisConfiguration.minimumRateHz...SamplingRate.maximumHz)
                ?? "check the time column, or pass --rate where the file has none"
            throw GaitError(.analysisFailed,
                            "the sampling rate is \(rate), under the \(AnalysisConfiguration.minimumRateHz.fixed(0)) Hz "
                                + "the analysis needs; \(remedy)",
                            file: info.path)
        }
        if hz < AnalysisConfiguration.validatedMinimumRateHz {
            notes.append("sampling rate \(rate) is under the \(AnalysisConfiguration.validatedMinimumRateHz.fixed(0)) Hz "
                         + "the analysis is validated at (docs/validation.md, \"Other sampling rates\")")
        }
    }

    private mutating func track(_ events: some Collection<AnalysisEvent>) {
        for e in events {
            switch e {
            case .step(let s): sideConfidence.add(s)
            case .bout(let b): unlikeWalking.add(b)
            default: break
            }
        }
    }
}

/// Whether the acceleration holds gravity. A worn sensor keeps gravity in a nearly constant
/// direction of its own frame, so over a recording the mean acceleration vector is almost as long
/// as the mean magnitude: 0.90–0.99 (median 0.986) over the 80 Voisard trials, U-turn included.
/// Hours spent lying keep it at least the fraction of time upright, because gravity then lies
/// across the upright direction. "Free", "linear" or "user" acceleration, gravity removed (Xsens
/// FreeAcc, phones' linear acceleration), averages to about zero. Analysed, it looks plausible and
/// is wrong: the SampleData walk with gravity taken out gave its 107 steps but a step length of
/// 0.503 m against 0.660 m, the body frame having lost its vertical. Such a recording is refused
/// (exit 1) under `floor`.
struct GravityPresence {
    /// |mean a| / mean |a| under which the recording is refused.
    static let floor = 0.3
    /// Samples needed before the ratio is judged (1 s at 100 Hz).
    static let minimumSamples = 100
    private var sum = SIMD3<Double>(repeating: 0)
    private var magnitudes = 0.0
    private var count = 0

    mutating func add(_ acc: [SIMD3<Double>]) {
        for a in acc {
            sum += a
            magnitudes += (a * a).sum().squareRoot()
        }
        count += acc.count
    }

    /// |mean a| / mean |a|, or nil with too few samples or none that move.
    var ratio: Double? {
        guard count >= Self.minimumSamples, magnitudes > 0 else { return nil }
        return (sum * sum).sum().squareRoot() / magnitudes
    }

    func refusal(file: String) -> GaitError? {
        guard let r = ratio, r < Self.floor else { return nil }
        return GaitError(.analysisFailed,
                         "the acceleration holds no gravity: over the recording its mean vector is \((100 * r).fixed(0)) % "
                             + "of its mean size (a worn sensor's: 90–99 %). Free, linear or user acceleration (gravity "
                             + "removed, as Xsens FreeAcc) cannot be analysed: export the sensor's own acceleration",
                         file: file)
    }
}

/// Whether the angular rate can be in the units it was read in. The reader decides them on the
/// first rows (`--gyro-units`, the header, or the rule of `LayoutDetector+Decisions.swift`);
/// read in the wrong units, every rate is 57.3 times too large or too small, and the analysis
/// went on without a word. Two checks over the whole recording, each refusing it (exit 2) with
/// the remedy:
/// - **Beyond any gyroscope.** No gyroscope reads more than `AngularRateUnits.fullScaleRadiansPerSecond`
///   (35 rad/s ≈ 2000 deg/s) and a trunk turns at a few rad/s; deg/s read as rad/s exceed it
///   whenever the trunk turns at 35 deg/s, as at every step of healthy walking. Refused when
///   more than `largestShare` of the samples exceed it, whatever the units' source. Before: the
///   SampleData walk's deg/s under a header saying rad/s gave a turn of about 500° at every
///   other step (42).
/// - **Too little or too much rotation for the walking.** A walking pelvis rolls and turns with
///   every step, the more the harder it walks: over the 80 Voisard trials, the straight
///   strides' roll + yaw range (degrees) per m/s² of RMS vertical acceleration is 4.2–17.0
///   (median 7.4). A guarded walker whose pelvic motion is scaled by
///   0.3 (the simulator's severe `guarded`) keeps at least 1.26. rad/s read as deg/s divide the
///   ratio by 57.3 (at most 0.30 for the healthy walks); deg/s read as rad/s multiply it (at
///   least 72 for the guarded walker); a gyroscope that is stuck at a constant gives 0 (one
///   writing only zeros is dropped by the reader). Refused under `minimumRotationPerAcceleration` (0.6) or
///   over `maximumRotationPerAcceleration` (40), each a factor 1.8–2.4 from the walks on either
///   side, given `minimumStraightSteps`, where the units came from the header or were detected
///   (not from `--gyro-units`, which the user vouches for). Before: the SampleData walk's rad/s
///   under a header saying deg/s gave no turns and a `guarded` flag (pelvic rotation 0.30°
///   against a healthy 17.2 ± 4.4°); the simulator's severe `guarded` walker in deg/s under a
///   header saying rad/s (or, before the reader decided on four moving blocks, without units in
///   its header) gave 180–320° of pelvic rotation per stride.
struct AngularRateCheck {
    /// Share of samples beyond the full scale above which the recording is refused.
    static let largestShare = 0.01
    /// Pelvic roll + yaw range, degrees, per m/s² of RMS vertical acceleration: under the first
    /// the rotation is too small for the walking, over the second too large.
    static let minimumRotationPerAcceleration = 0.6
    static let maximumRotationPerAcceleration = 40.0
    /// The least and the largest of the 80 healthy Voisard walks.
    static let healthyRotationPerAcceleration = 4.2...17.0
    /// Straight steps the rotation check needs.
    static let minimumStraightSteps = 10
    private var beyond = 0
    private var count = 0

    mutating func add(_ gyr: [SIMD3<Double>]) {
        let limit = AngularRateUnits.fullScaleRadiansPerSecond * AngularRateUnits.fullScaleRadiansPerSecond
        for w in gyr where (w * w).sum() > limit { beyond += 1 }
        count += gyr.count
    }

    func refusal(file: String, info: InputInfo, measures m: GaitMeasures) -> GaitError? {
        guard count > 0 else { return nil }
        let read = [info.gyroUnits, info.gyroUnitsSource.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        if Double(beyond) > Self.largestShare * Double(count) {
            let remedy = info.gyroUnits == AngularRateUnits.radiansPerSecond.rawValue
                ? "the values are deg/s; pass --gyro-units deg/s"
                : "the columns taken for the gyroscope do not hold an angular rate in deg/s or rad/s; name them with --columns"
            return GaitError(.invalidInput,
                             "the angular rate, read in \(read), exceeds \(AngularRateUnits.fullScaleRadiansPerSecond.fixed(0)) rad/s "
                                 + "(≈ 2000 deg/s, beyond any gyroscope's range) in \((100 * Double(beyond) / Double(count)).fixed(1)) % "
                                 + "of the samples: \(remedy)",
                             file: file)
        }
        guard info.gyroUnitsSource != "option", m.nStraightSteps >= Self.minimumStraightSteps,
              let roll = m.pelvisRollRangeDeg, let yaw = m.pelvisYawRangeDeg, let rms = m.rmsAccV, rms > 0
        else { return nil }
        let ratio = (roll + yaw) / rms
        let healthy = Self.healthyRotationPerAcceleration
        let asRead = AngularRateUnits(rawValue: info.gyroUnits ?? "") ?? .radiansPerSecond
        let comparison: String, remedy: String
        if ratio < Self.minimumRotationPerAcceleration {
            comparison = "where the least of 80 healthy walks turns \((healthy.lowerBound * rms).fixed(1))°"
            remedy = asRead == .degreesPerSecond
                ? "the values look like rad/s; pass --gyro-units rad/s, or --gyro-units deg/s if they are right"
                : "the gyroscope does not follow the trunk (off, stuck, or in other units); pass --accelerometer-only to "
                    + "analyse without it, or --gyro-units rad/s if the values are right"
        } else if ratio > Self.maximumRotationPerAcceleration {
            comparison = "where the most of 80 healthy walks turns \((healthy.upperBound * rms).fixed(1))°"
            remedy = asRead == .radiansPerSecond
                ? "the values look like deg/s; pass --gyro-units deg/s, or --gyro-units rad/s if they are right"
                : "the values are too large for deg/s (other units?); pass --accelerometer-only to analyse without them, "
                    + "or --gyro-units deg/s if they are right"
        } else {
            return nil
        }
        return GaitError(.invalidInput,
                         "the angular rate, read in \(read), gives the walking pelvis \((roll + yaw).fixed(2))° of roll + yaw per stride "
                             + "for \(rms.fixed(2)) m/s² RMS vertical acceleration, \(comparison): \(remedy)",
                         file: file)
    }
}

/// The bouts that look like vibration rather than walking (`GaitMeasures.isUnlikeWalking`),
/// counted as they are emitted, for one note at the end. The event stage leaves them out of the
/// summary (and so of the flags); they stay in the listed results, and the note names them, so
/// that a researcher can see what was set aside and judge it.
struct UnlikeWalkingBouts {
    /// Bouts named in the note; the rest are counted.
    static let namedLimit = 5
    private(set) var count = 0
    private(set) var seconds = 0.0
    private(set) var named: [Int] = []

    mutating func add(_ b: Bout) {
        guard b.measures.isUnlikeWalking else { return }
        count += 1
        seconds += b.endS - b.startS
        if named.count < Self.namedLimit { named.append(b.index) }
    }

    var note: String? {
        guard count > 0 else { return nil }
        let list = named.map(String.init).joined(separator: ", ") + (count > named.count ? " and \(count - named.count) more" : "")
        return "\(count) bout\(count == 1 ? "" : "s") (\(seconds.fixed(1)) s; bout index \(list)) may not be walking: "
            + "the same foot's step time changes by a median of more than "
            + "\(Int((100 * GaitMeasures.unlikeWalkingStepTimeChange).rounded())) % from one stride to the next and "
            + "the trunk repeats no step or stride pattern (vertical regularity under \(GaitMeasures.unlikeWalkingRegularity.fixed(1))), "
            + "as in vibration (a vehicle, a machine); they are listed with their steps and strides but left out of "
            + "the summary and the flags (docs/algorithms/bouts-and-measures.md)"
    }
}
