import GaitCore

/// Puts placed rows on the uniform grid `segment start + n / rate` and cuts the stream into
/// segments at long gaps.
///
/// A row whose position is within 10⁻⁴ sample of a grid point is taken to lie on it, so rows
/// already on the grid (counters, row numbers, clean timestamps) pass through bit for bit. Grid
/// points between two rows are linear interpolations of them. A step of more than one sample
/// between rows (rounded to whole samples) is a gap: reported in `gaps`; bridged by the same
/// interpolation when its length (last sample before it to first after it) is at most
/// `maxBridgedGap` seconds, otherwise the segment ends and a new one starts at the row after it.
///
/// Samples leave in `.samples` pieces of `pieceSize` (the last piece of a segment may be shorter),
/// so the events depend only on the rows, never on how they arrived. O(1) work per output sample;
/// state is one row and one piece.
struct UniformGridBuilder {
    let rate: SamplingRate
    let hasGyro: Bool
    let maxBridgedGap: Double
    let pieceSize: Int

    private var segmentOpen = false
    private var segmentOrigin: Double = 0
    private var segmentStartTime: Double = 0
    private var previousQ: Double = 0
    private var previousT: Double = 0
    private var previousAcc: SIMD3<Double> = .zero
    private var previousGyr: SIMD3<Double> = .zero
    /// The next grid index (from the segment start) to emit.
    private var nextIndex = 0
    private var pieceFirstIndex = 0
    private var pieceAcc: [SIMD3<Double>] = []
    private var pieceGyr: [SIMD3<Double>] = []

    private(set) var gaps: [Gap] = []
    private(set) var segments = 0
    /// Time of the last sample emitted, seconds from the first sample of the recording.
    var lastSampleTime: Double? {
        segments == 0 ? nil : segmentStartTime + Double(nextIndex - 1) / rate.hz
    }

    init(rate: SamplingRate, hasGyro: Bool, maxBridgedGap: Double, pieceSize: Int) {
        self.rate = rate
        self.hasGyro = hasGyro
        self.maxBridgedGap = maxBridgedGap
        self.pieceSize = pieceSize
    }

    /// Adds one row at time `t` (seconds from the first sample) and grid position `position`
    /// (t · rate). Returns false when the row was dropped because it falls on the previous row's
    /// grid position (a duplicate after snapping).
    @inline(__always)
    mutating func add(t: Double, position: Double, acc: SIMD3<Double>, gyr: SIMD3<Double>,
                      into out: inout [SampleStreamEvent]) -> Bool {
        guard segmentOpen else {
            startSegment(t: t, position: position, acc: acc, gyr: gyr, into: &out)
            return true
        }
        var q = position - segmentOrigin
        let nearest = q.rounded()
        if abs(q - nearest) <= 1e-4 { q = nearest }
        let step = q - previousQ
        guard step > 0 else { return false }
        let missing = Int(Swift.min(step.rounded(), 1e15)) - 1  // clamped: a wild timestamp must not trap
        if missing >= 1 {
            let length = t - previousT
            let bridged = length <= maxBridgedGap * (1 + 1e-9)
            gaps.append(Gap(startS: previousT, endS: t, missingSamples: missing, bridged: bridged))
            if !bridged {
                endSegment(into: &out)
                startSegment(t: t, position: position, acc: acc, gyr: gyr, into: &out)
                return true
            }
        }
        while Double(nextIndex) <= q {
            let n = Double(nextIndex)
            if n == q {
                append(acc, gyr, into: &out)
            } else {
                let w = (n - previousQ) / step
                append(previousAcc + (acc - previousAcc) * w, hasGyro ? previousGyr + (gyr - previousGyr) * w : .zero,
                       into: &out)
            }
        }
        previousQ = q
        previousT = t
        previousAcc = acc
        previousGyr = gyr
        return true
    }

    /// Ends the open segment, if any.
    mutating func finish(into out: inout [SampleStreamEvent]) {
        if segmentOpen { endSegment(into: &out) }
    }

    private mutating func startSegment(t: Double, position: Double, acc: SIMD3<Double>, gyr: SIMD3<Double>,
                                       into out: inout [SampleStreamEvent]) {
        segmentOpen = true
        segments += 1
        segmentOrigin = position
        segmentStartTime = t
        nextIndex = 0
        pieceFirstIndex = 0
        out.append(.segmentStart(SegmentStart(startTime: t, rate: rate, hasGyro: hasGyro)))
        append(acc, gyr, into: &out)
        previousQ = 0
        previousT = t
        previousAcc = acc
        previousGyr = gyr
    }

    private mutating func endSegment(into out: inout [SampleStreamEvent]) {
        flush(into: &out)
        out.append(.segmentEnd)
        segmentOpen = false
    }

    @inline(__always)
    private mutating func append(_ acc: SIMD3<Double>, _ gyr: SIMD3<Double>, into out: inout [SampleStreamEvent]) {
        if pieceAcc.isEmpty {
            pieceAcc.reserveCapacity(pieceSize)
            if hasGyro { pieceGyr.reserveCapacity(pieceSize) }
        }
        pieceAcc.append(acc)
        if hasGyro { pieceGyr.append(gyr) }
        nextIndex += 1
        if pieceAcc.count == pieceSize { flush(into: &out) }
    }

    private mutating func flush(into out: inout [SampleStreamEvent]) {
        guard !pieceAcc.isEmpty else { return }
        out.append(.samples(MotionSamples(rate: rate, firstIndex: pieceFirstIndex, acc: pieceAcc, gyr: pieceGyr)))
        pieceFirstIndex += pieceAcc.count
        pieceAcc = []
        pieceGyr = []
    }
}
