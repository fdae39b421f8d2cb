import Foundation
import GaitCore
import GaitIngest

/// Stride lengths from the Voisard foot sensors, by zero-velocity-update integration: a per-stride
/// length reference that the dataset does not give itself (its reference is events, and the
/// protocol's 10 m + turn + 10 m in aggregate). `docs/validation.md` ("Stride length against the
/// foot sensors") gives the figures and what this reference is worth.
///
/// Each foot carries an IMU (Xsens MTw, 100 Hz). A foot is still once per stride, so its stride can
/// be integrated between two still instants with the velocity known to be zero at both ends:
/// - Skog I, Händel P, Nilsson J-O, Rantakokko J. Zero-velocity detection: an algorithm
///   evaluation. IEEE Trans Biomed Eng 2010;57(11):2657–2666. doi:10.1109/TBME.2010.2060723
/// - Mariani B, Hoskovec C, Rochat S, Büla C, Penders J, Aminian K. 3D gait assessment in young
///   and elderly subjects using foot-worn inertial sensors. J Biomech 2010;43(15):2999–3006.
///   doi:10.1016/j.jbiomech.2010.07.003 (stride length 1.5 ± 6.8 cm against an optical system, with
///   the same de-drifted integration between still instants).
///
/// Per foot and per stride:
/// 1. Still instants: in each stance (a hand-checked heel strike to the same foot's next toe-off,
///    and the standing before the first toe-off and after the last heel strike), the sample where
///    the gyroscope's norm, averaged over 50 ms, is lowest.
/// 2. Gyroscope bias: the mean rate over the quietest 0.5 s of the standing before the first
///    toe-off.
/// 3. Between two consecutive still instants at most 2.5 s apart with no packet lost: the attitude
///    starts from the accelerometer at the first still instant (gravity up, heading arbitrary) and
///    follows the gyroscope; acceleration in that frame minus gravity (the norm measured at the
///    still instant) integrates to velocity; the velocity's end value, which should be zero, is
///    removed linearly over the stride; integrated again, the horizontal displacement is the
///    stride length. The vertical displacement, near zero on flat ground, is kept as a check.
public enum FootStrideReference {
    /// One stride of one foot, attributed to the hand-checked heel strike that ends its swing.
    public struct Stride: Sendable {
        public var side: Side
        /// In the lower-back file's time base (seconds from its first sample), like every time of
        /// `VoisardTrial`.
        public var heelStrikeS: Double
        public var lengthM: Double
        public var verticalM: Double
    }

    /// A foot sensor's samples indexed by PacketCounter − the first counter; lost packets are
    /// absent (`present` false, zero values).
    public struct Samples: Sendable {
        public var firstCounter: Int
        public var acc: [SIMD3<Double>]
        public var gyr: [SIMD3<Double>]
        public var present: [Bool]

        public init(firstCounter: Int, acc: [SIMD3<Double>], gyr: [SIMD3<Double>], present: [Bool]) {
            self.firstCounter = firstCounter
            self.acc = acc
            self.gyr = gyr
            self.present = present
        }
    }

    /// One integrated stride, in sample indices of `Samples`.
    public struct Integrated: Sendable {
        public var start: Int
        public var end: Int
        public var lengthM: Double
        public var verticalM: Double
    }

    static let stillWindow = 5
    static let biasWindow = 50
    static let maximumStrideS = 2.5

    /// Both feet's strides of a trial, when its `_lf.txt` and `_rf.txt` files are present.
    public static func strides(of trial: VoisardTrial) throws(GaitError) -> [Stride]? {
        let paths = [(Side.left, trial.footPath(.left)), (Side.right, trial.footPath(.right))]
        guard paths.allSatisfy({ FileManager.default.fileExists(atPath: $0.1) }) else { return nil }
        var out = [Stride]()
        for (side, path) in paths {
            let samples = try read(path)
            let toeOffs = side == .left ? trial.leftToeOffs : trial.rightToeOffs
            let heels = side == .left ? trial.leftHeelStrikes : trial.rightHeelStrikes
            guard !toeOffs.isEmpty, toeOffs.count == heels.count else { continue }
            let rate = VoisardDataset.rateHz
            // Lower-back seconds to foot sample index, through the shared PacketCounter.
            let offset = trial.lowerBackFirstCounter - Double(samples.firstCounter)
            func index(_ t: Double) -> Int { Int((t * rate + offset).rounded()) }
            func seconds(_ i: Int) -> Double { (Double(i) - offset) / rate }
            var stances = [index(toeOffs[0]) - 150...index(toeOffs[0]) - 5]
            for i in 0..<(heels.count - 1) where index(heels[i]) + 5 <= index(toeOffs[i + 1]) - 5 {
                stances.append(index(heels[i]) + 5...index(toeOffs[i + 1]) - 5)
            }
            stances.append(index(heels[heels.count - 1]) + 5...index(heels[heels.count - 1]) + 150)
            let heelIndices = heels.map(index)
            for s in integrate(samples, stances: stances, rateHz: rate) {
                let inside = heelIndices.filter { $0 > s.start && $0 < s.end }
                guard inside.count == 1 else { continue }
                out.append(Stride(side: side, heelStrikeS: seconds(inside[0]), lengthM: s.lengthM, verticalM: s.verticalM))
            }
        }
        return out
    }

    /// Zero-velocity-update integration between the still instants found in `stances` (sample
    /// ranges of `samples`; the first is standing, and gives the gyroscope's bias).
    public static func integrate(_ samples: Samples, stances: [ClosedRange<Int>], rateHz: Double) -> [Integrated] {
        let n = samples.acc.count
        guard n > stillWindow, let first = stances.first else { return [] }
        let dt = 1 / rateHz
        // Gyroscope norm averaged over 5 samples; a lost packet never looks still.
        let norm = (0..<n).map { samples.present[$0] ? (samples.gyr[$0] * samples.gyr[$0]).sum().squareRoot() : 1e3 }
        var smooth = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0
            for j in (i - stillWindow / 2)...(i + stillWindow / 2) where j >= 0 && j < n { s += norm[j] }
            smooth[i] = s / Double(stillWindow)
        }
        var still = [Int]()
        for stance in stances {
            let a = max(stance.lowerBound, 0), b = min(stance.upperBound, n - 1)
            guard b - a >= 3 else { continue }
            still.append((a...b).min { smooth[$0] < smooth[$1] }!)
        }
        var bias = SIMD3<Double>.zero, quietest = Double.infinity
        let a0 = max(first.lowerBound, 0)
        for s in a0..<max(a0 + 1, first.upperBound - biasWindow) where s + biasWindow <= n {
            guard samples.present[s..<(s + biasWindow)].allSatisfy({ $0 }) else { continue }
            let m = norm[s..<(s + biasWindow)].reduce(0, +) / Double(biasWindow)
            if m < quietest {
                quietest = m
                bias = samples.gyr[s..<(s + biasWindow)].reduce(.zero, +) / Double(biasWindow)
            }
        }
        var out = [Integrated]()
        for (s, e) in zip(still, still.dropFirst()) {
            guard e > s, Double(e - s) <= maximumStrideS * rateHz, s >= 2, e < n,
                  samples.present[(s - 2)...e].allSatisfy({ $0 }) else { continue }
            let still = samples.acc[(s - 2)...(s + 2)].reduce(.zero, +) / 5
            let g = (still * still).sum().squareRoot()
            // Trapezoidal rule throughout: the rotation over each sample interval uses the mean of
            // its two rates, and velocity the mean of its two accelerations.
            var attitude = upFrame(still)
            var v = SIMD3<Double>.zero
            var velocities = [SIMD3<Double>](repeating: .zero, count: e - s + 1)
            var previous = attitude * samples.acc[s] - SIMD3(0, 0, g)
            for k in s..<e {
                attitude = attitude * .rotation(vector: ((samples.gyr[k] + samples.gyr[k + 1]) / 2 - bias) * dt)
                let current = attitude * samples.acc[k + 1] - SIMD3(0, 0, g)
                v += (previous + current) / 2 * dt
                previous = current
                velocities[k - s + 1] = v
            }
            let drift = velocities[e - s]
            var p = SIMD3<Double>.zero
            for i in 1...(e - s) { p += (velocities[i] - drift * (Double(i) / Double(e - s))) * dt }
            out.append(Integrated(start: s, end: e, lengthM: (p.x * p.x + p.y * p.y).squareRoot(), verticalM: p.z))
        }
        return out
    }

    /// The rotation taking sensor coordinates to a frame whose z is along `a` (up, when `a` is the
    /// accelerometer at rest); the heading is arbitrary.
    static func upFrame(_ a: SIMD3<Double>) -> Matrix3 {
        let z = normalize(a)
        var x = cross(SIMD3(0, 1, 0), z)
        if dot(x, x) < 1e-12 { x = cross(SIMD3(1, 0, 0), z) }
        x = normalize(x)
        return Matrix3(r0: x, r1: cross(z, x), r2: z)
    }

    /// Reads a foot sensor's export with the project's own reader, as `gait analyze` reads the
    /// lower-back file (PacketCounter as the time column), and puts each segment's samples back at
    /// their counters. Two choices differ from `gait analyze`'s defaults:
    /// - no gap is bridged: a stride integrated across interpolated samples would not be a
    ///   reference, so a lost packet stays absent;
    /// - the units are those the dataset documents (m/s², rad/s), not detected: the detection is
    ///   made for a lower-back sensor, and on two foot files (7-5 and 10-3, left) it takes rad/s
    ///   for deg/s.
    public static func read(_ path: String) throws(GaitError) -> Samples {
        var options = ReaderOptions(path: path)
        options.maxBridgedGap = 0
        options.accUnits = .metresPerSecondSquared
        options.gyroUnits = .radiansPerSecond
        var acc = [SIMD3<Double>](), gyr = [SIMD3<Double>](), present = [Bool]()
        var next = 0
        for event in try RecordingFileReader.readAll(options: options).events {
            switch event {
            case .segmentStart(let segment):
                next = segment.rate.samples(segment.startTime)
            case .samples(let chunk):
                guard chunk.hasGyro else {
                    throw GaitError(.invalidInput, "a foot sensor's strides need its gyroscope", file: path)
                }
                let end = next + chunk.count
                if end > present.count {
                    acc += Array(repeating: .zero, count: end - acc.count)
                    gyr += Array(repeating: .zero, count: end - gyr.count)
                    present += Array(repeating: false, count: end - present.count)
                }
                acc.replaceSubrange(next..<end, with: chunk.acc)
                gyr.replaceSubrange(next..<end, with: chunk.gyr)
                present.replaceSubrange(next..<end, with: repeatElement(true, count: chunk.count))
                next = end
            case .segmentEnd:
                break
            }
        }
        guard !present.isEmpty else { throw GaitError(.invalidInput, "no samples", file: path) }
        return Samples(firstCounter: Int(try VoisardDataset.firstCounter(path)), acc: acc, gyr: gyr, present: present)
    }
}
