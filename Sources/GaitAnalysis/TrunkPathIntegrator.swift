import GaitCore
import GaitDSP

/// The trunk's path over each step, found by integrating one analysis window's acceleration: the
/// inputs of `ZijlstraStepLengthEstimator` (docs/algorithms/step-length.md).
///
/// - Vertical position: vertical acceleration high-passed (2nd-order Butterworth, zero phase),
///   integrated twice with a high-pass after each integration (as mobgap's `SlZijlstra`).
///   A step's excursion is its highest point minus the mean of the double-support low points at
///   either end (each searched up to half the step beyond the contact, where the trunk bottoms
///   out). Taking the lower of the two instead, as max − min between the contacts does, gives both
///   steps of an asymmetric stride the deeper low point of the longer step.
/// - Forward velocity about the local mean speed: forward acceleration high-passed, integrated
///   and high-passed again; its integral over a step is how much further (or less far) the trunk
///   went than it would have at the mean speed (the direct integration of Köse, Cereatti & Della
///   Croce 2012, doi:10.1186/1743-0003-9-9, used here only for that deviation; the mean speed
///   comes from the pendulum model, which drifts nowhere).
/// - The apex: where in the step the trunk is highest, passing over the stance foot, and the
///   forward deviation up to it. Found on a vertical path high-passed at the forward velocity's
///   cut-off (`forwardVelocityHighPassHz`): where a step's extra length comes from alternates
///   from step to step, a pattern at the stride frequency, which the 0.5 Hz path halves at slow
///   walking (simulated 20 % asymmetry at 0.5 m/s read 12 % on it, 19–21 % at 0.2–0.3 Hz). The
///   vertex of a parabola fitted within `apexFitHalfWidth` of the step around the highest sample.
/// - The previous step of the same chain, when its contact is this step's opening contact, makes
///   the stride over which excursion and step time are averaged (see `StepGeometry`).
///
/// State: the last step's contact, duration and excursion, so a stride can span two windows.
/// Windows fall on sample indices, so the result does not depend on how the input was chunked.
/// O(n) per window of n samples.
struct TrunkPathIntegrator {
    let rate: Double
    private let verticalHighPass: ButterworthFilter
    private let forwardHighPass: ButterworthFilter
    private let apexFitHalfWidth: Double
    private var last: (index: Int, samples: Int, excursionM: Double)?

    init(configuration: AnalysisConfiguration, rate: Double) {
        self.rate = rate
        apexFitHalfWidth = configuration.apexFitHalfWidth
        verticalHighPass = ButterworthFilter(.highPass(configuration.displacementHighPassHz), order: 2, rate: rate)
        forwardHighPass = ButterworthFilter(.highPass(configuration.forwardVelocityHighPassHz), order: 2, rate: rate)
    }

    /// Sets `stepGeometry` on every candidate that has a previous contact in the window.
    /// `acc` is the window's acceleration, `offset` the segment index of its first sample.
    mutating func annotate(_ candidates: inout [ContactCandidate], acc: [SIMD3<Double>], offset: Int) {
        guard let frame = candidates.first?.features.frame else { return }
        let vertical = frame.verticalAcceleration(acc)
        let position = verticalHighPass.integratedFiltfilt(verticalHighPass.integratedFiltfilt(verticalHighPass.filtfilt(vertical)))
        // The apexes: on a path that keeps the stride frequency.
        let apexPath = forwardHighPass.integratedFiltfilt(forwardHighPass.integratedFiltfilt(forwardHighPass.filtfilt(vertical)))
        let velocity = forwardHighPass.integratedFiltfilt(forwardHighPass.filtfilt(acc.map { dot($0, frame.forward) }))
        let forward = Signal.cumulativeIntegral(velocity, rate: rate)
        for k in candidates.indices {
            let c = candidates[k]
            guard let previous = c.previousIndex, previous - offset >= 0, previous < c.index, c.index - offset < acc.count else {
                last = nil
                continue
            }
            let start = previous - offset
            let end = c.index - offset
            let samples = end - start
            let excursion = Self.excursion(position, from: start, to: end)
            var stride = (excursion: excursion, samples: Double(samples))
            if let p = last, abs(p.index - previous) <= 1, (0.5...2).contains(Double(p.samples) / Double(samples)) {
                stride = ((p.excursionM + excursion) / 2, Double(p.samples + samples) / 2)
            }
            let highest = Signal.argmax(apexPath, in: start..<(end + 1))!
            let apex = Self.fittedVertex(apexPath, at: highest, halfWidth: Swift.max(1, Int(apexFitHalfWidth * Double(samples))),
                                         within: start...end)
            candidates[k].stepGeometry = StepGeometry(
                verticalExcursionM: excursion, strideExcursionM: stride.excursion, strideStepTimeS: stride.samples / rate,
                forwardDeviationM: forward[end] - forward[start], apexS: (apex - Double(start)) / rate,
                forwardToApexM: Signal.interpolate(forward, at: apex) - forward[start])
            last = (c.index, samples, excursion)
        }
    }

    /// Highest point between the contacts minus the mean of the low points around them, m.
    static func excursion(_ z: [Double], from start: Int, to end: Int) -> Double {
        let half = (end - start) / 2
        let top = Signal.argmax(z, in: start..<(end + 1))!
        let before = z[Swift.max(0, start - half)...top].min()!
        let after = z[top...Swift.min(z.count - 1, end + half)].min()!
        return z[top] - (before + after) / 2
    }

    /// The top of the trunk's path near index `i`, in (fractional) samples: the vertex of the
    /// least-squares parabola through the samples within `halfWidth` of `i` (and inside
    /// `within`); `i` itself where they do not curve down. Near its top the pendulum's path is a
    /// parabola (z ≈ −ξ²/2l at nearly constant speed), and a fit over many samples is steadier
    /// than the highest sample, whose place on a flat top the trunk's stride-to-stride
    /// variation moves.
    static func fittedVertex(_ z: [Double], at i: Int, halfWidth w: Int, within r: ClosedRange<Int>) -> Double {
        let lo = Swift.max(r.lowerBound, i - w), hi = Swift.min(r.upperBound, i + w)
        guard hi - lo >= 2 else { return Double(i) }
        // z ≈ c0 + c1·u + c2·u², u = k − i: normal equations by Cramer's rule.
        var s = [Double](repeating: 0, count: 5), t = [Double](repeating: 0, count: 3)
        for k in lo...hi {
            let u = Double(k - i)
            var p = 1.0
            for m in 0..<5 {
                s[m] += p
                if m < 3 { t[m] += p * z[k] }
                p *= u
            }
        }
        func det(_ a: [Double]) -> Double {
            a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6])
        }
        let d = det([s[0], s[1], s[2], s[1], s[2], s[3], s[2], s[3], s[4]])
        guard d != 0 else { return Double(i) }
        let c1 = det([s[0], t[0], s[2], s[1], t[1], s[3], s[2], t[2], s[4]]) / d
        let c2 = det([s[0], s[1], t[0], s[1], s[2], t[1], s[2], s[3], t[2]]) / d
        guard c2 < 0 else { return Double(i) }
        return Double(i) + Swift.max(Double(lo - i), Swift.min(Double(hi - i), -c1 / (2 * c2)))
    }
}
