#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A 3×3 rotation matrix, rows stored as SIMD3 values. Used by the simulator (sensor mounting and
/// kinematics) and by the foot-sensor stride reference of the validation.
public struct Matrix3: Sendable, Hashable {
    public var r0: SIMD3<Double>
    public var r1: SIMD3<Double>
    public var r2: SIMD3<Double>

    public init(r0: SIMD3<Double>, r1: SIMD3<Double>, r2: SIMD3<Double>) {
        self.r0 = r0
        self.r1 = r1
        self.r2 = r2
    }

    public static let identity = Matrix3(r0: [1, 0, 0], r1: [0, 1, 0], r2: [0, 0, 1])

    public static func * (m: Matrix3, v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3((m.r0 * v).sum(), (m.r1 * v).sum(), (m.r2 * v).sum())
    }

    public static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        let bt = b.transposed
        return Matrix3(
            r0: SIMD3((a.r0 * bt.r0).sum(), (a.r0 * bt.r1).sum(), (a.r0 * bt.r2).sum()),
            r1: SIMD3((a.r1 * bt.r0).sum(), (a.r1 * bt.r1).sum(), (a.r1 * bt.r2).sum()),
            r2: SIMD3((a.r2 * bt.r0).sum(), (a.r2 * bt.r1).sum(), (a.r2 * bt.r2).sum()))
    }

    public var transposed: Matrix3 {
        Matrix3(r0: SIMD3(r0.x, r1.x, r2.x), r1: SIMD3(r0.y, r1.y, r2.y), r2: SIMD3(r0.z, r1.z, r2.z))
    }

    /// Rz(yaw) · Ry(pitch) · Rx(roll), angles in radians.
    public static func zyx(yaw: Double, pitch: Double, roll: Double) -> Matrix3 {
        let cy = cos(yaw), sy = sin(yaw), cp = cos(pitch), sp = sin(pitch), cr = cos(roll), sr = sin(roll)
        return Matrix3(
            r0: SIMD3(cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr),
            r1: SIMD3(sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr),
            r2: SIMD3(-sp, cp * sr, cp * cr))
    }

    public static func zyx(yawDeg: Double, pitchDeg: Double, rollDeg: Double) -> Matrix3 {
        let k = Double.pi / 180
        return zyx(yaw: yawDeg * k, pitch: pitchDeg * k, roll: rollDeg * k)
    }

    /// The rotation by the rotation vector w (axis w/|w|, angle |w| radians; Rodrigues' formula):
    /// one step of a gyroscope's strapdown integration is `R = R * .rotation(vector: ω·Δt)`.
    public static func rotation(vector w: SIMD3<Double>) -> Matrix3 {
        let angle = (w * w).sum().squareRoot()
        guard angle > 1e-12 else { return .identity }
        let k = w / angle, s = sin(angle), c = 1 - cos(angle)
        return Matrix3(
            r0: SIMD3(1 - c * (k.y * k.y + k.z * k.z), c * k.x * k.y - s * k.z, c * k.x * k.z + s * k.y),
            r1: SIMD3(c * k.x * k.y + s * k.z, 1 - c * (k.x * k.x + k.z * k.z), c * k.y * k.z - s * k.x),
            r2: SIMD3(c * k.x * k.z - s * k.y, c * k.y * k.z + s * k.x, 1 - c * (k.x * k.x + k.y * k.y)))
    }
}
