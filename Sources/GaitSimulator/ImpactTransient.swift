/// The short, sharp disturbance of the trunk that follows each heel strike (the collision of the
/// leading leg with the ground), added to the sensor's vertical and forward motion.
///
/// Each transient is the displacement p(t) = A·σ·u·e^(−u²/2), u = (t − t_c)/σ (a Gaussian
/// derivative): its acceleration A/σ·(u³ − 3u)·e^(−u²/2) has a sharp peak of 1.380·A/σ at
/// u = −0.742 followed by an equal and opposite lobe, and its displacement and velocity vanish
/// before and after, so it never changes a step length and integrates back to zero.
///
/// Calibrated against the stride-averaged reference recordings (see `PelvisMotionTemplate`) by a
/// small grid search on the root-mean-square difference of the averaged waveforms: vertical
/// acceleration there peaks at ≈+4 m/s² about 40 ms after the contact with a dip ≈90 ms after
/// it; forward acceleration peaks (≈+3 m/s²) at the contact and brakes (≈−2.8 m/s²) 60–110 ms
/// after it. The pendulum model supplies the slower part of those shapes; these pulses supply the
/// rest (RMS waveform differences at 1.1 m/s: vertical 1.1 m/s², forward 0.6 m/s²). Peaks scale
/// with speed / 1.3 m/s (harder impacts at higher speed; an assumption, not a fitted relation)
/// and with `PelvisMotionScale.impact`.
struct ImpactTransient: Sendable {
    /// Time of the acceleration peak after the contact, seconds.
    let delay: Double
    /// Width σ, seconds.
    let sigma: Double
    /// Acceleration at the peak, m/s² (positive: up or forward first).
    let peak: Double

    static let peakShape = 1.3801
    static let peakOffset = 0.74196

    static let vertical = ImpactTransient(delay: 0.035, sigma: 0.037, peak: 2.5)
    static let forward = ImpactTransient(delay: -0.005, sigma: 0.05, peak: 3.0)

    /// Longest reach of a transient after (or before) its contact, seconds.
    var reach: Double { delay + (Self.peakOffset + 6) * sigma }

    /// Displacement, velocity and acceleration at t of the transient of a contact at `contact`,
    /// with its peak scaled by `scale`.
    func callAsFunction(_ t: Double, contact: Double, scale: Double) -> Jet {
        let center = contact + delay + Self.peakOffset * sigma
        let u = (t - center) / sigma
        if abs(u) > 6 || scale == 0 { return .zero }
        let a = scale * peak * sigma / Self.peakShape
        let e = Math.exp(-u * u / 2)
        return Jet(a * sigma * u * e, a * (1 - u * u) * e, a / sigma * (u * u * u - 3 * u) * e)
    }
}
