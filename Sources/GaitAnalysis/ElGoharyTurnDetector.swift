import GaitCore
import GaitDSP

/// Finds turns in the yaw rate of the trunk, incrementally: El-Gohary et al. 2014
/// (doi:10.3390/s140100356), as used at the lower back by Pham et al. 2017
/// (doi:10.3389/fneur.2017.00135). docs/algorithms/turns.md.
///
/// 1. Yaw rate = angular rate about the body's vertical (`BodyFrame.up`), deg/s, low-passed
///    at `turnLowPassHz` with zero phase over each analysis window (`yawRate`).
/// 2. The windows' cores, pushed in order (`push`), form one continuous signal. A *stretch* is a
///    run of samples with |ω| ≥ `turnEdgeDegps` and one sign; a stretch that reaches
///    `turnPeakDegps` is a candidate turn, from its first sample to the first sample after it.
/// 3. Candidates in the same direction no more than `turnMergeGapSeconds` apart are one turn
///    (the yaw of the samples between them counts towards its angle), as long as the merged turn
///    stays within `turnMaxSeconds`.
/// 4. The angle is the yaw rate integrated over the turn; a turn is kept when |angle| ≥
///    `minTurnAngleDeg` and its duration lies in `turnMinSeconds...turnMaxSeconds`.
///
/// State is one open stretch and one candidate waiting for a possible continuation: O(1)
/// memory, O(1) work per sample. A decision waits at most `turnMaxSeconds` +
/// `turnMergeGapSeconds`, and `horizon` says how far decisions are final.
public struct ElGoharyTurnDetector: Sendable {
    /// A turn in segment samples: `region` is half-open, its end the first sample after the turn.
    public struct Detection: Hashable, Sendable {
        public var region: SampleRegion
        /// Heading change, degrees; positive counter-clockwise seen from above (to the left).
        public var angleDeg: Double
        /// Largest |low-passed yaw rate| inside, deg/s.
        public var peakDegps: Double
    }

    /// A stretch of one sign, or a merged candidate.
    private struct Run {
        var start: Int
        /// One past the last sample.
        var end: Int
        var positive: Bool
        var angleDeg: Double
        var peakDegps: Double
        var count: Int { end - start }
    }

    public let rate: Double
    private let peak: Double, edge: Double, minAngle: Double
    private let mergeGap: Int, minLength: Int, maxLength: Int
    private let lowPass: ButterworthFilter

    /// The stretch the last sample belongs to, if it was not quiet.
    private var open: Run?
    /// A closed candidate that a same-direction candidate may still continue.
    private var pending: Run?
    /// Yaw integrated from `pending.end` to the last sample, degrees.
    private var angleSincePending = 0.0
    /// The next sample index expected.
    private var next = 0

    public init(configuration c: AnalysisConfiguration, rate: Double) {
        self.rate = rate
        peak = c.turnPeakDegps
        edge = c.turnEdgeDegps
        minAngle = c.minTurnAngleDeg
        mergeGap = Int((c.turnMergeGapSeconds * rate).rounded())
        minLength = Int((c.turnMinSeconds * rate).rounded())
        maxLength = Int((c.turnMaxSeconds * rate).rounded())
        lowPass = ButterworthFilter(.lowPass(ButterworthFilter.cutoff(c.turnLowPassHz, belowNyquistAt: rate)), order: 2, rate: rate)
    }

    /// The low-passed yaw rate, deg/s, of one window of gyroscope samples (rad/s, sensor axes):
    /// the component about `up`, positive counter-clockwise seen from above.
    public func yawRate(gyr: [SIMD3<Double>], up: SIMD3<Double>) -> [Double] {
        lowPass.filtfilt(gyr.map { dot($0, up) * 180 / Double.pi })
    }

    /// Every sample before this index has its turn membership decided, and every turn that
    /// starts before it has been reported.
    public var horizon: Int {
        if let p = pending { return p.start }
        if let o = open, o.count <= maxLength { return o.start }
        return next
    }

    /// Feed the low-passed yaw rate (deg/s) of consecutive samples, the first at segment index
    /// `first`; turns that became final are appended to `out`, in order.
    public mutating func push(_ yaw: some Collection<Double>, from first: Int, into out: inout [Detection]) {
        if first != next {
            // Not contiguous (cannot happen with tiled window cores): treat the jump as quiet.
            finish(into: &out)
            next = first
        }
        for w in yaw { step(w, into: &out) }
    }

    /// The segment ended: close what is open and decide.
    public mutating func finish(into out: inout [Detection]) {
        if let o = open.take() { close(o, into: &out) }
        resolvePending(into: &out)
    }

    private mutating func step(_ w: Double, into out: inout [Detection]) {
        let i = next
        next += 1
        let quiet = abs(w) < edge
        if var o = open, !quiet, (w > 0) == o.positive {
            o.end = i + 1
            o.angleDeg += w / rate
            o.peakDegps = Swift.max(o.peakDegps, abs(w))
            open = o
        } else {
            if let o = open.take() { close(o, into: &out) }
            if !quiet { open = Run(start: i, end: i + 1, positive: w > 0, angleDeg: w / rate, peakDegps: abs(w)) }
        }
        guard let p = pending else { return }
        angleSincePending += w / rate
        // The candidate is final once no same-direction stretch starting within the merge gap
        // is open that could still continue it within the maximum duration.
        let deadline = p.end + mergeGap
        if let o = open, o.positive == p.positive, o.start <= deadline, o.end - p.start <= maxLength { return }
        if i + 1 > deadline || open.map({ $0.positive == p.positive && $0.start <= deadline }) == true {
            resolvePending(into: &out)
        }
    }

    /// A stretch ended (its `end` is the first sample after it).
    private mutating func close(_ r: Run, into out: inout [Detection]) {
        guard r.peakDegps >= peak, r.count <= maxLength else { return }
        if var p = pending, p.positive == r.positive, r.start - p.end <= mergeGap, r.end - p.start <= maxLength {
            // `angleSincePending` covers the gap and `r` itself, up to the sample before r.end.
            p.angleDeg += angleSincePending
            p.end = r.end
            p.peakDegps = Swift.max(p.peakDegps, r.peakDegps)
            pending = p
            angleSincePending = 0
            return
        }
        resolvePending(into: &out)
        pending = r
        angleSincePending = 0
    }

    private mutating func resolvePending(into out: inout [Detection]) {
        guard let p = pending else { return }
        pending = nil
        angleSincePending = 0
        if abs(p.angleDeg) >= minAngle, p.count >= minLength, p.count <= maxLength {
            out.append(Detection(region: SampleRegion(start: p.start, end: p.end), angleDeg: p.angleDeg, peakDegps: p.peakDegps))
        }
    }
}
