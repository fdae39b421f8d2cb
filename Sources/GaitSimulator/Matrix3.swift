#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A 3×3 rotation matrix, rows stored as SIMD3 values.
struct Matrix3: Sendable, Hashable {
    var r0: SIMD3<Double>
    var r1: SIMD3<Double>
    var r2: SIMD3<Double>

    static let identity = Matrix3(r0: [1, 0, 0], r1: [0, 1, 0], r2: [0, 0, 1])

    static func * (m: Matrix3, v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3((m.r0 * v).sum(), (m.r1 * v).sum(), (m.r2 * v).sum())
    }

    static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        let bt = b.transposed
        return Matrix3(
            r0: SIMD3((a.r0 * bt.r0).sum(), (a.r0 * bt.r1).sum(), (a.r0 * bt.r2).sum()),
            r1: SIMD3((a.r1 * bt.r0).sum(), (a.r1 * bt.r1).sum(), (a.r1 * bt.r2).sum()),
            r2: SIMD3((a.r2 * bt.r0).sum(), (a.r2 * bt.r1).sum(), (a.r2 * bt.r2).sum()))
    }

    var transposed: Matrix3 {
        Matrix3(r0: SIMD3(r0.x, r1.x, r2.x), r1: SIMD3(r0.y, r1.y, r2.y), r2: SIMD3(r0.z, r1.z, r2.z))
    }

    /// Rz(yaw) · Ry(pitch) · Rx(roll), angles in radians.
    static func zyx(yaw: Double, pitch: Double, roll: Double) -> Matrix3 {
        let cy = cos(yaw), sy = sin(yaw), cp = cos(pitch), sp = sin(pitch), cr = cos(roll), sr = sin(roll)
        return Matrix3(
            r0: SIMD3(cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr),
            r1: SIMD3(sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr),
            r2: SIMD3(-sp, cp * sr, cp * cr))
    }

    static func zyx(yawDeg: Double, pitchDeg: Double, rollDeg: Double) -> Matrix3 {
        let k = Double.pi / 180
        return zyx(yaw: yawDeg * k, pitch: pitchDeg * k, roll: rollDeg * k)
    }
}
