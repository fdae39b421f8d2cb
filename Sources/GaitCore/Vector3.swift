/// Vector helpers for `SIMD3<Double>` in three-dimensional space (sensor axes, body axes), shared
/// by the analysis (body frame, trunk path), the simulator and the validation.

@inlinable @inline(__always)
public func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }

@inlinable @inline(__always)
public func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

/// `a` scaled to unit length; the zero vector is returned unchanged.
@inlinable @inline(__always)
public func normalize(_ a: SIMD3<Double>) -> SIMD3<Double> {
    let n = (a * a).sum().squareRoot()
    return n > 0 ? a / n : a
}
