import GaitCore
import GaitDSP

/// How `gait validate voisard` rewrites each lower-back recording before analysing it, to score
/// the analysis on the same walks as another device would record them: at another sampling rate
/// (`--resample HZ`), without the gyroscope (`--accelerometer-only`), with the sensor turned on
/// the body (`--remount`), or any of these together.
public struct RecordingRewrite: Hashable, Sendable {
    /// The new sampling rate, Hz; nil keeps the recording's own.
    public var rateHz: Double?
    /// Drop the gyroscope columns, as an accelerometer-only device would record.
    public var accelerometerOnly: Bool
    /// The sensor turned on the body; nil keeps the recording's axes.
    public var remount: SensorRemount?

    public init(rateHz: Double? = nil, accelerometerOnly: Bool = false, remount: SensorRemount? = nil) {
        self.rateHz = rateHz
        self.accelerometerOnly = accelerometerOnly
        self.remount = remount
    }

    /// The recordings as exported, not rewritten.
    public static let asRecorded = RecordingRewrite()
}

/// The same sensor, on the same spot, turned: every accelerometer and gyroscope vector of the
/// recording is rotated by one fixed rotation, as the sensor would have measured the same walk
/// mounted that way (the lever arm is unchanged: the turn is about the sensor's own centre).
///
/// The turns are named for the Voisard mounting (Xsens MTw at L5: sensor x up, y left, z
/// backward; `SensorMounting.xsensLowerBack`). `rows` holds the rotation's rows, so that a vector
/// of the recording, v, reads `rows · v` in the turned sensor's axes. Every one is a proper
/// rotation (determinant +1): a mirror would turn the gyroscope's rotations the wrong way, which no
/// mounting can do.
public enum SensorRemount: String, CaseIterable, Hashable, Sendable {
    /// Half a turn about the body's forward axis: sensor x down, y right.
    case upsideDown = "upside-down"
    /// A quarter turn about the vertical: sensor y backward, z right.
    case sideways
    /// A quarter turn about the backward axis: sensor x to the left, y down.
    case onItsSide = "on-its-side"
    /// An oblique turn mixing all three axes: yaw 30°, pitch 40°, roll 50° (Z–Y–X about the
    /// sensor's axes).
    case oblique

    /// The rotation, rows: the turned sensor's axes in the recorded sensor's coordinates.
    public var rows: Matrix3 {
        switch self {
        case .upsideDown: return Matrix3(r0: [-1, 0, 0], r1: [0, -1, 0], r2: [0, 0, 1])
        case .sideways: return Matrix3(r0: [1, 0, 0], r1: [0, 0, 1], r2: [0, -1, 0])
        case .onItsSide: return Matrix3(r0: [0, 1, 0], r1: [-1, 0, 0], r2: [0, 0, 1])
        case .oblique: return Matrix3.zyx(yawDeg: 30, pitchDeg: 40, rollDeg: 50).transposed
        }
    }

    /// In words, for the report.
    public var description: String {
        switch self {
        case .upsideDown: return "upside down (half a turn about the forward axis)"
        case .sideways: return "sideways (a quarter turn about the vertical)"
        case .onItsSide: return "on its side (a quarter turn about the backward axis)"
        case .oblique: return "obliquely (yaw 30°, pitch 40°, roll 50°)"
        }
    }
}

/// Writes a recording, as the reader delivered it (uniform segments, SI units), back out as CSV at
/// another sampling rate, with or without its gyroscope, and with its vectors turned
/// (`RecordingRewrite`).
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
    /// gyroscope's columns only when `keepGyroscope`, every vector turned by `remount` first.
    public static func csv(_ events: [SampleStreamEvent], rateHz: Double?, keepGyroscope: Bool = true,
                           remount: SensorRemount? = nil) -> String {
        var out = ""
        var header = false
        for var segment in segments(events) {
            if !keepGyroscope { segment.gyr = [] }
            if let rows = remount?.rows {
                segment.acc = segment.acc.map { rows * $0 }
                segment.gyr = segment.gyr.map { rows * $0 }
            }
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
