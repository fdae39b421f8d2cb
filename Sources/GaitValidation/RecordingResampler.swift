import GaitCore
import GaitDSP

/// How `gait validate voisard` rewrites each lower-back recording before analysing it, to score
/// the analysis on the same walks as another device would record them: at another sampling rate
/// (`--resample HZ`), without the gyroscope (`--accelerometer-only`), or both.
public struct RecordingRewrite: Hashable, Sendable {
    /// The new sampling rate, Hz; nil keeps the recording's own.
    public var rateHz: Double?
    /// Drop the gyroscope columns, as an accelerometer-only device would record.
    public var accelerometerOnly: Bool

    public init(rateHz: Double? = nil, accelerometerOnly: Bool = false) {
        self.rateHz = rateHz
        self.accelerometerOnly = accelerometerOnly
    }

    /// The recordings as exported, not rewritten.
    public static let asRecorded = RecordingRewrite()
}

/// Writes a recording, as the reader delivered it (uniform segments, SI units), back out as CSV at
/// another sampling rate and with or without its gyroscope (`RecordingRewrite`).
///
/// Per segment and channel: when the new rate is lower, a zero-phase low-pass (2nd-order
/// Butterworth run forwards and backwards) at 0.4 × the new rate, below its Nyquist frequency;
/// then cubic (Catmull–Rom) interpolation at the new instants, from the segment's first sample on.
/// At the segment's own rate the interpolation returns the samples themselves. Gaps between
/// segments stay gaps. Columns: `time_s`, `acc_x…z` in m/s², `gyr_x…z` in rad/s when the recording
/// has a gyroscope and `keepGyroscope` is set. O(n) in the samples.
public enum RecordingResampler {
    /// Fraction of the new rate at which the anti-alias low-pass cuts off.
    static let antiAliasFraction = 0.4

    /// The CSV text of `events` resampled to `rateHz` (nil: each segment's own rate), with the
    /// gyroscope's columns only when `keepGyroscope`.
    public static func csv(_ events: [SampleStreamEvent], rateHz: Double?, keepGyroscope: Bool = true) -> String {
        var out = ""
        var header = false
        for var segment in segments(events) {
            if !keepGyroscope { segment.gyr = [] }
            let rateHz = rateHz ?? segment.start.rate.hz
            let channels = resample(segment, rateHz: rateHz)
            if !header {
                out += "time_s,acc_x,acc_y,acc_z" + (segment.gyr.isEmpty ? "" : ",gyr_x,gyr_y,gyr_z") + "\n"
                header = true
            }
            for k in channels[0].indices {
                let t = segment.start.startTime + Double(k) / rateHz
                out += t.fixed(5)
                for c in channels { out += "," + c[k].fixed(6) }
                out += "\n"
            }
        }
        return out
    }

    /// One segment's samples, the pieces joined.
    struct Segment {
        var start: SegmentStart
        var acc: [SIMD3<Double>] = []
        var gyr: [SIMD3<Double>] = []
    }

    static func segments(_ events: [SampleStreamEvent]) -> [Segment] {
        var out = [Segment]()
        for event in events {
            switch event {
            case .segmentStart(let s): out.append(Segment(start: s))
            case .samples(let m):
                out[out.count - 1].acc += m.acc
                out[out.count - 1].gyr += m.gyr
            case .segmentEnd: break
            }
        }
        return out
    }

    /// The segment's six (or three) channels at `rateHz`.
    static func resample(_ s: Segment, rateHz: Double) -> [[Double]] {
        let from = s.start.rate.hz
        var channels = (0..<3).map { i in s.acc.map { $0[i] } }
        if !s.gyr.isEmpty { channels += (0..<3).map { i in s.gyr.map { $0[i] } } }
        if rateHz < from, s.acc.count > 12 {
            let lowPass = ButterworthFilter(.lowPass(antiAliasFraction * rateHz), order: 2, rate: from)
            channels = channels.map { lowPass.filtfilt($0) }
        }
        let n = s.acc.count
        let count = n == 0 ? 0 : Int((Double(n - 1) * rateHz / from).rounded(.down)) + 1
        return channels.map { x in (0..<count).map { k in catmullRom(x, at: Double(k) * from / rateHz) } }
    }

    /// `x` interpolated at fractional index `u` (Catmull–Rom; the end samples repeated beyond the ends).
    static func catmullRom(_ x: [Double], at u: Double) -> Double {
        let i = Swift.min(Int(u.rounded(.down)), x.count - 1)
        let f = u - Double(i)
        func at(_ j: Int) -> Double { x[Swift.max(0, Swift.min(x.count - 1, j))] }
        let p0 = at(i - 1), p1 = at(i), p2 = at(i + 1), p3 = at(i + 2)
        return p1 + 0.5 * f * (p2 - p0 + f * (2 * p0 - 5 * p1 + 4 * p2 - p3 + f * (3 * (p1 - p2) + p3 - p0)))
    }
}
