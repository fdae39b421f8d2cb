/// Physical quantities that cross module boundaries. Inside a stage, arithmetic is on plain
/// `Double`s; at API boundaries a rate is a `SamplingRate`, never a bare number.

/// A sampling rate in hertz. A signal always travels with its rate (see `MotionSamples`).
public struct SamplingRate: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hz: Double

    /// The highest rate read (from a rate line, the timestamps or `--rate`): above any wearable
    /// motion sensor's (Axivity AX3 3.2 kHz, Movesense 1.7 kHz, Xsens 1–2 kHz). A rate 1000 times
    /// a real one, the timestamps in seconds read as milliseconds (or milliseconds as
    /// microseconds), lies above it for any rate the analysis takes (10 Hz and up): a 100 Hz walk
    /// with its seconds under a `time_ms` header was read at 100 kHz, 0.06 s long, with no
    /// steps, until this was lowered from 100 kHz. It also bounds the memory of a bridged gap
    /// (`maxBridgedGap` × rate samples); a file whose timestamps were 1 ns apart once filled a
    /// 0.4 s gap with 4 × 10⁸ samples.
    public static let maximumHz = 10_000.0

    public init(hz: Double) {
        precondition(hz > 0 && hz.isFinite, "sampling rate must be positive and finite")
        self.hz = hz
    }

    /// The sampling interval in seconds.
    @inlinable public var period: Double { 1 / hz }

    /// The number of whole samples closest to `seconds` at this rate.
    @inlinable public func samples(_ seconds: Double) -> Int { Int((seconds * hz).rounded()) }

    /// The time in seconds of `count` samples.
    @inlinable public func seconds(_ count: Int) -> Double { Double(count) / hz }

    public var description: String { "\(hz) Hz" }
}

/// A foot. `L` and `R` are the serialized forms used by the contract.
public enum Side: String, Hashable, Sendable, Codable, CaseIterable {
    case left = "L"
    case right = "R"

    public var opposite: Side { self == .left ? .right : .left }
}

/// Standard gravity, m/s² (CGPM 1901), used to convert between g and m/s².
public let standardGravity = 9.80665
