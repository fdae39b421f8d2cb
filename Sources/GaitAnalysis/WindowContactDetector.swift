import GaitCore
import GaitDSP

/// Finds initial contacts, final contacts and left/right evidence in one analysis window.
///
/// Method (docs/algorithms/initial-contacts.md):
/// 1. Body frame from the window (`BodyFrame`); vertical acceleration a_v = a·up − g.
/// 2. a_v smoothed by a Gaussian of σ = 80 ms via FFT convolution. This is McCamley et al. 2012
///    (doi:10.1016/j.gaitpost.2012.02.019): integrating a_v and differentiating with a
///    Gaussian-derivative wavelet is the same as Gaussian smoothing of a_v. Its peaks (upward
///    acceleration as the leading leg takes the load) are candidate contacts; gentle peaks of
///    slow walking, under the absolute floor, where they keep a steady rhythm
///    (`gentleWalkingPeaks`).
/// 3. Each candidate is moved to the peak of low-passed forward acceleration in
///    [−120 ms, +20 ms] around it ([−200 ms, +20 ms] for a gentle peak): heel strike coincides
///    with peak forward trunk acceleration (Zijlstra & Hof 2003, doi:10.1016/S0966-6362(02)00190-X).
///    On the Voisard reference set this reduced the median timing error from 40 ms to 10 ms.
///    Where the maximum falls in the window's last 10 ms (`refineEdgeSeconds`), the forward
///    acceleration is still rising into the loading: the largest local maximum no later than the
///    vertical peak is taken instead; where the window holds none and the rise goes on past its
///    end, the largest one from the gentle window's start (−200 ms). Stated in seconds, so that
///    50 Hz and 200 Hz recordings get the rule 100 Hz ones get (docs/algorithms/initial-contacts.md,
///    "Other sampling rates").
/// 4. The contralateral toe-off: the steepest rise before the push-off peak of lightly smoothed
///    a_v 80–300 ms after the contact, past the contact's own impact peak; without a push-off
///    peak, the shoulder of the impact peak's decay (`finalContact`). Before the first contact of
///    a walking run, the toe-off that started walking (`openingFinalContacts`).
/// 5. Left/right evidence: with a gyroscope, the sign of (yaw rate − roll rate), each band-passed
///    0.5–2 Hz and scaled by its SD, at the contact (McCamley 2012; Ullrich et al. 2021 combine
///    the two axes); negative → left. Without one, the sign of band-passed mediolateral
///    acceleration 20 ms after the contact.
/// 6. What the trunk does at the contact and in the stance after it (`StanceFeatureExtractor`):
///    the inputs of the classifier's per-side measures.
/// 7. The closing step where a walking run ends (`withClosingSteps`), added before steps 4–6: a
///    contact that barely loads the trunk, found from the rhythm of the run and the last rise of
///    vertical acceleration.
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

    /// The shortest step (`minStepSeconds`) in samples: no two contacts are nearer.
    private var minStepSamples: Int { Swift.max(1, Int(configuration.minStepSeconds * rate)) }

    /// Contacts whose index lies in `core` (window-local indices); `offset` is the segment index
    /// of the window's first sample; `frame` is the window's body frame (`BodyFrame.estimate`).
    public func detect(acc: [SIMD3<Double>], gyr: [SIMD3<Double>], frame: BodyFrame, core: Range<Int>,
                       offset: Int) -> [ContactCandidate] {
        let c = configuration
        let n = acc.count
        guard n >= Int(rate * Self.minimumWindowSeconds) else { return [] }
        let av = frame.verticalAcceleration(acc)
        let smooth = smoothing.apply(av)

        // Candidates: peaks of smoothed upward acceleration.
        let allPeaks = Signal.peaks(smooth, minHeight: c.gentleContactPeakMps2, minDistance: minStepSamples)
        var peaks = allPeaks.filter { smooth[$0] >= c.minContactPeakMps2 }
        if !peaks.isEmpty {
            let heights = peaks.map { smooth[$0] }
            let upper = heights.filter { $0 >= Signal.median(heights) }
            let threshold = c.relativeContactPeak * Signal.median(upper)
            peaks = peaks.filter { smooth[$0] >= threshold }
        }
        let gentle = gentleWalkingPeaks(allPeaks, smooth: smooth)
        if !gentle.isEmpty { peaks = Array(Set(peaks).union(gentle)).sorted() }
        guard !peaks.isEmpty else { return [] }

        // Refine to the forward-acceleration peak.
        let forward = ButterworthFilter(.lowPass(ButterworthFilter.cutoff(c.refineLowPassHz, belowNyquistAt: rate)), order: 2, rate: rate)
            .filtfilt(acc.map { dot($0, frame.forward) })
        let from = Int((c.refineFromSeconds * rate).rounded()), to = Int((c.refineToSeconds * rate).rounded())
        var contacts = [Int]()
        let fromGentle = Int((c.refineFromGentleSeconds * rate).rounded())
        let edge = Int((c.refineEdgeSeconds * rate).rounded(.down))
        for p in peaks {
            let start = p + (smooth[p] < c.minContactPeakMps2 ? fromGentle : from)
            guard var i = Signal.argmax(forward, in: start..<(p + to + 1)) else { continue }
            // The maximum in the window's last 10 ms: the rise into loading. Take the largest local
            // maximum no later than the vertical peak p instead, where there is one. Where there is
            // none and the rise goes on past the window, the heel strike's peak lies before the
            // window: look back as far as for a gentle peak.
            let end = p + to
            if i >= end - edge, end + 1 < n {
                if let peak = largestPeak(forward, from: start, through: p) {
                    i = peak
                } else if forward[end + 1] > forward[end], let peak = largestPeak(forward, from: p + fromGentle, through: p) {
                    i = peak
                }
            }
            if let last = contacts.last, i - last < minStepSamples { continue }
            contacts.append(i)
        }

        let fcSignal = fcSmoothing.apply(av)
        let closing: Set<Int>
        (contacts, closing) = withClosingSteps(contacts, fineAv: fcSignal)
        let evidence = sideEvidence(acc: acc, gyr: gyr, frame: frame)
        let evidenceHalfWidth = Int((c.sideEvidenceHalfWindowSeconds * rate).rounded())
        let impulses: [Double]? = gyr.isEmpty ? loadingImpulses(acc: acc, frame: frame, contacts: contacts) : nil
        let features = windowFeatures(acc: acc, av: av, frame: frame, contacts: contacts)

        var finalContacts = [Int?](repeating: nil, count: contacts.count)
        for (k, i) in contacts.enumerated() where core.contains(i) {
            finalContacts[k] = finalContact(fcSignal, after: i, before: k + 1 < contacts.count ? contacts[k + 1] : n)
        }
        let stance = StanceFeatureExtractor(configuration: c, rate: rate)
            .features(acc: acc, gyr: gyr, av: av, frame: frame, contacts: contacts, finalContacts: finalContacts)

        var out = [ContactCandidate]()
        let opening = openingFinalContacts(contacts, fineAv: fcSignal)
        for (k, i) in contacts.enumerated() where core.contains(i) {
            let fc = finalContacts[k]
            let meanEvidence = Signal.mean(evidence[Swift.max(0, i - evidenceHalfWidth)...Swift.min(n - 1, i + evidenceHalfWidth)])
            let sideEvidence = tanh(meanEvidence) + (impulses.map { tanh($0[k]) } ?? 0)
            let closes = closing.contains(i)
            var candidate = ContactCandidate(
                index: offset + i, finalContactAfter: fc.map { offset + $0 }, sideEvidence: sideEvidence,
                previousIndex: k > 0 ? offset + contacts[k - 1] : nil, features: features, harmonicRatios: nil,
                stance: closes ? nil : stance[k], closesWalking: closes,
                openingFinalContact: opening[i].map { offset + $0 })
            if k + 2 < contacts.count {
                candidate.harmonicRatios = harmonicRatios(acc: acc, frame: frame, from: i, to: contacts[k + 2])
            }
            out.append(candidate)
        }
        return out
    }

    /// The largest local maximum of `x` at an index in `from...through` (`Signal.peaks`, so not at
    /// the ends of the signal), or nil where there is none.
    private func largestPeak(_ x: [Double], from: Int, through: Int) -> Int? {
        let lo = Swift.max(from - 1, 0), hi = Swift.min(through + 1, x.count - 1)
        guard lo < hi else { return nil }
        let peaks = Signal.peaks(Array(x[lo...hi])).map { lo + $0 }.filter { (from...through).contains($0) }
        return peaks.max(by: { x[$0] < x[$1] })
    }

    /// Peaks of `smooth` (all at least `gentleContactPeakMps2`) that belong to a steady rhythm:
    /// runs of at least `gentleRunMinPeaks` consecutive peaks whose intervals (steps) lie between
    /// `minStepSeconds` and `gentleRunMaxStepSeconds`, each step within `gentleRunIntervalRatio`
    /// of the same foot's previous step (two peaks back) and a `gentleRunStepShare` of its
    /// stride, each height within `gentleRunHeightRatio` of the previous peak's.
    ///
    /// Slow walking loads the trunk gently (the body's fall is redirected over a long double
    /// support), so its contacts can peak under `minContactPeakMps2`; its rhythm is what marks
    /// it. Left and right steps may differ (a limp), so the rhythm is compared foot by foot. A
    /// contact followed by its push-off peak alternates in height, and the trunk's movements in
    /// a turn or while standing are not a steady series of nine.
    private func gentleWalkingPeaks(_ peaks: [Int], smooth: [Double]) -> [Int] {
        let c = configuration
        let maxInterval = c.gentleRunMaxStepSeconds * rate
        func within(_ a: Double, _ b: Double, _ ratio: Double) -> Bool { a <= b * ratio && b <= a * ratio }
        var out = [Int]()
        var start = 0                              // first peak of the current steady run
        for k in 1...Swift.max(1, peaks.count) {
            var steady = false                     // does peaks[k] continue the run's rhythm?
            if k < peaks.count {
                let d = Double(peaks[k] - peaks[k - 1])
                steady = d <= maxInterval && within(smooth[peaks[k]], smooth[peaks[k - 1]], c.gentleRunHeightRatio)
                if steady && k - 1 > start {       // a step's share of its stride
                    let share = d / Double(peaks[k] - peaks[k - 2])
                    steady = c.gentleRunStepShare.contains(share)
                }
                if steady && k - 2 > start {       // the same foot's previous step
                    steady = within(d, Double(peaks[k - 2] - peaks[k - 3]), c.gentleRunIntervalRatio)
                }
            }
            guard !steady else { continue }
            if k - start >= c.gentleRunMinPeaks { out.append(contentsOf: peaks[start..<k]) }
            start = k
        }
        return out
    }

    /// `contacts` with the closing step of each walking run added (step 7 of the method).
    ///
    /// Walking ends with a closing step: after the last loaded heel strike the other foot comes
    /// forward and is set down beside it while the body decelerates (Jian Y, Winter DA, Ishac MG,
    /// Gilchrist L, Gait Posture 1993;1:9–22, gait termination). That contact barely loads the
    /// trunk: on the Voisard set its smoothed upward acceleration peaks at 0.0–1.5 m/s² against
    /// 1.5–2.5 m/s² in walking, so
    /// the relative threshold of step 3 drops it, yet it is still the end of the trunk's last fall
    /// and rise. Where a run of at least `closingStepMinRun` contacts ends (no contact follows within
    /// `maxStepSeconds`), the largest rise of `fineAv` (σ = 30 ms) above its running minimum within
    /// `closingStepSearch` × the run's median step time after the last contact, if it rises at least
    /// `closingStepMinRiseMps2` to at least `closingStepMinPeakMps2`, is a contact at its steepest
    /// point (the foot's load arriving). The rise must end above zero: a foot that takes load pushes
    /// up harder than body weight, while a body merely coming to rest rises only to zero.
    /// Returns the contacts and the closing steps among them.
    func withClosingSteps(_ contacts: [Int], fineAv: [Double]) -> ([Int], Set<Int>) {
        let c = configuration, n = fineAv.count, run = c.closingStepMinRun
        guard contacts.count >= run else { return (contacts, []) }
        let maxGap = Int(c.maxStepSeconds * rate)
        var out = [Int](), closing = Set<Int>()
        out.reserveCapacity(contacts.count + 4)
        for k in contacts.indices {
            let i = contacts[k]
            out.append(i)
            guard k + 1 - run >= 0, k + 1 == contacts.count || contacts[k + 1] - i > maxGap,
                  let step = Self.steadyStep(contacts, endingAt: k + 2 - run...k, maxGap: maxGap) else { continue }
            let lo = i + Int((c.closingStepSearch.lowerBound * step).rounded())
            // Short of the next contact: a steady step near `maxStepSeconds` would otherwise search
            // past it and put the closing step after it, out of order (found by fuzzing).
            let next = k + 1 < contacts.count ? contacts[k + 1] - minStepSamples : n - 1
            let hi = Swift.min(n - 1, next, i + Int((c.closingStepSearch.upperBound * step).rounded()))
            guard lo + 2 < hi else { continue }
            var trough = lo, bestTrough = lo, bestTop = lo, bestRise = 0.0
            for j in lo...hi {
                if fineAv[j] < fineAv[trough] { trough = j }
                let rise = fineAv[j] - fineAv[trough]
                if fineAv[j] >= c.closingStepMinPeakMps2 && rise > bestRise {
                    (bestRise, bestTrough, bestTop) = (rise, trough, j)
                }
            }
            guard bestRise >= c.closingStepMinRiseMps2, bestTop > bestTrough else { continue }
            let steepest = Self.steepest(fineAv, in: (bestTrough + 1)...bestTop)
            out.append(steepest)
            closing.insert(steepest)
        }
        return (out, closing)
    }

    /// The toe-off that opens each walking run, by the run's first contact (step 4 of the method;
    /// docs/algorithms/final-contacts.md, "Gait initiation").
    ///
    /// Walking starts with the first swing foot leaving the ground (Jian et al. 1993, gait
    /// initiation); that foot makes the run's first contact. No contact precedes that toe-off, so
    /// the contralateral search of `finalContact` never sees it. Its push-off lifts the trunk: where
    /// a run of at least `closingStepMinRun` contacts starts (no contact within `maxStepSeconds`
    /// before it), the toe-off is the highest local maximum of `fineAv` (σ = 30 ms) reaching
    /// `openingToeOffMinPeakMps2` within `openingToeOffSearch` × the run's median step time
    /// before the first contact. On the Voisard set that peak lies within 100 ms of the reference
    /// toe-off in 75 of 80 trials (median +20 ms); the steepest rise before it, the criterion of
    /// ongoing walking, in 65.
    private func openingFinalContacts(_ contacts: [Int], fineAv: [Double]) -> [Int: Int] {
        let c = configuration, run = c.closingStepMinRun
        let maxGap = Int(c.maxStepSeconds * rate)
        var out = [Int: Int]()
        for k in contacts.indices where k + run <= contacts.count {
            let i = contacts[k]
            guard k == 0 || i - contacts[k - 1] > maxGap,
                  let step = Self.steadyStep(contacts, endingAt: k + 1...k + run - 1, maxGap: maxGap) else { continue }
            let lo = i - Int((c.openingToeOffSearch.upperBound * step).rounded())
            let hi = i - Int((c.openingToeOffSearch.lowerBound * step).rounded())
            guard lo >= 1, lo + 2 < hi else { continue }
            var best: Int?
            for j in (lo + 1)..<hi where fineAv[j] >= c.openingToeOffMinPeakMps2
                && fineAv[j] > fineAv[j - 1] && fineAv[j] >= fineAv[j + 1] {
                if best.map({ fineAv[j] > fineAv[$0] }) ?? true { best = j }
            }
            if let best { out[i] = best }
        }
        return out
    }

    /// The median step (samples) of a run of contacts: the intervals ending at the contacts
    /// `endingAt`, each from the contact before it; nil where one is longer than `maxGap` (the
    /// run is broken). Closing steps and opening toe-offs are searched in units of it.
    private static func steadyStep(_ contacts: [Int], endingAt range: ClosedRange<Int>, maxGap: Int) -> Double? {
        let intervals = range.map { Double(contacts[$0] - contacts[$0 - 1]) }
        return intervals.allSatisfy({ $0 <= Double(maxGap) }) ? Signal.median(intervals) : nil
    }

    /// The contralateral toe-off after the contact at `i` (and before the next contact), on `x`, the
    /// lightly smoothed vertical acceleration (step 4 of the method; docs/algorithms/final-contacts.md).
    ///
    /// The search starts after the contact's own impact peak (the first local maximum from `i`
    /// on) and `finalContactFromSeconds` after the contact, and ends `finalContactToSeconds` after
    /// it. Where the trailing limb's push-off makes a peak there, the toe-off is the steepest rise
    /// before it. Where it makes none (slow walkers: the upward acceleration of the impact only
    /// decays, with a shoulder at the toe-off), it is the shoulder: the local maximum of the slope
    /// that is highest. Both are maxima of the slope, McCamley's toe-off criterion (maxima of the
    /// second Gaussian-derivative transform of the integrated signal).
    private func finalContact(_ x: [Double], after i: Int, before next: Int) -> Int? {
        let c = configuration
        let end = Swift.min(next, i + Int(c.finalContactToSeconds * rate), x.count)
        var peak = Swift.max(i, 1)
        while peak + 1 < end && !(x[peak] >= x[peak - 1] && x[peak] > x[peak + 1]) { peak += 1 }
        let lo = Swift.max(peak + 1, i + Int(c.finalContactFromSeconds * rate))
        guard lo + 1 < end else { return nil }
        if let pushOff = Signal.peaks(Array(x[lo..<end])).max(by: { x[lo + $0] < x[lo + $1] }) {
            return steepestRise(x, before: lo + pushOff, notBefore: lo)
        }
        var shoulder: Int?
        for k in Swift.max(lo, 2)..<(end - 1) {
            let slope = x[k] - x[k - 1]
            guard slope >= x[k - 1] - x[k - 2], slope > x[k + 1] - x[k] else { continue }
            if shoulder.map({ slope > x[$0] - x[$0 - 1] }) ?? true { shoulder = k }
        }
        return shoulder
    }

    /// The sample of steepest rise of `x` in the `finalContactSlopeSeconds` before `peak` (and not
    /// before `notBefore`): the maximum of McCamley's second Gaussian-derivative transform nearest
    /// before the push-off peak. Toe-off starts the rise; the peak follows it by ≈ 30 ms.
    private func steepestRise(_ x: [Double], before peak: Int, notBefore: Int) -> Int {
        let from = Swift.max(notBefore, peak - Int((configuration.finalContactSlopeSeconds * rate).rounded()), 1)
        return from < peak ? Self.steepest(x, in: from...peak) : peak
    }

    /// The first sample of `range` whose rise from the sample before it is the largest
    /// (`range.lowerBound` ≥ 1).
    private static func steepest(_ x: [Double], in range: ClosedRange<Int>) -> Int {
        var best = range.lowerBound
        for j in range where x[j] - x[j - 1] > x[best] - x[best - 1] { best = j }
        return best
    }

    /// Per-sample left/right evidence in SD units (negative → left).
    private func sideEvidence(acc: [SIMD3<Double>], gyr: [SIMD3<Double>], frame: BodyFrame) -> [Double] {
        func standardised(_ y: [Double]) -> [Double] {
            let sd = Signal.standardDeviation(y)
            return sd > 0 ? y.map { $0 / sd } : y
        }
        if gyr.isEmpty {
            // The trunk's sideways velocity (left positive): it moves towards the foot that lands.
            let mlBand = ButterworthFilter(.bandPass(0.3, 1.5), order: 2, rate: rate)
            let highPass = ButterworthFilter(.highPass(configuration.stanceHighPassHz), order: 2, rate: rate)
            let velocity = highPass.integratedFiltfilt(mlBand.filtfilt(acc.map { dot($0, frame.left) }))
            return standardised(velocity).map { -$0 }
        }
        let band = ButterworthFilter(
            .bandPass(configuration.sideBandLowHz, configuration.sideBandHighHz), order: 2, rate: rate)
        let yaw = standardised(band.filtfilt(gyr.map { dot($0, frame.up) }))
        let roll = standardised(band.filtfilt(gyr.map { dot($0, frame.forward) }))
        return zip(yaw, roll).map { $0 - $1 }
    }

    /// Without a gyroscope, each contact's second side vote (negative → left), in units of the
    /// root mean square over the window's contacts: the trunk's sideways velocity change from
    /// `loadingImpulseStartSeconds` before the contact to `loadingImpulseEndSeconds` after it, of
    /// the lateral acceleration band-passed to `loadingImpulseBandLowHz`–`HighHz`. The landing leg
    /// pushes the trunk towards the midline as it takes the load, so after a left heel strike the
    /// trunk's velocity changes to the right. The band keeps out the sway and the gravity that the
    /// pelvis's roll tilts into the lateral axis, which can reverse the sideways velocity's vote
    /// (docs/algorithms/side.md, "The loading impulse"). Below 22 Hz the band's top is kept under
    /// the Nyquist frequency (0.45 × the rate); nil (no second vote) where the band no longer fits.
    private func loadingImpulses(acc: [SIMD3<Double>], frame: BodyFrame, contacts: [Int]) -> [Double]? {
        let c = configuration
        let top = ButterworthFilter.cutoff(c.loadingImpulseBandHighHz, belowNyquistAt: rate)
        guard top > c.loadingImpulseBandLowHz else { return nil }
        let band = ButterworthFilter(.bandPass(c.loadingImpulseBandLowHz, top), order: 2, rate: rate)
        let velocity = Signal.cumulativeIntegral(band.filtfilt(acc.map { dot($0, frame.left) }), rate: rate)
        let before = Int((c.loadingImpulseStartSeconds * rate).rounded()), after = Int((c.loadingImpulseEndSeconds * rate).rounded())
        let last = velocity.count - 1
        let change = contacts.map { i in velocity[Swift.min(last, i + after)] - velocity[Swift.max(0, i - before)] }
        let scale = (change.reduce(0) { $0 + $1 * $1 } / Double(Swift.max(change.count, 1))).squareRoot()
        return scale > 0 ? change.map { $0 / scale } : change
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
