#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The part of the trunk's acceleration that does not repeat from stride to stride.
///
/// The templates and the pendulum give every stride the same shape; real strides differ (arm
/// swing, head and soft tissue, step-to-step corrections). Without this the simulated trunk was
/// far more periodic than a real one (harmonic ratios 8–13 against 2–3), so every accuracy
/// figure on simulated recordings flattered the analysis (docs/simulator.md).
///
/// Model: on each body axis (forward, left, up; in the walking frame, so the pelvis's rotations
/// tilt it like the rest of the motion) a sum of `componentCount` sinusoids of acceleration with
/// frequencies drawn uniformly in `lowHz`…`highHz` and random phases, amplitude 1/√(1 + (f/`cornerHz`)³)
/// (level to the corner, then falling), scaled so the sum has an RMS proportional to the walking
/// speed (`*RmsPerSpeed` × speed). It is the second
/// derivative of a bounded displacement (−A/ω² sin(ωt + φ), millimetres), so the accelerations
/// stay exact derivatives of a path; the displacement does not enter the truth. Inside bouts only,
/// faded with the bout's envelope like the pelvis's motion. A pure function of time, so samples
/// can be produced in any order.
///
/// Calibration (`healthyAdult`): the stride-to-stride residual of the 80 Voisard trials (each
/// straight stride resampled to 128 points minus the mean stride of its trial and starting side;
/// per-harmonic amplitudes of the residual) is roughly level at 0.3–0.45 m/s² (V) per harmonic
/// from 1.8 to 11 Hz and falls to about 0.15 by 18 Hz; the simulator without this matched it
/// below ≈ 5 Hz and fell short above (at 15–18 Hz by 4–11 times). Residual RMS real V 1.03,
/// AP 0.84, ML 0.81 m/s² against 0.54, 0.53, 0.23 simulated without this at 1.2 m/s
/// (`Benchmarks/trunk-residual.py`; the figures per speed are in docs/simulator.md).
public struct TrunkVariation: Sendable, Hashable {
    /// RMS of the added acceleration on each body axis per m/s of walking speed,
    /// (m/s²) / (m/s): real residuals grow with speed (on the Voisard trials, V 0.67, 0.96 and
    /// 1.25 m/s² at 0.9, 1.2 and 1.5 m/s by least squares).
    public var forwardRmsPerSpeed: Double
    public var leftRmsPerSpeed: Double
    public var upRmsPerSpeed: Double

    public init(forwardRmsPerSpeed: Double, leftRmsPerSpeed: Double, upRmsPerSpeed: Double) {
        self.forwardRmsPerSpeed = forwardRmsPerSpeed
        self.leftRmsPerSpeed = leftRmsPerSpeed
        self.upRmsPerSpeed = upRmsPerSpeed
    }

    /// Sinusoids per axis.
    static let componentCount = 48
    /// The band and the corner of the spectrum, Hz (the upper edge is lowered to 0.45 × the
    /// sampling rate where that is lower).
    static let lowHz = 4.0, highHz = 20.0, cornerHz = 11.0

    /// Calibrated on the Voisard adults (see above).
    public static let healthyAdult = TrunkVariation(forwardRmsPerSpeed: 0.48, leftRmsPerSpeed: 0.625, upRmsPerSpeed: 0.67)

    /// No variation: every stride alike but for its timing and length (the simulator before
    /// 2026-11-21).
    public static let none = TrunkVariation(forwardRmsPerSpeed: 0, leftRmsPerSpeed: 0, upRmsPerSpeed: 0)

    /// These RMS values times `k`.
    public func scaled(by k: Double) -> TrunkVariation {
        TrunkVariation(forwardRmsPerSpeed: k * forwardRmsPerSpeed, leftRmsPerSpeed: k * leftRmsPerSpeed,
                       upRmsPerSpeed: k * upRmsPerSpeed)
    }

    /// Whether nothing is added.
    public var isNone: Bool { forwardRmsPerSpeed == 0 && leftRmsPerSpeed == 0 && upRmsPerSpeed == 0 }
}

/// A drawn `TrunkVariation`: the sinusoids of each axis.
struct TrunkVariationSignal: Sendable {
    /// One sinusoid: acceleration A sin(ωt + φ), with the amplitudes of its velocity (A/ω) and
    /// displacement (A/ω²) worked out once rather than at every sample.
    private struct Component: Sendable {
        var accel: Double
        var rate: Double
        var displacement: Double
        var omega: Double
        var phase: Double
    }

    /// Per axis: forward, left, up.
    private let forward: [Component], left: [Component], up: [Component]

    init(_ v: TrunkVariation, speedMps: Double, seed: UInt64, rateHz: Double) {
        var rng = SplitMix64(seed: seed, stream: 6)
        let high = min(TrunkVariation.highHz, 0.45 * rateHz)
        var axes: [[Component]] = []
        for perSpeed in [v.forwardRmsPerSpeed, v.leftRmsPerSpeed, v.upRmsPerSpeed] {
            // Every axis draws its sinusoids, even a silent one, so that the others' do not depend on it.
            var drawn: [(amplitude: Double, omega: Double, phase: Double)] = []
            var power = 0.0
            for _ in 0..<TrunkVariation.componentCount {
                let f = rng.uniform(TrunkVariation.lowHz, high)
                let a = 1 / (1 + pow(f / TrunkVariation.cornerHz, 3)).squareRoot()
                power += a * a / 2
                drawn.append((a, 2 * Double.pi * f, 2 * Double.pi * rng.uniform()))
            }
            let k = perSpeed * speedMps / power.squareRoot()
            axes.append(k > 0 ? drawn.map { d in
                let a = d.amplitude * k
                return Component(accel: a, rate: a / d.omega, displacement: a / (d.omega * d.omega), omega: d.omega, phase: d.phase)
            } : [])
        }
        (forward, left, up) = (axes[0], axes[1], axes[2])
    }

    /// The added displacement (forward, left, up) with its derivatives, at time t: the
    /// acceleration is Σ A sin(ωt + φ), the displacement its exact double integral −Σ A/ω² sin(ωt + φ).
    func state(at t: Double) -> (forward: Jet, left: Jet, up: Jet) {
        (Self.sum(forward, at: t), Self.sum(left, at: t), Self.sum(up, at: t))
    }

    private static func sum(_ components: [Component], at t: Double) -> Jet {
        var x = 0.0, v = 0.0, a = 0.0
        for c in components {
            let angle = c.omega * t + c.phase
            let s = sin(angle), co = cos(angle)
            a += c.accel * s
            v -= c.rate * co
            x -= c.displacement * s
        }
        return Jet(x, v, a)
    }
}
