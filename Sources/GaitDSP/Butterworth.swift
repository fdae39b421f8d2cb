#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One second-order IIR section, direct form II transposed, with its own state.
public struct Biquad: Hashable, Sendable {
    public var b0, b1, b2, a1, a2: Double
    private var z1 = 0.0, z2 = 0.0

    public init(b0: Double, b1: Double, b2: Double, a1: Double, a2: Double) {
        self.b0 = b0; self.b1 = b1; self.b2 = b2; self.a1 = a1; self.a2 = a2
    }

    public mutating func process(_ x: Double) -> Double {
        let y = b0 * x + z1
        z1 = b1 * x - a1 * y + z2
        z2 = b2 * x - a2 * y
        return y
    }

    public mutating func reset() { z1 = 0; z2 = 0 }

    /// `process` over a whole buffer in place, first to last or (`backward`) last to first, with
    /// the coefficients and state in registers: the same arithmetic, sample for sample, as calling
    /// `process` in that order, so the output is bit-identical.
    public mutating func process(_ buffer: UnsafeMutableBufferPointer<Double>, backward: Bool = false) {
        let b0 = self.b0, b1 = self.b1, b2 = self.b2, a1 = self.a1, a2 = self.a2
        var z1 = self.z1, z2 = self.z2
        guard let base = buffer.baseAddress else { return }
        let n = buffer.count
        var i = backward ? n - 1 : 0
        let stepBy = backward ? -1 : 1
        for _ in 0..<n {
            let x = base[i]
            let y = b0 * x + z1
            z1 = b1 * x - a1 * y + z2
            z2 = b2 * x - a2 * y
            base[i] = y
            i += stepBy
        }
        self.z1 = z1
        self.z2 = z2
    }

    /// Set the state to the steady state for a constant input `x` (removes the start-up step).
    public mutating func settle(at x: Double) {
        // Steady state: y = x · H(1); solve the state equations for z1, z2.
        let gain = (b0 + b1 + b2) / (1 + a1 + a2)
        let y = gain * x
        z2 = b2 * x - a2 * y
        z1 = y - b0 * x
    }

    /// |H(e^{jω})| at `frequency` for sampling rate `rate` (both Hz).
    public func magnitude(at frequency: Double, rate: Double) -> Double {
        let w = 2 * Double.pi * frequency / rate
        func c(_ b0: Double, _ b1: Double, _ b2: Double) -> (Double, Double) {
            (b0 + b1 * cos(w) + b2 * cos(2 * w), -(b1 * sin(w) + b2 * sin(2 * w)))
        }
        let (nr, ni) = c(b0, b1, b2), (dr, di) = c(1, a1, a2)
        return ((nr * nr + ni * ni) / (dr * dr + di * di)).squareRoot()
    }
}

/// A Butterworth filter as a cascade of biquads, designed by the bilinear transform with
/// pre-warping (Oppenheim & Schafer, Discrete-Time Signal Processing, 3rd ed., §7.1).
/// Band-pass is a high-pass cascaded with a low-pass. `filtfilt` runs it forward and backward
/// for zero phase (the squared magnitude response), with reflected edges as scipy's default.
public struct ButterworthFilter: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case lowPass(Double), highPass(Double), bandPass(Double, Double) }

    public let kind: Kind
    public let order: Int
    public let rate: Double
    public private(set) var sections: [Biquad]

    /// `hz`, or 0.45 × `rate` where that is lower: a cut-off kept below the Nyquist frequency when
    /// a recording's rate is too low for the one a stage asks for.
    public static func cutoff(_ hz: Double, belowNyquistAt rate: Double) -> Double { Swift.min(hz, 0.45 * rate) }

    /// `order` is even (2, 4, …); cut-offs in Hz, below the Nyquist frequency.
    public init(_ kind: Kind, order: Int = 2, rate: Double) {
        precondition(order >= 2 && order % 2 == 0, "order must be even")
        self.kind = kind
        self.order = order
        self.rate = rate
        switch kind {
        case .lowPass(let f): sections = Self.design(order: order, cutoff: f, rate: rate, high: false)
        case .highPass(let f): sections = Self.design(order: order, cutoff: f, rate: rate, high: true)
        case .bandPass(let lo, let hi):
            sections = Self.design(order: order, cutoff: lo, rate: rate, high: true)
                + Self.design(order: order, cutoff: hi, rate: rate, high: false)
        }
    }

    private static func design(order: Int, cutoff: Double, rate: Double, high: Bool) -> [Biquad] {
        precondition(cutoff > 0 && cutoff < rate / 2, "cut-off must lie between 0 and Nyquist")
        let k = tan(Double.pi * cutoff / rate)
        return (0..<(order / 2)).map { i in
            // Pole pair angle of the analog prototype.
            let theta = Double.pi * Double(2 * i + 1) / Double(2 * order)
            let q = 1 / (2 * sin(theta))
            let norm = 1 / (1 + k / q + k * k)
            let a1 = 2 * (k * k - 1) * norm
            let a2 = (1 - k / q + k * k) * norm
            if high {
                return Biquad(b0: norm, b1: -2 * norm, b2: norm, a1: a1, a2: a2)
            } else {
                let b0 = k * k * norm
                return Biquad(b0: b0, b1: 2 * b0, b2: b0, a1: a1, a2: a2)
            }
        }
    }

    /// Causal filtering with state carried across calls.
    public mutating func process(_ x: Double) -> Double {
        var y = x
        for i in sections.indices { y = sections[i].process(y) }
        return y
    }

    /// |H| of one forward pass at `frequency` Hz.
    public func magnitude(at frequency: Double) -> Double {
        sections.reduce(1) { $0 * $1.magnitude(at: frequency, rate: rate) }
    }

    /// The running integral of `x` (trapezoidal, from 0) passed through this filter forward and
    /// backward: one step of drift-free integration when this is a high-pass.
    public func integratedFiltfilt(_ x: [Double]) -> [Double] {
        filtfilt(Signal.cumulativeIntegral(x, rate: rate))
    }

    /// Zero-phase filtering of a whole block: forward, then backward, with `3 × order × sections`
    /// samples of odd reflection at each end so the start-up transient falls outside the block.
    public func filtfilt(_ x: [Double]) -> [Double] {
        let n = x.count
        guard n > 1 else { return x }
        let pad = Swift.min(n - 1, 3 * (sections.count * 2 + 1) * 4)
        var ext = [Double]()
        ext.reserveCapacity(n + 2 * pad)
        for i in stride(from: pad, to: 0, by: -1) { ext.append(2 * x[0] - x[i]) }
        ext.append(contentsOf: x)
        for i in 1...pad { ext.append(2 * x[n - 1] - x[n - 1 - i]) }
        // Section by section over the whole block: each section sees exactly the samples it saw in
        // the sample-by-sample cascade, so the result is bit-identical, without per-sample array
        // access to the sections.
        ext.withUnsafeMutableBufferPointer { buffer in
            for backward in [false, true] {
                var level = backward ? buffer[buffer.count - 1] : buffer[0]
                for var section in sections {
                    section.settle(at: level)
                    level = level * (section.b0 + section.b1 + section.b2) / (1 + section.a1 + section.a2)
                    section.process(buffer, backward: backward)
                }
            }
        }
        return Array(ext[pad..<(pad + n)])
    }
}
