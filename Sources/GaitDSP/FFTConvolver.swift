/// Linear convolution of signals with a fixed kernel by FFT (overlap-free: one transform of the
/// padded signal), with the signal's ends extended by reflection so that edges do not ring.
///
/// Used for the Gaussian and Gaussian-derivative wavelets of McCamley et al. 2012
/// (doi:10.1016/j.gaitpost.2012.02.019), which are the continuous wavelet transform at one scale.
/// Complexity O((n + k) log(n + k)) per call, n the signal length and k the kernel length.
public final class FFTConvolver {
    public let kernel: [Double]
    /// Index of the kernel's centre: output[i] = Σ_j x[i + center − j] · kernel[j].
    public let center: Int
    private var fft: RealFFT?
    private var kernelSpectrum: [Double] = []

    public init(kernel: [Double], center: Int) {
        precondition(!kernel.isEmpty && center >= 0 && center < kernel.count)
        self.kernel = kernel
        self.center = center
    }

    /// `x` convolved with the kernel, same length as `x`, centred.
    public func apply(_ x: [Double]) -> [Double] {
        let n = x.count
        guard n > 0 else { return [] }
        let pad = kernel.count
        let padded = Self.reflectPad(x, pad: pad)
        let size = RealFFT.goodSize(atLeast: padded.count + kernel.count - 1)
        let plan = prepare(size: size)
        let scale = 1 / Double(size)
        padded.withUnsafeBufferPointer { input in
            plan.forward(input) { spec in
                kernelSpectrum.withUnsafeBufferPointer { k in
                    var i = 0
                    while i < spec.count {
                        let a = spec[i], b = spec[i + 1], c = k[i], d = k[i + 1]
                        spec[i] = (a * c - b * d) * scale
                        spec[i + 1] = (a * d + b * c) * scale
                        i += 2
                    }
                }
            }
        }
        return plan.inverse { out in
            Array(out[(pad + center)..<(pad + center + n)])
        }
    }

    private func prepare(size: Int) -> RealFFT {
        if let fft, fft.size == size { return fft }
        let plan = RealFFT(size: size)
        kernelSpectrum = kernel.withUnsafeBufferPointer { k in plan.forward(k) { Array($0) } }
        fft = plan
        return plan
    }

    /// `x` with `pad` samples mirrored onto each end (x[pad], …, x[1] | x | x[n−2], …).
    static func reflectPad(_ x: [Double], pad: Int) -> [Double] {
        let n = x.count
        var out = [Double]()
        out.reserveCapacity(n + 2 * pad)
        for i in stride(from: pad, to: 0, by: -1) { out.append(x[reflect(i, n)]) }
        out.append(contentsOf: x)
        for i in 0..<pad { out.append(x[reflect(n - 2 - i, n)]) }
        return out
    }

    private static func reflect(_ i: Int, _ n: Int) -> Int {
        guard n > 1 else { return 0 }
        let period = 2 * (n - 1)
        var k = i % period
        if k < 0 { k += period }
        return k < n ? k : period - k
    }
}

/// Gaussian smoothing kernels: the Gaussian itself and its first derivative, normalised so the
/// Gaussian sums to 1. `sigma` is in samples; the kernel spans ±4 σ.
public enum GaussianKernel {
    public static func smoothing(sigma: Double) -> FFTConvolver {
        let (taps, c) = make(sigma: sigma) { x, s in exp(-0.5 * x * x / (s * s)) }
        let sum = taps.reduce(0, +)
        return FFTConvolver(kernel: taps.map { $0 / sum }, center: c)
    }

    /// d/dt of the smoothed signal, per sample.
    public static func derivative(sigma: Double) -> FFTConvolver {
        let (g, c) = make(sigma: sigma) { x, s in exp(-0.5 * x * x / (s * s)) }
        let sum = g.reduce(0, +)
        let taps = g.enumerated().map { i, v in -Double(i - c) / (sigma * sigma) * v / sum }
        return FFTConvolver(kernel: taps, center: c)
    }

    private static func make(sigma: Double, _ f: (Double, Double) -> Double) -> ([Double], Int) {
        precondition(sigma > 0)
        let half = Swift.max(1, Int((4 * sigma).rounded(.up)))
        return ((-half...half).map { f(Double($0), sigma) }, half)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
