#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The simulator's own random numbers, so that a seed gives the same recording on every run and
/// every Swift version (the standard library's `Double.random` and `SystemRandomNumberGenerator`
/// are not used: their algorithms are not promised to stay the same). Public so that seeded
/// designs built on the simulator (the validation grid) draw from the same generator.
///
/// SplitMix64: Steele GL, Lea D, Flood CH. Fast splittable pseudorandom number generators.
/// OOPSLA 2014. doi:10.1145/2660193.2660195. Normal deviates by the Box–Muller transform
/// (Box GEP, Muller ME. Ann Math Stat 1958;29(2):610–611. doi:10.1214/aoms/1177706645).
public struct SplitMix64: Sendable {
    private var state: UInt64

    /// A generator for one purpose (`stream`) of one seed. Each purpose has its own stream, so
    /// drawing more numbers for one (say, step jitter) never shifts the numbers of another (tilt).
    public init(seed: UInt64, stream: UInt64) {
        state = SplitMix64.mix(seed ^ SplitMix64.mix(stream &+ 0x632B_E59B_D9B4_E019))
    }

    /// The SplitMix64 output function (a bijective 64-bit mixer).
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state &- 0x9E37_79B9_7F4A_7C15)
    }

    /// Uniform in (0, 1): the top 53 bits, offset by half a step so 0 never occurs.
    public mutating func uniform() -> Double { SplitMix64.unitInterval(next()) }

    /// Uniform in [lo, hi].
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * uniform() }

    /// A standard normal deviate (Box–Muller, cosine branch).
    public mutating func gaussian() -> Double {
        let u1 = uniform(), u2 = uniform()
        return SplitMix64.boxMuller(u1, u2)
    }

    @inline(__always) static func unitInterval(_ bits: UInt64) -> Double {
        (Double(bits >> 11) + 0.5) * 0x1p-53
    }

    @inline(__always) static func boxMuller(_ u1: Double, _ u2: Double) -> Double {
        (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// White measurement noise addressed by sample index rather than drawn in sequence, so any
/// stretch of the recording can be generated on its own (in chunks, in any order) and still be
/// identical to the same stretch of a whole-file run.
struct IndexedNoise: Sendable {
    let key: UInt64

    init(seed: UInt64) { key = SplitMix64.mix(seed ^ 0x5EED_0F1A_5E00_0001) }

    /// A standard normal deviate for `channel` (0..<8) at sample `index`.
    @inline(__always) func gaussian(index: Int, channel: Int) -> Double {
        let base = key ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03)
        let a = SplitMix64.mix(base &+ UInt64(2 * channel))
        let b = SplitMix64.mix(base &+ UInt64(2 * channel + 1) &+ 0x2545_F491_4F6C_DD1D)
        return SplitMix64.boxMuller(SplitMix64.unitInterval(a), SplitMix64.unitInterval(b))
    }
}
