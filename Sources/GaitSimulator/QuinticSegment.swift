/// The quintic polynomial on [t₀, t₁] that starts with a given position, velocity and
/// acceleration and ends with others (quintic Hermite interpolation). Joining the pieces of a
/// trajectory with it keeps position, velocity and acceleration continuous, so the simulated
/// accelerometer never sees a jump that the positions do not explain.
struct QuinticSegment: Sendable {
    let t0: Double
    let t1: Double
    /// Coefficients of τ⁰ … τ⁵, τ = t − t₀.
    let c: (Double, Double, Double, Double, Double, Double)

    init(from t0: Double, _ start: Jet, to t1: Double, _ end: Jet) {
        precondition(t1 > t0, "a segment must have positive duration")
        self.t0 = t0
        self.t1 = t1
        let T = t1 - t0, dx = end.value - start.value
        let v0 = start.rate, v1 = end.rate, a0 = start.accel, a1 = end.accel
        let T2 = T * T, T3 = T2 * T
        c = (start.value, v0, a0 / 2,
             (20 * dx - (8 * v1 + 12 * v0) * T - (3 * a0 - a1) * T2) / (2 * T3),
             (-30 * dx + (14 * v1 + 16 * v0) * T + (3 * a0 - 2 * a1) * T2) / (2 * T3 * T),
             (12 * dx - 6 * (v1 + v0) * T - (a0 - a1) * T2) / (2 * T3 * T2))
    }

    /// Position, velocity and acceleration at time t.
    func callAsFunction(_ t: Double) -> Jet {
        let u = t - t0
        let x = c.0 + u * (c.1 + u * (c.2 + u * (c.3 + u * (c.4 + u * c.5))))
        let v = c.1 + u * (2 * c.2 + u * (3 * c.3 + u * (4 * c.4 + u * 5 * c.5)))
        let a = 2 * c.2 + u * (6 * c.3 + u * (12 * c.4 + u * 20 * c.5))
        return Jet(x, v, a)
    }

    /// The displacement over a segment of duration T whose velocity is the cubic Hermite
    /// between (v₀, a₀) and (v₁, a₁): T·(v₀ + v₁)/2 + T²·(a₀ − a₁)/12. Choosing this
    /// displacement makes the quintic's velocity that smooth cubic, free of overshoot.
    static func naturalDisplacement(duration T: Double, start: Jet, end: Jet) -> Double {
        T * (start.rate + end.rate) / 2 + T * T * (start.accel - end.accel) / 12
    }
}
