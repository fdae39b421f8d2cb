#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Spectral measures by FFTW.
public enum Spectrum {
    /// Power spectrum of `x` (mean removed, Hann window), as (frequencies Hz, power). The FFT
    /// size is the next 2·3·5-smooth size ≥ `max(x.count, minSize)` (zero padding refines the
    /// frequency grid for short windows). O(n log n).
    public static func power(_ x: [Double], rate: Double, minSize: Int = 0) -> (freq: [Double], power: [Double]) {
        let n = x.count
        guard n >= 4 else { return ([], []) }
        let m = Signal.mean(x)
        var w = [Double](repeating: 0, count: n)
        for i in 0..<n { w[i] = (x[i] - m) * (0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n - 1))) }
        let fft = RealFFT(size: RealFFT.goodSize(atLeast: Swift.max(n, minSize)))
        let p: [Double] = w.withUnsafeBufferPointer { b in fft.forward(b) { s in squaredMagnitudes(s) } }
        let df = rate / Double(fft.size)
        return (p.indices.map { Double($0) * df }, p)
    }

    /// The frequency of the largest spectral peak within `band` (Hz), refined by parabolic
    /// interpolation of the log power around the peak bin; nil when the band holds no bins.
    public static func dominantFrequency(_ x: [Double], rate: Double, band: ClosedRange<Double>) -> Double? {
        let (f, p) = power(x, rate: rate, minSize: Int(rate * 60))
        guard let k = f.indices.filter({ band.contains(f[$0]) }).max(by: { p[$0] < p[$1] }) else { return nil }
        guard k > 0, k + 1 < p.count, p[k - 1] > 0, p[k] > 0, p[k + 1] > 0 else { return f[k] }
        let a = log(p[k - 1]), b = log(p[k]), c = log(p[k + 1])
        let denom = a - 2 * b + c
        let delta = denom != 0 ? 0.5 * (a - c) / denom : 0
        return f[k] + delta * (f[1] - f[0])
    }

    /// Harmonic ratio (Menz, Lord & Fitzpatrick 2003, doi:10.1093/ageing/afg017 as commonly
    /// cited; method after Smidt et al. 1977): over one stride of `x` (one period), the sum of
    /// the amplitudes of the even harmonics divided by the sum of the odd ones (first 20
    /// harmonics). `inPhaseEven` true for vertical and AP (even harmonics are in-phase in those
    /// directions); false for ML, where the ratio is inverted (odd over even).
    public static func harmonicRatio(stride x: [Double], inPhaseEven: Bool, harmonics: Int = 20,
                                     fft: RealFFT? = nil) -> Double? {
        let n = x.count
        guard n >= 2 * harmonics + 2 else { return nil }
        let fft = fft?.size == n ? fft! : RealFFT(size: n)
        let amps: [Double] = x.withUnsafeBufferPointer { b in
            fft.forward(b) { s in squaredMagnitudes(s)[1...harmonics].map { $0.squareRoot() } }
        }
        var even = 0.0, odd = 0.0
        for (i, a) in amps.enumerated() { if (i + 1) % 2 == 0 { even += a } else { odd += a } }
        guard even > 0, odd > 0 else { return nil }
        return inPhaseEven ? even / odd : odd / even
    }

    /// |X_k|² of an interleaved (re, im) spectrum.
    static func squaredMagnitudes(_ s: UnsafeMutableBufferPointer<Double>) -> [Double] {
        var out = [Double](repeating: 0, count: s.count / 2)
        for k in out.indices {
            let re = s[2 * k], im = s[2 * k + 1]
            out[k] = re * re + im * im
        }
        return out
    }
}
