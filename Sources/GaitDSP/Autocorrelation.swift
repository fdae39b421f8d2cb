/// The unbiased autocorrelation of Moe-Nilssen & Helbostad 2004 (J Biomech 37(1):121–126,
/// doi:10.1016/S0021-9290(03)00233-1), computed by FFTW (Wiener–Khinchin, zero-padded to avoid
/// circular wrap): R(m) = 1/(N − |m|) · Σ x(i)x(i+m), normalised by R(0). O(n log n).
public enum Autocorrelation {
    /// Normalised unbiased autocorrelation of `x` (mean removed) for lags 0...maxLag.
    public static func unbiased(_ x: [Double], maxLag: Int) -> [Double] {
        let n = x.count
        guard n > 1 else { return [] }
        let lags = Swift.min(maxLag, n - 1)
        let m = Signal.mean(x)
        let centred = x.map { $0 - m }
        let fft = RealFFT(size: RealFFT.goodSize(atLeast: 2 * n))
        centred.withUnsafeBufferPointer { b in
            fft.forward(b) { s in
                var i = 0
                while i < s.count { s[i] = s[i] * s[i] + s[i + 1] * s[i + 1]; s[i + 1] = 0; i += 2 }
            }
        }
        let raw = fft.inverse { Array($0[0...lags]) }
        let r0 = raw[0] / Double(n)
        guard r0 > 0 else { return [Double](repeating: 0, count: lags + 1) }
        return (0...lags).map { raw[$0] / Double(n - $0) / r0 }
    }
}
