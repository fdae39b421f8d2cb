/// The stride phase θ(t) of one bout, in radians: θ = 0 (mod 2π) at every left initial contact
/// and π (mod 2π) at every right one, rising smoothly in between. Templates of the pelvis motion
/// are functions of θ, so they stay locked to the contacts even when left and right steps last
/// differently long.
///
/// Between consecutive contacts θ is the quintic from (kπ, θ̇ₖ, 0) to ((k+1)π, θ̇ₖ₊₁, 0) with
/// θ̇ₖ = 2π / (Tₖ + Tₖ₊₁), Tₖ being the step times on either side of contact k, so the phase rate
/// (and with it every template's velocity) changes continuously from step to step. Before the
/// first contact and after the last one θ continues at a constant rate.
///
/// `envelope` fades the pelvis motion in during gait initiation (from onset to the second
/// contact) and out during termination (from the second-last contact to rest), with the quintic
/// smoothstep 10u³ − 15u⁴ + 6u⁵, which has zero slope and curvature at both ends.
struct StridePhase: Sendable {
    private let contacts: [Double]
    private let theta0: Double
    private let rates: [Double]
    private let segments: [QuinticSegment]
    private let onset: Double
    private let rest: Double

    init(_ bout: PlannedBout) {
        let c = bout.contacts, n = bout.stepCount
        contacts = c
        onset = bout.onset
        rest = bout.rest
        theta0 = bout.sides[0] == .left ? 0 : .pi
        var rates: [Double] = []
        for k in 0...n {
            let rate: Double
            if k == 0 {
                rate = Double.pi / bout.stepTime(1)
            } else if k == n {
                rate = Double.pi / bout.stepTime(n)
            } else {
                let around: Double = bout.stepTime(k) + bout.stepTime(k + 1)
                rate = 2 * Double.pi / around
            }
            rates.append(rate)
        }
        self.rates = rates
        let theta0 = self.theta0
        var segments: [QuinticSegment] = []
        for k in 0..<n {
            let a = Jet(theta0 + Double(k) * Double.pi, rates[k], 0)
            let b = Jet(theta0 + Double(k + 1) * Double.pi, rates[k + 1], 0)
            segments.append(QuinticSegment(from: c[k], a, to: c[k + 1], b))
        }
        self.segments = segments
    }

    /// θ(t) with its rate and acceleration.
    func theta(at t: Double) -> Jet {
        let n = segments.count
        if t <= contacts[0] { return Jet(theta0 + rates[0] * (t - contacts[0]), rates[0], 0) }
        if t >= contacts[n] { return Jet(theta0 + Double(n) * .pi + rates[n] * (t - contacts[n]), rates[n], 0) }
        var lo = 0, hi = n - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if contacts[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return segments[lo](t)
    }

    /// 0 at rest, 1 in steady walking, smooth in between.
    func envelope(at t: Double) -> Jet {
        let n = contacts.count - 1
        if t <= onset || t >= rest { return .zero }
        if t < contacts[1] { return Self.smoothstep(t, from: onset, to: contacts[1]) }
        if t > contacts[n - 1] { return Jet(1) - Self.smoothstep(t, from: contacts[n - 1], to: rest) }
        return Jet(1)
    }

    static func smoothstep(_ t: Double, from a: Double, to b: Double) -> Jet {
        let d = b - a, u = (t - a) / d
        let u2 = u * u, u3 = u2 * u
        return Jet(u3 * (10 - 15 * u + 6 * u2), 30 * u2 * (1 - u) * (1 - u) / d, 60 * u * (1 - u) * (1 - 2 * u) / (d * d))
    }
}
