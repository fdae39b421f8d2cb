import GaitCore
import GaitDSP

/// The body's axes in sensor coordinates, found from the data (any mounting: upside down,
/// sideways, tilted). Right-handed: `forward × left = up`.
///
/// - up: direction of the mean specific force over the window (gravity reaction; Moe-Nilssen
///   1998's tilt correction).
/// - forward: principal axis of the 0.5–3 Hz horizontal acceleration (walking oscillates most
///   along the direction of travel), signed so that it is in phase with the rate of change of
///   vertical acceleration. That sign follows from the inverted pendulum: the trunk slows while
///   rising to mid-stance and speeds up while falling towards the next contact, so forward
///   acceleration leads vertical acceleration by a quarter step (Zijlstra & Hof 2003).
/// - left: up × forward.
public struct BodyFrame: Hashable, Sendable {
    public var up: SIMD3<Double>
    public var forward: SIMD3<Double>
    public var left: SIMD3<Double>
    /// Magnitude of the mean specific force (≈ g), m/s².
    public var gravity: Double

    /// Vertical acceleration a_v = a·up − g of each sample, m/s² (upward positive, 0 at rest).
    public func verticalAcceleration(_ acc: [SIMD3<Double>]) -> [Double] { acc.map { dot($0, up) - gravity } }

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
        var forward = normalize(e1 * cos(angle) + e2 * sin(angle))
        let vertical = acc.map { dot($0, up) }
        let jerk = GaussianKernel.derivative(sigma: rate * 0.02).apply(vertical)
        let signBand = ButterworthFilter(.bandPass(0.5, 4), order: 2, rate: rate)
        let fwd = signBand.filtfilt(acc.map { dot($0, forward) })
        let dv = signBand.filtfilt(jerk)
        var s = 0.0
        for i in fwd.indices { s += fwd[i] * dv[i] }
        if s < 0 { forward = -forward }
        return BodyFrame(up: up, forward: forward, left: cross(up, forward), gravity: g)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
