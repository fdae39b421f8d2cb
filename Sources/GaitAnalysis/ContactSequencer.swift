import GaitCore

/// What the analysis emits as results become final.
public enum AnalysisEvent: Hashable, Sendable {
    case step(Step)
    case stride(Stride)
    case bout(Bout)
    case turn(Turn)
}

/// The event stage: turns a time-ordered stream of contact candidates (one segment) into steps,
/// strides and bouts, holding bounded state.
///
/// - Chains: consecutive contacts no further apart than `maxStepSeconds`. A closing step
///   (`ContactCandidate.closesWalking`) ends its chain: it is found only where the next contact
///   is more than `maxStepSeconds` after the one before it, so the chain would have ended there.
///   A chain of at least `minBoutContacts` contacts is a walking bout (Mobilise-D: ≥ 4 strides, Kluge et al. 2021,
///   doi:10.1371/journal.pone.0256541); shorter chains are discarded.
/// - Sides alternate along a chain. Each contact's side is the sign of its own evidence pooled
///   with that of its `sideVoteRadius` neighbours on each side, those of the other foot with the
///   sign reversed. Confidence is the fraction of pooled evidence that agrees.
/// - A contact missed inside a chain (lost data, a weak step) would flip that alternation for all
///   that follow. An interval of 1.6× or more the median of the last eight ordinary intervals
///   counts as round(interval / median) steps: the parity advances accordingly, and the step that
///   spans the missing contact gets no step time, length or stride.
/// - A contact is final once `sideVoteRadius` later contacts are known or the chain ends, so
///   results are emitted with a delay of a few steps and memory does not grow with the bout.
struct ContactSequencer {
    struct Context {
        var rate: Double
        /// Time of segment sample 0, seconds from the start of the recording.
        var startTime: Double
        var stepLength: ZijlstraStepLengthEstimator
    }

    private struct Finalized {
        var entry: Entry
        var step: Step
    }

    /// A candidate with its position along the chain in steps (missed contacts included).
    private struct Entry {
        var candidate: ContactCandidate
        var position: Int
        /// Steps since the previous detected contact (1 unless contacts were missed).
        var stepsBefore: Int
    }

    let configuration: AnalysisConfiguration
    let context: Context
    private let radius: Int
    /// Candidates of the current chain not yet final, and the last `radius` final ones before.
    private var pending: [Entry] = []
    private var history: [Entry] = []
    /// The last ordinary step intervals of the chain, samples.
    private var intervals: [Int] = []
    /// The last two finalized contacts of the chain (for step and stride).
    private var recent: [Finalized] = []
    private var isBout = false
    private var boutStart: Double = 0
    private var boutEnd: Double = 0
    private var bout: MeasuresAccumulator
    /// The recording so far, carried from segment to segment; each bout is added as it ends.
    private(set) var tally: RecordingTally
    /// The body frame of the first bout, for the `input` section.
    private(set) var firstBoutFrame: BodyFrame?

    init(configuration: AnalysisConfiguration, context: Context, tally: RecordingTally) {
        self.configuration = configuration
        self.context = context
        radius = configuration.sideVoteRadius
        self.tally = tally
        bout = MeasuresAccumulator(resolutionS: 1 / context.rate)
    }

    private func time(_ index: Int) -> Double { context.startTime + Double(index) / context.rate }

    mutating func add(_ c: ContactCandidate, into out: inout [AnalysisEvent]) {
        var steps = 1
        if let last = pending.last ?? history.last {
            let gap = c.index - last.candidate.index
            if last.candidate.closesWalking || Double(gap) / context.rate > configuration.maxStepSeconds {
                endChain(into: &out)
            } else if intervals.count >= 4 {
                let typical = Double(intervals.sorted()[intervals.count / 2])
                let ratio = Double(gap) / typical
                if ratio >= 1.6 { steps = Int(ratio.rounded()) }
            }
            if steps == 1 && (pending.last ?? history.last) != nil {
                intervals.append(gap)
                if intervals.count > 8 { intervals.removeFirst() }
            }
        }
        let position = ((pending.last ?? history.last)?.position ?? -1) + steps
        pending.append(Entry(candidate: c, position: position, stepsBefore: steps))
        if !isBout && pending.count >= configuration.minBoutContacts {
            isBout = true
            boutStart = time(pending[0].candidate.index)
            bout = MeasuresAccumulator(resolutionS: 1 / context.rate)
            if firstBoutFrame == nil { firstBoutFrame = c.features.frame }
        }
        if isBout {
            while pending.count > radius { finalizeFirst(into: &out) }
        }
    }

    /// The earliest contact added but not yet final (let out as a step, or dropped with a chain
    /// too short for a bout); nil when there is none.
    var earliestPendingIndex: Int? { pending.first?.candidate.index }

    /// No contact before segment index `index` is still to come: when the chain's last contact
    /// is more than `maxStepSeconds` before it, the next contact would end the chain anyway, so
    /// end it now. The events are the same as when the next contact ends it; they only come out
    /// sooner (a bout and its last steps as soon as walking stops, not when it resumes).
    mutating func endChainIfOver(before index: Int, into out: inout [AnalysisEvent]) {
        guard let last = pending.last ?? history.last,
              Double(index - last.candidate.index) / context.rate > configuration.maxStepSeconds else { return }
        endChain(into: &out)
    }

    /// The segment ended: finish the chain.
    mutating func finish(into out: inout [AnalysisEvent]) { endChain(into: &out) }

    private mutating func endChain(into out: inout [AnalysisEvent]) {
        if isBout {
            while !pending.isEmpty { finalizeFirst(into: &out) }
            let b = Bout(index: tally.boutCount, startS: boutStart, endS: boutEnd, measures: bout.measures)
            out.append(.bout(b))
            tally.add(b, sums: bout)
        }
        pending.removeAll()
        history.removeAll()
        recent.removeAll()
        intervals.removeAll()
        isBout = false
    }

    /// How much longer this foot's steps are than the contact-to-contact travel of the trunk says,
    /// and the other foot's as much shorter, m: half the difference between the two feet's mean
    /// apex shifts (`ZijlstraStepLengthEstimator.apexShift`) over the contacts the side vote pools
    /// (`sideVoteRadius` on each side, the entry's own included), consecutive ones only. Each
    /// stride keeps its length (the two steps' shares cancel); only the split between its steps
    /// moves. 0 where either foot has no shift to go by.
    private func footSplit(around entry: Entry) -> Double {
        let seq = history + [entry] + pending
        var same = (sum: 0.0, n: 0), other = (sum: 0.0, n: 0)
        for (a, b) in zip(seq, seq.dropFirst()) {
            guard let shift = apexShift(from: a, to: b) else { continue }
            if (a.position - entry.position) % 2 == 0 {
                same = (same.sum + shift, same.n + 1)
            } else {
                other = (other.sum + shift, other.n + 1)
            }
        }
        guard same.n > 0, other.n > 0 else { return 0 }
        return (same.sum / Double(same.n) - other.sum / Double(other.n)) / 2
    }

    /// The apex shift of the step ending at `a` (`ZijlstraStepLengthEstimator.apexShift`), when
    /// `b` is the next contact of the chain and its step starts at `a`.
    private func apexShift(from a: Entry, to b: Entry) -> Double? {
        guard b.position == a.position + 1, a.stepsBefore == 1, b.stepsBefore == 1,
              !a.candidate.closesWalking, !b.candidate.closesWalking,
              let g = a.candidate.stepGeometry, let h = b.candidate.stepGeometry,
              let from = b.candidate.previousIndex, abs(from - a.candidate.index) <= 1 else { return nil }
        return context.stepLength.apexShift(g, next: h)
    }

    private mutating func finalizeFirst(into out: inout [AnalysisEvent]) {
        let entry = pending.removeFirst()
        let c = entry.candidate
        // Pool side evidence over neighbours; the other foot's evidence counts reversed.
        var pooled = c.sideEvidence, magnitude = abs(c.sideEvidence)
        for n in history.suffix(radius) + pending.prefix(radius) {
            let sign: Double = (n.position - entry.position) % 2 == 0 ? 1 : -1
            pooled += sign * n.candidate.sideEvidence
            magnitude += abs(n.candidate.sideEvidence)
        }
        let side: Side? = pooled == 0 ? nil : (pooled < 0 ? .left : .right)
        let confidence = side == nil ? nil : (magnitude > 0 ? 0.5 + 0.5 * abs(pooled) / magnitude : 0.5)

        var step = Step(icS: time(c.index), side: side, sideConfidence: confidence, bout: tally.boutCount)
        var unpooled: Double? = nil
        if recent.isEmpty, let fc = c.openingFinalContact, fc < c.index {
            step.fcS = time(fc)
        }
        if let previous = recent.last, entry.stepsBefore == 1 {
            let p = previous.entry.candidate
            let stepTime = Double(c.index - p.index) / context.rate
            step.stepTimeS = stepTime
            if let fc = p.finalContactAfter, fc > p.index, fc < c.index { step.fcS = time(fc) }
            if !c.closesWalking, let g = c.stepGeometry, let prev = c.previousIndex, abs(prev - p.index) <= 1 {
                step.stepLengthM = context.stepLength.stepLength(g, stepTimeS: stepTime, splitM: footSplit(around: entry))
                if let n = pending.first, let shift = apexShift(from: entry, to: n) {
                    unpooled = context.stepLength.stepLength(g, stepTimeS: stepTime, splitM: shift)
                }
            }
        }
        if let stance = c.stance {
            step.supportMinG = stance.minSupportG
            step.givingWayCandidate = side != nil && stance.supportLossS >= configuration.givingWayMinSeconds
        }
        out.append(.step(step))
        bout.add(step: step, features: c.features, harmonicRatios: c.harmonicRatios, stance: c.stance,
                 unpooledStepLengthM: unpooled)
        boutEnd = step.icS

        if recent.count == 2, entry.position - recent[0].entry.position == 2,
           recent[1].entry.position - recent[0].entry.position == 1 {
            let first = recent[0].step, middle = recent[1].step
            var stride = Stride(startS: first.icS, endS: step.icS, side: first.side, bout: tally.boutCount)
            if let a = middle.stepLengthM, let b = step.stepLengthM {
                stride.strideLengthM = a + b
                stride.speedMps = (a + b) / stride.strideTimeS
            }
            if let fc = step.fcS {
                stride.stanceTimeS = fc - first.icS
                stride.swingTimeS = step.icS - fc
            }
            out.append(.stride(stride))
            bout.add(stride: stride)
        }
        recent.append(Finalized(entry: entry, step: step))
        if recent.count > 2 { recent.removeFirst() }
        history.append(entry)
        if history.count > radius { history.removeFirst() }
    }
}

/// What a recording has gathered so far, across its segments: the summary's sums, walking time
/// and bouts, which leave out the bouts that look like vibration (`GaitMeasures.isUnlikeWalking`),
/// and the count of every bout emitted, which numbers them. One value, handed from each segment's
/// sequencer to the next, so that nothing the summary needs is left behind at a gap.
struct RecordingTally {
    private(set) var total: MeasuresAccumulator
    private(set) var walkingTime = 0.0
    private(set) var summaryBouts = 0
    private(set) var boutCount = 0

    init(resolutionS: Double) { total = MeasuresAccumulator(resolutionS: resolutionS) }

    /// A bout that ended, with the sums of its steps and strides.
    mutating func add(_ b: Bout, sums: MeasuresAccumulator) {
        if !b.measures.isUnlikeWalking {
            total.merge(sums)
            walkingTime += b.endS - b.startS
            summaryBouts += 1
        }
        boutCount += 1
    }

    func summary(nTurns: Int?) -> Summary {
        var measures = total.measures
        measures.nTurns = nTurns
        return Summary(walkingTimeS: walkingTime, nBouts: summaryBouts, measures: measures)
    }
}
