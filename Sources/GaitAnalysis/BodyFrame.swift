import GaitCore
import GaitDSP

/// The body's axes in sensor coordinates, found from the data (any mounting: upside down,
/// sideways, tilted). Right-handed: `forward × left = up`.
///
/// - up: direction of the mean specific force over the window (gravity reaction; Moe-Nilssen
///   1998's tilt correction).
/// - forward: one of the two principal axes of the 0.5–3 Hz horizontal acceleration, the one more
///   coupled to the vertical motion, signed so that it is in phase with the rate of change of
///   vertical acceleration. Walking oscillates along both axes: forward and back once per step,
///   in step with the rise and fall of the trunk, and from side to side once per stride. In most
///   people the forward oscillation is the larger, but where the trunk sways more than it surges
///   the larger axis is the sideways one (four of subject 5's six Voisard trials), so the axis is
///   chosen by its coupling: the energy of its covariance with the vertical acceleration and with
///   that acceleration's rate of change (scaled to the same RMS), both band-passed alike. The
///   sideways sway, once per stride, is uncorrelated with the vertical motion, which repeats
///   every step. Where surge and sway correlate, as when one foot loads late, the principal axes
///   are mixtures of both: then the direction most coupled to the vertical motion (the top
///   eigenvector of that coupling) lies more than `mixedAxesDeg` from the chosen axis, and it is
///   forward instead (5-2, 5-5 and 5-6). The sign follows from the inverted pendulum: the trunk slows while rising to
///   mid-stance and speeds up while falling towards the next contact, so forward acceleration
///   leads vertical acceleration by a quarter step (Zijlstra & Hof 2003).
/// - left: up × forward.
public struct BodyFrame: Hashable, Sendable {
    public var up: SIMD3<Double>
    public var forward: SIMD3<Double>
    public var left: SIMD3<Double>
    /// Magnitude of the mean specific force (≈ g), m/s².
    public var gravity: Double

    /// Vertical acceleration a_v = a·up − g of each sample, m/s² (upward positive, 0 at rest).
    public func verticalAcceleration(_ acc: [SIMD3<Double>]) -> [Double] { acc.map { dot($0, up) - gravity } }

    /// How far, degrees, the direction most coupled to the vertical motion may lie from the chosen
    /// principal axis before the axes are taken to mix surge and sway. Over the 86 windows of the
    /// 80 Voisard trials it lies within 13° of it except in 5-2, 5-5 and 5-6 (27–39°); in
    /// simulated gait within 2°, and 11° in severe antalgic gait.
    static let mixedAxesDeg = 20.0

    /// Estimate the frame from one window of accelerometer samples at `rate` Hz.
    public static func estimate(acc: [SIMD3<Double>], rate: Double) -> BodyFrame {
        var mean = SIMD3<Double>(repeating: 0)
        for a in acc { mean += a }
        mean /= Double(Swift.max(acc.count, 1))
        let g = (mean * mean).sum().squareRoot()
        let up = g > 0 ? mean / g : SIMD3(0, 0, 1)
        // An orthonormal basis of the horizontal plane.
        let helper: SIMD3<Double> = abs(up.x) < 0.9 ? SIMD3(1, 0, 0) : SIMD3(0, 1, 0)
        let e1 = normalize(cross(up, helper))
        let e2 = cross(up, e1)
        let band = ButterworthFilter(.bandPass(0.5, 3), order: 2, rate: rate)
        let h1 = band.filtfilt(acc.map { dot($0, e1) })
        let h2 = band.filtfilt(acc.map { dot($0, e2) })
        var c11 = 0.0, c12 = 0.0, c22 = 0.0
        for i in h1.indices { c11 += h1[i] * h1[i]; c12 += h1[i] * h2[i]; c22 += h2[i] * h2[i] }
        // Principal axis of the 2×2 covariance.
        let angle = 0.5 * atan2(2 * c12, c11 - c22)
        let (c, s) = (cos(angle), sin(angle))
        let major = normalize(e1 * c + e2 * s)
        let minor = cross(up, major)
        let vertical = acc.map { dot($0, up) }
        let jerk = GaussianKernel.derivative(sigma: rate * 0.02).apply(vertical)
        let signBand = ButterworthFilter(.bandPass(0.5, 4), order: 2, rate: rate)
        let dv = signBand.filtfilt(jerk)
        let av = band.filtfilt(vertical)
        // How much of the vertical motion a horizontal direction u's acceleration follows: its
        // covariance with the vertical acceleration and, scaled to the same RMS, with its rate of
        // change, squared and summed, which is the quadratic form uᵀKu in the e1, e2 basis
        // (u's band-passed acceleration is u1·h1 + u2·h2).
        var a1 = 0.0, a2 = 0.0, j1 = 0.0, j2 = 0.0
        for i in h1.indices { a1 += h1[i] * av[i]; a2 += h2[i] * av[i]; j1 += h1[i] * dv[i]; j2 += h2[i] * dv[i] }
        let scale = Signal.rms(dv) > 0 ? Signal.rms(av) / Signal.rms(dv) : 0
        let k11 = a1 * a1 + scale * scale * j1 * j1, k12 = a1 * a2 + scale * scale * j1 * j2
        let k22 = a2 * a2 + scale * scale * j2 * j2
        func coupling(_ u1: Double, _ u2: Double) -> Double { k11 * u1 * u1 + 2 * k12 * u1 * u2 + k22 * u2 * u2 }
        // major = c·e1 + s·e2 and minor = up × major = −s·e1 + c·e2 (e2 = up × e1).
        var forward = coupling(-s, c) > coupling(c, s) ? minor : major
        // Where surge and sway correlate (a late-loading foot), the principal axes mix them; then
        // the direction most coupled to the vertical motion, K's top eigenvector, lies far from
        // both, and it is forward.
        let coupledAngle = 0.5 * atan2(2 * k12, k11 - k22)
        let coupled = normalize(e1 * cos(coupledAngle) + e2 * sin(coupledAngle))
        if abs(dot(coupled, forward)) < cos(mixedAxesDeg * .pi / 180) { forward = coupled }
        let fwd = signBand.filtfilt(acc.map { dot($0, forward) })
        var sign = 0.0
        for i in fwd.indices { sign += fwd[i] * dv[i] }
        if sign < 0 { forward = -forward }
        return BodyFrame(up: up, forward: forward, left: cross(up, forward), gravity: g)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
