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
    private var last: (index: Int, samples: Int, excursionM: Double)?

    init(configuration: AnalysisConfiguration, rate: Double) {
        self.rate = rate
        verticalHighPass = ButterworthFilter(.highPass(configuration.displacementHighPassHz), order: 2, rate: rate)
        forwardHighPass = ButterworthFilter(.highPass(configuration.forwardVelocityHighPassHz), order: 2, rate: rate)
    }

    /// Sets `stepGeometry` on every candidate that has a previous contact in the window.
    /// `acc` is the window's acceleration, `offset` the segment index of its first sample.
    mutating func annotate(_ candidates: inout [ContactCandidate], acc: [SIMD3<Double>], offset: Int) {
        guard let frame = candidates.first?.features.frame else { return }
        let vertical = frame.verticalAcceleration(acc)
        let position = verticalHighPass.integratedFiltfilt(verticalHighPass.integratedFiltfilt(verticalHighPass.filtfilt(vertical)))
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
            candidates[k].stepGeometry = StepGeometry(
                verticalExcursionM: excursion, strideExcursionM: stride.excursion, strideStepTimeS: stride.samples / rate,
                forwardDeviationM: forward[end] - forward[start])
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
}
