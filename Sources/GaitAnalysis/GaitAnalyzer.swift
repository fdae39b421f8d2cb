import GaitCore

/// The incremental analysis engine for uniformly sampled motion: push `SampleStreamEvent`s in,
/// take `AnalysisEvent`s out as they become final, and `finish()` for the summary.
///
/// Windowing is overlap-save on sample indices: windows of `windowSeconds`, advancing by
/// `windowSeconds − 2·marginSeconds`, each contributing the contacts of its interior ("core").
/// Every contact therefore comes from exactly one window, and where a window falls depends only
/// on sample indices, never on how the input was chunked. State per segment is one window of
/// samples plus the event stage's few pending contacts. Segments (split by long gaps in the
/// input) are analysed separately: a bout never spans a gap.
///
/// With a gyroscope, each window's core also feeds its low-passed yaw rate to the turn
/// detector, so the cores join into one continuous signal and a turn that crosses a window
/// boundary is found once, whole. `TurnAnnotator` then marks the steps inside turns and holds
/// events until the turns they depend on are decided (at most the longest turn).
public struct GaitAnalyzer {
    public let configuration: AnalysisConfiguration
    public let stepLength: ZijlstraStepLengthEstimator

    private var segment: SegmentState?
    private var tally: RecordingTally
    private var frame: BodyFrame?
    private var turnCount = 0
    /// Whether any segment had a gyroscope, so that turns were looked for.
    public private(set) var turnsAssessed = false

    private struct SegmentState {
        var start: SegmentStart
        var detector: WindowContactDetector
        var trunkPath: TrunkPathIntegrator
        var sequencer: ContactSequencer
        /// Nil without a gyroscope.
        var turns: ElGoharyTurnDetector?
        var annotator: TurnAnnotator
        var acc: [SIMD3<Double>] = []
        var gyr: [SIMD3<Double>] = []
        /// Segment index of `acc[0]`.
        var bufferStart = 0
        /// Segment index of the next window's first sample.
        var windowStart = 0
        var windows = 0
        let windowLength: Int
        let margin: Int
        var hop: Int { windowLength - 2 * margin }
        var hasGyroSamples: Bool { start.hasGyro && !gyr.isEmpty }
    }

    public init(configuration: AnalysisConfiguration = AnalysisConfiguration(), stepLength: ZijlstraStepLengthEstimator) {
        self.configuration = configuration
        self.stepLength = stepLength
        tally = RecordingTally(resolutionS: 0.01)
    }

    /// Feed one event from ingest; results that became final are appended to `out`.
    public mutating func handle(_ event: SampleStreamEvent, into out: inout [AnalysisEvent]) {
        switch event {
        case .segmentStart(let s):
            endSegment(into: &out)
            let rate = s.rate.hz
            if tally.boutCount == 0 { tally = RecordingTally(resolutionS: 1 / rate) }
            let window = Swift.max(Int(configuration.windowSeconds * rate), 8)
            let margin = Swift.min(Int(configuration.marginSeconds * rate), window / 4)
            if s.hasGyro { turnsAssessed = true }
            segment = SegmentState(
                start: s,
                detector: WindowContactDetector(configuration: configuration, rate: rate),
                trunkPath: TrunkPathIntegrator(configuration: configuration, rate: rate),
                sequencer: ContactSequencer(
                    configuration: configuration,
                    context: .init(rate: rate, startTime: s.startTime, stepLength: stepLength),
                    tally: tally),
                turns: s.hasGyro ? ElGoharyTurnDetector(configuration: configuration, rate: rate) : nil,
                annotator: TurnAnnotator(assessed: s.hasGyro, startTime: s.startTime, rate: rate),
                windowLength: window, margin: margin)
        case .samples(let m):
            guard segment != nil else { return }
            segment!.acc.append(contentsOf: m.acc)
            if segment!.start.hasGyro { segment!.gyr.append(contentsOf: m.gyr) }
            while segment!.windowStart + segment!.windowLength <= segment!.bufferStart + segment!.acc.count {
                runWindow(final: false, into: &out)
            }
        case .segmentEnd:
            endSegment(into: &out)
        }
    }

    /// The input ended: flush everything and return the recording's summary.
    public mutating func finish(into out: inout [AnalysisEvent]) -> Summary {
        endSegment(into: &out)
        return tally.summary(nTurns: turnsAssessed ? turnCount : nil)
    }

    /// The body frame of the first walking bout, when there was one.
    public var bodyFrame: BodyFrame? { frame }

    private mutating func endSegment(into out: inout [AnalysisEvent]) {
        guard segment != nil else { return }
        if segment!.windowStart < segment!.bufferStart + segment!.acc.count {
            runWindow(final: true, into: &out)
        }
        var s = segment.take()!
        var events = [AnalysisEvent]()
        s.sequencer.finish(into: &events)
        s.annotator.add(events)
        var found = [ElGoharyTurnDetector.Detection]()
        s.turns?.finish(into: &found)
        for d in found { s.annotator.add(d) }
        s.annotator.release(turnHorizon: nil, stepHorizon: nil, into: &out)
        turnCount += s.annotator.emitted
        absorb(s.sequencer)
    }

    private mutating func absorb(_ sequencer: ContactSequencer) {
        tally = sequencer.tally
        if frame == nil { frame = sequencer.firstBoutFrame }
    }

    private mutating func runWindow(final: Bool, into out: inout [AnalysisEvent]) {
        var s = segment.take()!
        let localStart = s.windowStart - s.bufferStart
        let available = s.acc.count - localStart
        let length = final ? available : s.windowLength
        let acc = Array(s.acc[localStart..<(localStart + length)])
        let gyr = s.hasGyroSamples ? Array(s.gyr[localStart..<(localStart + length)]) : []
        let coreStart = s.windows == 0 ? 0 : s.margin
        let coreEnd = Swift.max(coreStart, final ? length : s.margin + s.hop)
        let rate = s.detector.rate
        var events = [AnalysisEvent]()
        if length >= Int(rate * WindowContactDetector.minimumWindowSeconds) {
            let frame = BodyFrame.estimate(acc: acc, rate: rate)
            var candidates = s.detector.detect(acc: acc, gyr: gyr, frame: frame, core: coreStart..<coreEnd,
                                               offset: s.windowStart)
            s.trunkPath.annotate(&candidates, acc: acc, offset: s.windowStart)
            for c in candidates { s.sequencer.add(c, into: &events) }
            if var turns = s.turns, !gyr.isEmpty {
                var found = [ElGoharyTurnDetector.Detection]()
                let yaw = turns.yawRate(gyr: gyr, up: frame.up)
                turns.push(yaw[coreStart..<coreEnd], from: s.windowStart + coreStart, into: &found)
                for d in found { s.annotator.add(d) }
                s.turns = turns
            }
        }
        // Later windows add contacts only after this core, and the event stage holds back its
        // pending ones.
        let coreEndIndex = s.windowStart + coreEnd
        s.sequencer.endChainIfOver(before: coreEndIndex, into: &events)
        s.annotator.add(events)
        let stepHorizon = Swift.min(s.sequencer.earliestPendingIndex ?? coreEndIndex, coreEndIndex)
        s.annotator.release(turnHorizon: s.turns?.horizon, stepHorizon: stepHorizon, into: &out)
        s.windows += 1
        s.windowStart += final ? length : s.hop
        // Drop samples no later window needs.
        let drop = s.windowStart - s.bufferStart
        if drop > 0 {
            s.acc.removeFirst(drop)
            if s.hasGyroSamples { s.gyr.removeFirst(drop) }
            s.bufferStart += drop
        }
        segment = s
    }
}
