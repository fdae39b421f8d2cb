/// The results of an analysis, as the contract (schema `gait.analysis/1`) names them.
/// Times are seconds from the first sample of the input. Field lists are in `ResultFields.swift`.

/// One step: from the previous initial contact (of the other foot) to this one.
public struct Step: Hashable, Sendable {
    /// Time of this initial contact (heel strike).
    public var icS: Double
    /// Final contact (toe-off) of the same foot that preceded this contact, when detected.
    public var fcS: Double?
    /// The foot making this contact.
    public var side: Side?
    /// 0...1; nil where `side` is nil.
    public var sideConfidence: Double?
    /// Time since the previous contact; nil for the first contact of a bout.
    public var stepTimeS: Double?
    /// Distance travelled by the body in this step; nil for the first contact of a bout.
    public var stepLengthM: Double?
    /// Index of the bout this step belongs to (0-based), or nil while not yet in a bout.
    public var bout: Int?
    /// Whether this initial contact lies inside a turn; nil where turns were not assessed (no
    /// gyroscope).
    public var inTurn: Bool?
    /// Lowest vertical specific force (gravity included) in the single stance that starts with
    /// this contact's foot, g; nil where it was not measured.
    public var supportMinG: Double?
    /// Whether that stance holds a candidate knee-giving-way event: the force stayed below
    /// the window's ordinary stances by `AnalysisConfiguration.givingWayDropG` for at least
    /// `givingWayMinSeconds`
    /// (experimental, docs/patterns/knee_giving_way.md).
    public var givingWayCandidate: Bool = false

    public init(icS: Double, fcS: Double? = nil, side: Side? = nil, sideConfidence: Double? = nil,
                stepTimeS: Double? = nil, stepLengthM: Double? = nil, bout: Int? = nil, inTurn: Bool? = nil) {
        self.icS = icS
        self.fcS = fcS
        self.side = side
        self.sideConfidence = sideConfidence
        self.stepTimeS = stepTimeS
        self.stepLengthM = stepLengthM
        self.bout = bout
        self.inTurn = inTurn
    }
}

/// One stride: from an initial contact to the next contact of the same foot.
public struct Stride: Hashable, Sendable {
    public var startS: Double
    public var endS: Double
    public var side: Side?
    public var strideTimeS: Double
    public var strideLengthM: Double?
    public var speedMps: Double?
    public var stanceTimeS: Double?
    public var swingTimeS: Double?
    public var bout: Int?

    public init(startS: Double, endS: Double, side: Side?, strideLengthM: Double? = nil,
                speedMps: Double? = nil, stanceTimeS: Double? = nil, swingTimeS: Double? = nil, bout: Int? = nil) {
        self.startS = startS
        self.endS = endS
        self.side = side
        self.strideTimeS = endS - startS
        self.strideLengthM = strideLengthM
        self.speedMps = speedMps
        self.stanceTimeS = stanceTimeS
        self.swingTimeS = swingTimeS
        self.bout = bout
    }
}

/// Left/right asymmetry of one measure: symmetry index in percent and the longer side.
public struct Asymmetry: Hashable, Sendable {
    /// 100 · |L − R| / (0.5 · (L + R)).
    public var pct: Double
    /// L / R.
    public var ratio: Double
    /// The side whose values are larger; nil when the difference is within measurement error.
    public var longerSide: Side?
    public var left: Double
    public var right: Double
    /// Standard errors of the per-side means, in the measure's unit; nil where not known.
    public var leftSE: Double?
    public var rightSE: Double?

    public init(left: Double, right: Double, resolution: Double, leftSE: Double? = nil, rightSE: Double? = nil) {
        self.left = left
        self.right = right
        self.leftSE = leftSE
        self.rightSE = rightSE
        let mean = 0.5 * (left + right)
        pct = mean > 0 ? 100 * abs(left - right) / mean : 0
        ratio = right != 0 ? left / right : .nan
        longerSide = abs(left - right) <= resolution ? nil : (left > right ? .left : .right)
    }

    /// The symmetry index with a sign: 100 · (L − R) / (0.5 · (L + R)), positive where the left
    /// side's values are larger.
    public var signedPct: Double {
        let mean = 0.5 * (left + right)
        return mean > 0 ? 100 * (left - right) / mean : 0
    }

    /// Standard error of `signedPct` by the delta method (∂/∂L = 100·R/m², ∂/∂R = −100·L/m²
    /// with m = (L + R)/2; the two sides' errors independent); nil where either side's is unknown.
    public var signedPctSE: Double? {
        guard let leftSE, let rightSE else { return nil }
        let mean = 0.5 * (left + right)
        guard mean > 0 else { return nil }
        return 100 * (right * right * leftSE * leftSE + left * left * rightSE * rightSE).squareRoot() / (mean * mean)
    }
}

/// Per-bout or per-recording measures of how walking looked. Each is nil when there were too
/// few steps to compute it.
public struct GaitMeasures: Hashable, Sendable {
    public var nSteps: Int = 0
    public var cadenceSpm: Double?
    public var stepTimeS: Double?
    public var stepLengthM: Double?
    public var strideLengthM: Double?
    public var strideTimeS: Double?
    public var speedMps: Double?
    public var stepTimeAsymmetry: Asymmetry?
    public var stepLengthAsymmetry: Asymmetry?
    public var stanceTimeAsymmetry: Asymmetry?
    /// Coefficient of variation of stride time, percent.
    public var strideTimeCVPct: Double?
    /// Moe-Nilssen & Helbostad 2004: unbiased autocorrelation at one step / one stride lag.
    public var stepRegularityV: Double?
    public var strideRegularityV: Double?
    public var stepRegularityAP: Double?
    public var strideRegularityAP: Double?
    /// Menz et al. 2003 harmonic ratios.
    public var harmonicRatioV: Double?
    public var harmonicRatioAP: Double?
    public var harmonicRatioML: Double?
    /// Root-mean-square of the dynamic acceleration, m/s², body axes.
    public var rmsAccV: Double?
    public var rmsAccAP: Double?
    public var rmsAccML: Double?
    /// Cadence from the dominant frequency of the vertical-acceleration spectrum (FFTW), a
    /// cross-check of the contact-based cadence.
    public var spectralCadenceSpm: Double?
    /// Turns (docs/algorithms/turns.md): for a bout, those overlapping it; for the summary, all
    /// turns of the recording. Nil where turns were not assessed (no gyroscope).
    public var nTurns: Int?
    /// Per-side measures from straight walking (steps whose stride turns the heading by at most
    /// `StanceFeatures.turningHeadingDeg`; docs/algorithms/stance-features.md).
    /// Steps that fed them.
    public var nStraightSteps: Int = 0
    /// Step-time asymmetry of the straight steps only (turning steps are asymmetric by nature).
    public var straightStepTimeAsymmetry: Asymmetry?
    /// Mean vertical acceleration peak at initial contact, per side (trunk proxy of impact).
    public var impactAsymmetry: Asymmetry?
    /// Mean lateral trunk excursion towards the stance foot, per side, m.
    public var lateralExcursionAsymmetry: Asymmetry?
    /// Mean range of pelvic roll and yaw over a stride, degrees (gyroscope only).
    public var pelvisRollRangeDeg: Double?
    public var pelvisYawRangeDeg: Double?
    /// Candidate knee-giving-way events (experimental): stances whose vertical support fell below
    /// the threshold, in total and by the stance foot.
    public var givingWayCandidates: Int = 0
    public var givingWayCandidatesLeft: Int = 0
    public var givingWayCandidatesRight: Int = 0
    /// Median `side_confidence` of the steps with a side (rounded to 0.005); nil where none has
    /// one. Without a gyroscope, under `sideConfidenceMedianFloor` the sides are unreliable
    /// (docs/algorithms/side.md).
    public var sideConfidenceMedian: Double?

    /// Without a gyroscope, a recording whose `sideConfidenceMedian` is under this should not be
    /// read per side. On the 78 Voisard trials analysed without their gyroscope (4-1 and 4-2 left
    /// out), the seven whose sides were under 0.9 right had medians of 0.60–0.73 and every other
    /// trial 0.81 or more (`gait validate voisard DIR --accelerometer-only`, docs/validation.md);
    /// this lies in that gap. With a gyroscope it does not apply: trials read as low as 0.64 with
    /// their sides right.
    public static let sideConfidenceMedianFloor = 0.75

    /// Median over steps of how much a foot's step time changed since its previous step:
    /// |T_i − T_(i−2)| / mean(T_i, T_(i−2)), rounded to 0.005 (a robust stride-to-stride
    /// variability, unmoved by a few missed or extra contacts); nil where no step with a step
    /// time has one two steps before it in the bout. With the vertical regularities it tells vibration from walking
    /// (`isUnlikeWalking`).
    public var stepTimeChangeMedian: Double?

    /// A bout whose feet keep no rhythm and whose trunk repeats no pattern: the step-time change
    /// median above `unlikeWalkingStepTimeChange` and both vertical regularities under
    /// `unlikeWalkingRegularity` (docs/algorithms/bouts-and-measures.md, "Vibration that is not
    /// walking"). Measured: random vibration 0.16–0.97 and 0.02–0.26; the 96 Voisard bouts at
    /// most 0.097 and at least 0.41; simulated `irregular` severe walkers (stride-time CV 12 %)
    /// 0.154–0.198 and 0.167–0.375.
    public var isUnlikeWalking: Bool {
        guard let change = stepTimeChangeMedian, change > Self.unlikeWalkingStepTimeChange,
              let step = stepRegularityV, let stride = strideRegularityV else { return false }
        return Swift.max(step, stride) < Self.unlikeWalkingRegularity
    }

    public static let unlikeWalkingStepTimeChange = 0.25
    public static let unlikeWalkingRegularity = 0.3

    public init() {}

    /// Vertical stride regularity minus step regularity, signed (the classifier's confirmation of
    /// a step-to-step difference, docs/classifier.md); nil where either is missing.
    public var regularityGap: Double? { Self.strideMinusStep(stepRegularityV, strideRegularityV) }
    /// Autocorrelation symmetry, vertical: |stride regularity − step regularity| (Buckley et al.
    /// 2020, doi:10.3390/s20010037, from Moe-Nilssen & Helbostad 2004). A stride's two steps
    /// alike make the step and stride lags equally similar (0); the more the steps differ, the
    /// further step regularity falls below stride regularity. Nil where either is missing.
    public var autocorrelationSymmetryV: Double? { regularityGap.map(abs) }
    /// Autocorrelation symmetry, anteroposterior (as `autocorrelationSymmetryV`).
    public var autocorrelationSymmetryAP: Double? { Self.strideMinusStep(stepRegularityAP, strideRegularityAP).map(abs) }

    private static func strideMinusStep(_ step: Double?, _ stride: Double?) -> Double? {
        guard let step, let stride else { return nil }
        return stride - step
    }
}

/// A walking bout: a run of steps with no long breaks.
public struct Bout: Hashable, Sendable {
    public var index: Int
    public var startS: Double
    public var endS: Double
    public var measures: GaitMeasures

    public init(index: Int, startS: Double, endS: Double, measures: GaitMeasures) {
        self.index = index
        self.startS = startS
        self.endS = endS
        self.measures = measures
    }
}

/// The whole recording.
public struct Summary: Hashable, Sendable {
    public var walkingTimeS: Double
    public var nBouts: Int
    public var measures: GaitMeasures

    public init(walkingTimeS: Double, nBouts: Int, measures: GaitMeasures) {
        self.walkingTimeS = walkingTimeS
        self.nBouts = nBouts
        self.measures = measures
    }
}

/// One piece of evidence for a flag: a measured value against its published reference.
public struct Evidence: Hashable, Sendable {
    public var metric: String
    public var value: Double
    /// Human-readable reference range or rule, e.g. "≤ 10 % (Hodt-Billington 2012)".
    public var reference: String
    /// Citation of the reference.
    public var source: String

    public init(metric: String, value: Double, reference: String, source: String) {
        self.metric = metric
        self.value = value
        self.reference = reference
        self.source = source
    }
}

/// A compensatory gait pattern the classifier found. Supports research; not a diagnosis.
public struct Flag: Hashable, Sendable {
    public var pattern: String
    public var side: Side?
    /// 0...1: how far past the cut-off the evidence lies.
    public var score: Double
    /// 0...1: how much to trust the flag (falls with few strides, short bouts, unsure sides).
    public var confidence: Double
    public var evidence: [Evidence]
    public var experimental: Bool
    /// Simulator truth only: the simulated severity.
    public var severity: String?

    public init(pattern: String, side: Side?, score: Double, confidence: Double, evidence: [Evidence],
                experimental: Bool = false, severity: String? = nil) {
        self.pattern = pattern
        self.side = side
        self.score = score
        self.confidence = confidence
        self.evidence = evidence
        self.experimental = experimental
        self.severity = severity
    }
}

/// A stretch of lost data in the input.
public struct Gap: Hashable, Sendable {
    /// Time of the last sample before the gap.
    public var startS: Double
    /// Time of the first sample after the gap.
    public var endS: Double
    /// Samples missing at the nominal rate.
    public var missingSamples: Int
    /// True when the gap was short enough to bridge by interpolation; false when it split the
    /// recording into separately analysed segments.
    public var bridged: Bool

    public init(startS: Double, endS: Double, missingSamples: Int, bridged: Bool) {
        self.startS = startS
        self.endS = endS
        self.missingSamples = missingSamples
        self.bridged = bridged
    }
}

/// A one-hour step of a date-time column without a zone, at a whole hour, that the reader undid:
/// a local-time clock changing for daylight saving time (contract, "Times"). The time goes on as
/// elapsed time across it.
public struct ClockShift: Hashable, Sendable {
    /// Time of the first sample after the step, seconds from the first sample, as placed.
    public var atS: Double
    /// Seconds added to every time from here on: +3600 where the clock went back an hour
    /// (daylight saving time ending), −3600 where it went forward (beginning).
    public var shiftS: Double
    /// The clock as the file wrote it at the last sample before the step and the first after it,
    /// `yyyy-MM-dd HH:mm:ss.fff`.
    public var clockBefore: String
    public var clockAfter: String

    public init(atS: Double, shiftS: Double, clockBefore: String, clockAfter: String) {
        self.atS = atS
        self.shiftS = shiftS
        self.clockBefore = clockBefore
        self.clockAfter = clockAfter
    }
}

/// What the reader understood of the input, reported in the output's `input` section.
public struct InputInfo: Hashable, Sendable {
    public var path: String
    public var rows: Int = 0
    public var samplingRateHz: Double = 0
    /// Where the rate came from: "timestamps", "metadata", "option", "counter+metadata" or
    /// "counter+option".
    public var rateSource: String = ""
    public var durationS: Double = 0
    public var delimiter: String = ""
    /// Column role → header name (or index) used, e.g. ["time": "PacketCounter", "ax": "Acc_X"].
    public var columns: [(role: String, column: String)] = []
    /// The file has no header and its columns were taken in the usual order of such exports
    /// (a date-time, then x, y, z, then the gyroscope's); the engine says so in `notes`.
    public var columnsAssumed = false
    /// Why gyroscope columns of the file were not used (`--accelerometer-only`, or only zeros);
    /// nil when they are used or there are none. The engine puts it in `notes`.
    public var gyroscopeIgnored: String?
    /// "seconds", "milliseconds", "microseconds", "nanoseconds", "iso8601", "M/d/yyyy",
    /// "d/M/yyyy", "counter" or "none".
    public var timeFormat: String = ""
    /// "m/s2" or "g", and how it was decided ("detected", "header" or "option").
    public var accUnits: String = ""
    public var accUnitsSource: String = ""
    public var gyroUnits: String?
    public var gyroUnitsSource: String?
    public var preambleLines: Int = 0
    public var gaps: [Gap] = []
    public var segments: Int = 0
    public var badRowsSkipped: Int = 0
    public var duplicateTimestamps: Int = 0
    public var backwardTimestamps: Int = 0
    /// One-hour steps of a local-time clock that were undone (daylight saving time).
    public var clockShifts: [ClockShift] = []
    /// Unit vectors, in sensor axes, of the body's vertical (up), forward and left directions as
    /// found from the data (first walking segment); nil when no walking was found to decide them.
    public var verticalAxis: SIMD3<Double>?
    public var forwardAxis: SIMD3<Double>?
    public var leftAxis: SIMD3<Double>?

    public init(path: String) { self.path = path }

    public static func == (a: InputInfo, b: InputInfo) -> Bool {
        a.path == b.path && a.rows == b.rows && a.samplingRateHz == b.samplingRateHz
            && a.rateSource == b.rateSource && a.durationS == b.durationS && a.delimiter == b.delimiter
            && a.columns.map(\.role) == b.columns.map(\.role) && a.columns.map(\.column) == b.columns.map(\.column)
            && a.columnsAssumed == b.columnsAssumed && a.gyroscopeIgnored == b.gyroscopeIgnored
            && a.timeFormat == b.timeFormat && a.accUnits == b.accUnits && a.accUnitsSource == b.accUnitsSource
            && a.gyroUnits == b.gyroUnits && a.gyroUnitsSource == b.gyroUnitsSource
            && a.preambleLines == b.preambleLines && a.gaps == b.gaps && a.segments == b.segments
            && a.badRowsSkipped == b.badRowsSkipped && a.duplicateTimestamps == b.duplicateTimestamps
            && a.backwardTimestamps == b.backwardTimestamps && a.clockShifts == b.clockShifts
            && a.verticalAxis == b.verticalAxis
            && a.forwardAxis == b.forwardAxis && a.leftAxis == b.leftAxis
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(rows)
        hasher.combine(samplingRateHz)
    }
}

/// Subject data that sharpen the analysis; each is optional and its absence is reported.
public struct Subject: Hashable, Sendable {
    public var heightM: Double?
    public var sensorHeightM: Double?
    public var ageYears: Double?
    /// "F" or "M".
    public var sex: String?

    /// The values accepted from `--height`, `--sensor-height`, `--age` and `--sex` and from batch
    /// metadata (contract), so that the two ways of giving them agree.
    public static let heightRangeM: ClosedRange<Double> = 0.5...2.8
    public static let sensorHeightRangeM: ClosedRange<Double> = 0.3...2
    public static let ageRangeYears: ClosedRange<Double> = 1...120
    public static func isValidSex(_ s: String) -> Bool { s == "F" || s == "M" }

    public init(heightM: Double? = nil, sensorHeightM: Double? = nil, ageYears: Double? = nil, sex: String? = nil) {
        self.heightM = heightM
        self.sensorHeightM = sensorHeightM
        self.ageYears = ageYears
        self.sex = sex
    }
}

/// Everything `gait analyze` produces for one recording.
public struct AnalysisResult: Hashable, Sendable {
    public static let schema = "gait.analysis/1"

    public var input: InputInfo
    public var subject: Subject
    /// Notes on assumptions made, e.g. "sensor height estimated as 0.56 × body height".
    public var notes: [String]
    public var steps: [Step]
    public var strides: [Stride]
    public var bouts: [Bout]
    /// Nil where turns were not assessed (no gyroscope); empty when none were found.
    public var turns: [Turn]?
    public var summary: Summary
    public var flags: [Flag]

    public init(input: InputInfo, subject: Subject = Subject(), notes: [String] = [], steps: [Step] = [],
                strides: [Stride] = [], bouts: [Bout] = [], turns: [Turn]? = nil,
                summary: Summary = Summary(walkingTimeS: 0, nBouts: 0, measures: GaitMeasures()),
                flags: [Flag] = []) {
        self.input = input
        self.subject = subject
        self.notes = notes
        self.steps = steps
        self.strides = strides
        self.bouts = bouts
        self.turns = turns
        self.summary = summary
        self.flags = flags
    }
}

/// The sentence every text output carries with its flags.
public let researchDisclaimer =
    "Flags support research; they are not a medical diagnosis."
