import GaitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walking with turns of known timing and angle, without the simulator: the body-frame
/// acceleration of an inverted pendulum (vertical at the step frequency, forward leading it by a
/// quarter step, lateral at half the step frequency), and a yaw rate made of raised-cosine
/// pulses, each turning the trunk by its `angleDeg` between `startS` and `startS + durationS`.
/// The pelvis also rolls (obliquity) by ±`pelvicRollDeg` at the stride frequency, as a walking
/// pelvis does: the engine takes a gyroscope that reads nothing while the trunk walks for one
/// that is off (`AngularRateCheck`, and the reader's rule for columns of zeros). The sensor is
/// mounted tilted (yaw 0.7, pitch 0.3, roll −0.4 rad), so nothing relies on its axes being the
/// body's. A turn does not change the body-frame signals, so the sensor reads the same walking
/// throughout, plus the rotation about the body's vertical.
public struct SyntheticTurningWalk: Sendable {
    public struct Pulse: Sendable {
        public var startS: Double
        public var durationS: Double
        /// Positive: counter-clockwise seen from above (to the left).
        public var angleDeg: Double

        public init(startS: Double, durationS: Double, angleDeg: Double) {
            self.startS = startS
            self.durationS = durationS
            self.angleDeg = angleDeg
        }

        /// Yaw rate at `t`, deg/s: A(1 − cos(2π u/T))/2 over the pulse, whose integral is A·T/2.
        public func rateDegps(_ t: Double) -> Double {
            let u = t - startS
            guard u > 0, u < durationS else { return 0 }
            let amplitude = 2 * angleDeg / durationS
            return amplitude * (1 - cos(2 * Double.pi * u / durationS)) / 2
        }

        /// Where the pulse first reaches `threshold` deg/s and where it falls back below it, and
        /// the angle turned between those times, from the closed forms.
        public func crossing(_ threshold: Double) -> (startS: Double, endS: Double, angleDeg: Double) {
            let amplitude = abs(2 * angleDeg / durationS), w = 2 * Double.pi / durationS
            let u = acos(1 - 2 * threshold / amplitude) / w
            // ∫₀ᵘ A(1 − cos wt)/2 dt = A/2 · (u − sin(wu)/w), lost at each end.
            let tail = amplitude / 2 * (u - sin(w * u) / w)
            return (startS + u, startS + durationS - u, angleDeg - (angleDeg > 0 ? 2 * tail : -2 * tail))
        }
    }

    public var rate: Double
    public var durationS: Double
    public var stepHz: Double
    public var pulses: [Pulse]

    public init(rate: Double = 100, durationS: Double, stepHz: Double = 1.8, pulses: [Pulse]) {
        self.rate = rate
        self.durationS = durationS
        self.stepHz = stepHz
        self.pulses = pulses
    }

    public var count: Int { Int(durationS * rate) }

    /// Body axes → sensor axes: Rz(yaw) · Ry(pitch) · Rx(roll), radians.
    public static func rotation(yaw: Double, pitch: Double, roll: Double) -> @Sendable (SIMD3<Double>) -> SIMD3<Double> {
        { v in
            var p = SIMD3(v.x, v.y * cos(roll) - v.z * sin(roll), v.y * sin(roll) + v.z * cos(roll))
            p = SIMD3(p.x * cos(pitch) + p.z * sin(pitch), p.y, -p.x * sin(pitch) + p.z * cos(pitch))
            return SIMD3(p.x * cos(yaw) - p.y * sin(yaw), p.x * sin(yaw) + p.y * cos(yaw), p.z)
        }
    }

    private static let mount = rotation(yaw: 0.7, pitch: 0.3, roll: -0.4)

    /// Amplitude of the pelvis's roll, degrees (healthy walking: about ±3–4°).
    public static let pelvicRollDeg = 3.0

    /// Yaw rate about the body's vertical at `t`, deg/s.
    public func yawRateDegps(_ t: Double) -> Double { pulses.reduce(0) { $0 + $1.rateDegps(t) } }

    /// Specific force (m/s²) and angular rate (rad/s) in sensor axes, one pair per sample.
    public func samples() -> (acc: [SIMD3<Double>], gyr: [SIMD3<Double>]) {
        var acc = [SIMD3<Double>](), gyr = [SIMD3<Double>]()
        acc.reserveCapacity(count)
        gyr.reserveCapacity(count)
        let w = 2 * Double.pi * stepHz
        for i in 0..<count {
            let t = Double(i) / rate
            let body = SIMD3(1.0 * sin(w * t), 0.6 * sin(w / 2 * t), standardGravity - 2.0 * cos(w * t))
            let amplitude = Self.pelvicRollDeg * Double.pi / 180
            let roll = amplitude * sin(w / 2 * t), rollRate = amplitude * w / 2 * cos(w / 2 * t)
            // The specific force in the pelvis's axes, rolled by `roll` about the forward axis.
            let rolled = SIMD3(body.x, body.y * cos(roll) + body.z * sin(roll), -body.y * sin(roll) + body.z * cos(roll))
            acc.append(Self.mount(rolled))
            gyr.append(Self.mount(SIMD3(rollRate, 0, yawRateDegps(t) * Double.pi / 180)))
        }
        return (acc, gyr)
    }

    /// The recording as CSV with a header (seconds, m/s², rad/s), as a wearable would export it.
    public func csv() -> [UInt8] {
        let (acc, gyr) = samples()
        var text = "time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n"
        for i in 0..<count {
            let values = [Double(i) / rate, acc[i].x, acc[i].y, acc[i].z, gyr[i].x, gyr[i].y, gyr[i].z]
            text += values.map { String($0) }.joined(separator: ",") + "\n"
        }
        return Array(text.utf8)
    }
}
