import GaitDSP

/// Finds initial contacts, final contacts and left/right evidence in one analysis window.
///
/// Method (docs/algorithms/initial-contacts.md):
/// 1. Body frame from the window (`BodyFrame`); vertical acceleration a_v = a·up − g.
/// 2. a_v smoothed by a Gaussian of σ = 80 ms via FFT convolution. This is McCamley et al. 2012
///    (doi:10.1016/j.gaitpost.2012.02.019): integrating a_v and differentiating with a
///    Gaussian-derivative wavelet is the same as Gaussian smoothing of a_v. Its peaks (upward
///    acceleration as the leading leg takes the load) are candidate contacts.
/// 3. Each candidate is moved to the peak of low-passed forward acceleration in
///    [−120 ms, +20 ms] around it: heel strike coincides with peak forward trunk acceleration
///    (Zijlstra & Hof 2003, doi:10.1016/S0966-6362(02)00190-X). On the Voisard reference set
///    this reduced the median timing error from 40 ms to 10 ms.
/// 4. The contralateral toe-off: the next peak of lightly smoothed a_v 80–300 ms after the contact
///    (trailing-limb push-off).
/// 5. Left/right evidence: with a gyroscope, the sign of (yaw rate − roll rate), each band-passed
///    0.5–2 Hz and scaled by its SD, at the contact (McCamley 2012; Ullrich et al. 2021 combine
///    the two axes); negative → left. Without one, the sign of band-passed mediolateral
///    acceleration 20 ms after the contact.
/// 6. What the trunk does at the contact and in the stance after it (`StanceFeatureExtractor`):
///    the inputs of the classifier's per-side measures.
/// Complexity O(n log n) per window of n samples (FFT convolution, filters).
public struct WindowContactDetector {
    /// Windows shorter than this hold no contacts (nor a meaningful body frame), s.
    public static let minimumWindowSeconds = 2.0

    public let configuration: AnalysisConfiguration
    public let rate: Double
    private let smoothing: FFTConvolver
    private let fcSmoothing: FFTConvolver
    private let strideFFT = RealFFT(size: 128)

    public init(configuration: AnalysisConfiguration, rate: Double) {
        self.configuration = configuration
        self.rate = rate
        smoothing = GaussianKernel.smoothing(sigma: configuration.contactSmoothingSeconds * rate)
        fcSmoothing = GaussianKernel.smoothing(sigma: configuration.finalContactSmoothingSeconds * rate)
    }

    /// Contacts whose index lies in `core` (window-local indices); `offset` is the segment index
    /// of the window's first sample; `frame` is the window's body frame (`BodyFrame.estimate`).
    public func detect(acc: [SIMD3<Double>], gyr: [SIMD3<Double>], frame: BodyFrame, core: Range<Int>,
                       offset: Int) -> [ContactCandidate] {
        let c = configuration
        let n = acc.count
        guard n >= Int(rate * Self.minimumWindowSeconds) else { return [] }
        let av = acc.map { dot($0, frame.up) - frame.gravity }
        let smooth = smoothing.apply(av)

        // Candidates: peaks of smoothed upward acceleration.
        let minDistance = Swift.max(1, Int(c.minStepSeconds * rate))
        var peaks = Signal.peaks(smooth, minHeight: c.minContactPeakMps2, minDistance: minDistance)
        if !peaks.isEmpty {
            let heights = peaks.map { smooth[$0] }
            let upper = heights.filter { $0 >= Signal.median(heights) }
            let threshold = c.relativeContactPeak * Signal.median(upper)
            peaks = peaks.filter { smooth[$0] >= threshold }
        }
        guard !peaks.isEmpty else { return [] }

        // Refine to the forward-acceleration peak.
        let forward = ButterworthFilter(.lowPass(Swift.min(c.refineLowPassHz, rate * 0.45)), order: 2, rate: rate)
            .filtfilt(acc.map { dot($0, frame.forward) })
        let from = Int((c.refineFromSeconds * rate).rounded()), to = Int((c.refineToSeconds * rate).rounded())
        var contacts = [Int]()
        for p in peaks {
            guard let i = Signal.argmax(forward, in: (p + from)..<(p + to + 1)) else { continue }
            if let last = contacts.last, i - last < minDistance { continue }
            contacts.append(i)
        }

        let fcSignal = fcSmoothing.apply(av)
        let evidence = sideEvidence(acc: acc, gyr: gyr, frame: frame)
        let features = windowFeatures(acc: acc, av: av, frame: frame, contacts: contacts)

        var finalContacts = [Int?](repeating: nil, count: contacts.count)
        for (k, i) in contacts.enumerated() where core.contains(i) {
            let next = k + 1 < contacts.count ? contacts[k + 1] : n
            let fcRange = (i + Int(c.finalContactFromSeconds * rate))..<Swift.min(next, i + Int(c.finalContactToSeconds * rate))
            finalContacts[k] = Signal.peaks(Array(fcSignal[fcRange.clamped(to: 0..<n)])).max { fcSignal[fcRange.lowerBound + $0] < fcSignal[fcRange.lowerBound + $1] }
                .map { steepestRise(fcSignal, before: fcRange.lowerBound + $0, notBefore: fcRange.lowerBound) }
        }
        let stance = StanceFeatureExtractor(configuration: c, rate: rate)
            .features(acc: acc, gyr: gyr, av: av, frame: frame, contacts: contacts, finalContacts: finalContacts)

        var out = [ContactCandidate]()
        for (k, i) in contacts.enumerated() where core.contains(i) {
            let fc = finalContacts[k]
            let lag = Swift.min(n - 1, i + (gyr.isEmpty ? Int(0.02 * rate) : 0))
            var candidate = ContactCandidate(
                index: offset + i, finalContactAfter: fc.map { offset + $0 }, sideEvidence: tanh(evidence[lag]),
                previousIndex: k > 0 ? offset + contacts[k - 1] : nil, features: features, harmonicRatios: nil,
                stance: stance[k])
            if k + 2 < contacts.count {
                candidate.harmonicRatios = harmonicRatios(acc: acc, frame: frame, from: i, to: contacts[k + 2])
            }
            out.append(candidate)
        }
        return out
    }

    /// The sample of steepest rise of `x` in the `finalContactSlopeSeconds` before `peak` (and not
    /// before `notBefore`): the maximum of McCamley's second Gaussian-derivative transform nearest
    /// before the push-off peak. Toe-off starts the rise; the peak follows it by ≈ 30 ms.
    private func steepestRise(_ x: [Double], before peak: Int, notBefore: Int) -> Int {
        let from = Swift.max(notBefore, peak - Int((configuration.finalContactSlopeSeconds * rate).rounded()), 1)
        guard from < peak else { return peak }
        var best = peak, slope = -Double.infinity
        for j in from...peak where x[j] - x[j - 1] > slope {
            slope = x[j] - x[j - 1]
            best = j
        }
        return best
    }

    /// Per-sample left/right evidence in SD units (negative → left).
    private func sideEvidence(acc: [SIMD3<Double>], gyr: [SIMD3<Double>], frame: BodyFrame) -> [Double] {
        let band = ButterworthFilter(
            .bandPass(configuration.sideBandLowHz, configuration.sideBandHighHz), order: 2, rate: rate)
        func scaled(_ x: [Double]) -> [Double] {
            let y = band.filtfilt(x)
            let sd = Signal.standardDeviation(y)
            return sd > 0 ? y.map { $0 / sd } : y
        }
        if gyr.isEmpty {
            let mlBand = ButterworthFilter(.bandPass(0.3, 1.5), order: 2, rate: rate)
            let ml = mlBand.filtfilt(acc.map { dot($0, frame.left) })
            let sd = Signal.standardDeviation(ml)
            return sd > 0 ? ml.map { $0 / sd } : ml
        }
        let yaw = scaled(gyr.map { dot($0, frame.up) })
        let roll = scaled(gyr.map { dot($0, frame.forward) })
        return zip(yaw, roll).map { $0 - $1 }
    }

    /// Regularity (Moe-Nilssen & Helbostad 2004), dominant step frequency and RMS over the span of
    /// the window's contacts.
    private func windowFeatures(acc: [SIMD3<Double>], av: [Double], frame: BodyFrame, contacts: [Int]) -> WindowFeatures {
        var f = WindowFeatures(frame: frame)
        guard contacts.count >= 5 else { return f }
        let span = contacts.first!..<contacts.last!
        let v = Array(av[span])
        let ap = acc[span].map { dot($0, frame.forward) }
        let ml = acc[span].map { dot($0, frame.left) }
        var intervals = [Double]()
        for k in 1..<contacts.count { intervals.append(Double(contacts[k] - contacts[k - 1])) }
        let step = Signal.median(intervals)
        let maxLag = Int(2.6 * step)
        let rv = Autocorrelation.unbiased(v, maxLag: maxLag)
        let rap = Autocorrelation.unbiased(ap, maxLag: maxLag)
        func peak(_ r: [Double], near lag: Double) -> Double? {
            let lo = Int(0.7 * lag), hi = Swift.min(r.count, Int(1.3 * lag) + 1)
            guard lo < hi else { return nil }
            return r[lo..<hi].max()
        }
        f.stepRegularityV = peak(rv, near: step)
        f.strideRegularityV = peak(rv, near: 2 * step)
        f.stepRegularityAP = peak(rap, near: step)
        f.strideRegularityAP = peak(rap, near: 2 * step)
        f.dominantStepFrequencyHz = Spectrum.dominantFrequency(v, rate: rate, band: 0.6...4.0)
        f.rms = SIMD3(Signal.rms(v), Signal.rms(ap), Signal.rms(ml))
        return f
    }

    /// Harmonic ratios of one stride, resampled to 128 points so one FFTW plan serves all.
    private func harmonicRatios(acc: [SIMD3<Double>], frame: BodyFrame, from: Int, to: Int) -> SIMD3<Double>? {
        guard to - from >= 20 else { return nil }
        let n = strideFFT.size
        var axes = [[Double]](repeating: [Double](repeating: 0, count: n), count: 3)
        let dirs = [frame.up, frame.forward, frame.left]
        for j in 0..<n {
            let pos = Double(from) + Double(j) * Double(to - from) / Double(n)
            let i0 = Int(pos), w = pos - Double(i0)
            let a = acc[i0] * (1 - w) + acc[Swift.min(i0 + 1, acc.count - 1)] * w
            for d in 0..<3 { axes[d][j] = dot(a, dirs[d]) }
        }
        guard let hv = Spectrum.harmonicRatio(stride: axes[0], inPhaseEven: true, fft: strideFFT),
              let hap = Spectrum.harmonicRatio(stride: axes[1], inPhaseEven: true, fft: strideFFT),
              let hml = Spectrum.harmonicRatio(stride: axes[2], inPhaseEven: false, fft: strideFFT)
        else { return nil }
        return SIMD3(hv, hap, hml)
    }
}


#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
