import GaitCore

/// Running sums from which a bout's or a recording's `GaitMeasures` are computed. Bounded
/// state: no per-step storage, so a week-long recording costs the same memory as a minute.
struct MeasuresAccumulator {
    private struct Moments {
        var n = 0.0, sum = 0.0, sumSq = 0.0
        mutating func add(_ x: Double?) { guard let x, x.isFinite else { return }; n += 1; sum += x; sumSq += x * x }
        mutating func merge(_ o: Moments) { n += o.n; sum += o.sum; sumSq += o.sumSq }
        var mean: Double? { n > 0 ? sum / n : nil }
        var sd: Double? { n > 1 ? Swift.max(0, (sumSq - sum * sum / n) / (n - 1)).squareRoot() : nil }
        /// Standard error of the mean.
        var se: Double? { sd.map { $0 / n.squareRoot() } }
    }

    private var steps = 0
    private var stepTime = Moments(), stepLength = Moments(), strideTime = Moments()
    private var strideLength = Moments(), speed = Moments()
    private var stepTimeBySide = [Moments(), Moments()], stepLengthBySide = [Moments(), Moments()]
    /// Each step's length with its own apex shift instead of the pooled split (`ContactSequencer`),
    /// by side: the scatter from which the step-length sides' standard errors come, so that the
    /// split's own uncertainty is in them (the pooled values share it between neighbours).
    private var unpooledStepLengthBySide = [Moments(), Moments()]
    private var stanceBySide = [Moments(), Moments()]
    private var regularity = [Moments(), Moments(), Moments(), Moments()]
    private var harmonic = [Moments(), Moments(), Moments()]
    private var rms = [Moments(), Moments(), Moments()]
    private var stepFrequency = Moments()
    private var straightSteps = 0
    private var impactBySide = [Moments(), Moments()], lateralBySide = [Moments(), Moments()]
    private var straightStepTimeBySide = [Moments(), Moments()]
    private var rollRange = Moments(), yawRange = Moments()
    private var givingWay = [0, 0]
    private var sideConfidence = BinnedMedian(lower: 0.5, upper: 1)
    /// |T_i − T_(i−2)| / mean(T_i, T_(i−2)) of each step whose foot's previous step in the same
    /// bout has a step time too (0–2).
    private var stepTimeChange = BinnedMedian(lower: 0, upper: 2)
    /// Bout and step time of the last two steps, for `stepTimeChange`.
    private var lastSteps: [(bout: Int?, stepTimeS: Double?)] = []
    /// Timing resolution, s: one sample.
    let resolutionS: Double

    init(resolutionS: Double) { self.resolutionS = resolutionS }

    /// `unpooledStepLengthM`: the step's length with its own apex shift, where it has one.
    mutating func add(step: Step, features: WindowFeatures, harmonicRatios: SIMD3<Double>?, stance: StanceFeatures?,
                      unpooledStepLengthM: Double? = nil) {
        steps += 1
        stepTime.add(step.stepTimeS)
        stepLength.add(step.stepLengthM)
        if let side = step.side {
            stepTimeBySide[side.slot].add(step.stepTimeS)
            stepLengthBySide[side.slot].add(step.stepLengthM)
            if step.stepLengthM != nil { unpooledStepLengthBySide[side.slot].add(unpooledStepLengthM ?? step.stepLengthM) }
        }
        for (i, v) in [features.stepRegularityV, features.strideRegularityV,
                       features.stepRegularityAP, features.strideRegularityAP].enumerated() { regularity[i].add(v) }
        if let h = harmonicRatios { for i in 0..<3 { harmonic[i].add(h[i]) } }
        if let r = features.rms { for i in 0..<3 { rms[i].add(r[i]) } }
        stepFrequency.add(features.dominantStepFrequencyHz)
        if let stance, stance.isStraight {
            straightSteps += 1
            rollRange.add(stance.rollRangeDeg)
            yawRange.add(stance.yawRangeDeg)
            if let side = step.side {
                impactBySide[side.slot].add(stance.impactPeakMps2)
                straightStepTimeBySide[side.slot].add(step.stepTimeS)
                lateralBySide[side.slot].add(stance.lateralExcursion(towards: side))
            }
        }
        if step.givingWayCandidate, let side = step.side { givingWay[side.slot] += 1 }
        if let c = step.sideConfidence { sideConfidence.add(c) }
        if lastSteps.count == 2, let t = step.stepTimeS, let before = lastSteps[0].stepTimeS,
           lastSteps[0].bout == step.bout, t + before > 0 {
            stepTimeChange.add(abs(t - before) / (0.5 * (t + before)))
        }
        lastSteps.append((step.bout, step.stepTimeS))
        if lastSteps.count > 2 { lastSteps.removeFirst() }
    }

    /// Adds a bout's sums: the recording's total is the merge of the bouts it keeps.
    mutating func merge(_ o: MeasuresAccumulator) {
        steps += o.steps
        for (a, b) in [(\Self.stepTime, o.stepTime), (\.stepLength, o.stepLength), (\.strideTime, o.strideTime),
                       (\.strideLength, o.strideLength), (\.speed, o.speed), (\.stepFrequency, o.stepFrequency),
                       (\.rollRange, o.rollRange), (\.yawRange, o.yawRange)] as [(WritableKeyPath<Self, Moments>, Moments)] {
            self[keyPath: a].merge(b)
        }
        for (a, b) in [(\Self.stepTimeBySide, o.stepTimeBySide), (\.stepLengthBySide, o.stepLengthBySide),
                       (\.unpooledStepLengthBySide, o.unpooledStepLengthBySide),
                       (\.stanceBySide, o.stanceBySide), (\.regularity, o.regularity), (\.harmonic, o.harmonic), (\.rms, o.rms),
                       (\.impactBySide, o.impactBySide), (\.lateralBySide, o.lateralBySide),
                       (\.straightStepTimeBySide, o.straightStepTimeBySide)] as [(WritableKeyPath<Self, [Moments]>, [Moments])] {
            for i in b.indices { self[keyPath: a][i].merge(b[i]) }
        }
        straightSteps += o.straightSteps
        givingWay[0] += o.givingWay[0]
        givingWay[1] += o.givingWay[1]
        sideConfidence.merge(o.sideConfidence)
        stepTimeChange.merge(o.stepTimeChange)
    }

    mutating func add(stride: Stride) {
        strideTime.add(stride.strideTimeS)
        strideLength.add(stride.strideLengthM)
        speed.add(stride.speedMps)
        if let side = stride.side { stanceBySide[side.slot].add(stride.stanceTimeS) }
    }

    /// Left/right asymmetry where both sides have at least two values; the longer side is named
    /// only when the difference exceeds twice its standard error and the resolution.
    /// `spread`: the values whose scatter gives the standard errors, where not `sides` themselves.
    private static func asymmetry(_ sides: [Moments], resolution: Double, spread: [Moments]? = nil) -> Asymmetry? {
        guard sides[0].n >= 2, sides[1].n >= 2, let l = sides[0].mean, let r = sides[1].mean else { return nil }
        let errors = spread ?? sides
        let se = ((errors[0].se ?? 0) * (errors[0].se ?? 0) + (errors[1].se ?? 0) * (errors[1].se ?? 0)).squareRoot()
        return Asymmetry(left: l, right: r, resolution: Swift.max(2 * se, resolution), leftSE: errors[0].se, rightSE: errors[1].se)
    }

    var measures: GaitMeasures {
        var m = GaitMeasures()
        m.nSteps = steps
        m.stepTimeS = stepTime.mean
        m.cadenceSpm = stepTime.mean.map { 60 / $0 }
        m.stepLengthM = stepLength.mean
        m.strideTimeS = strideTime.mean
        m.strideLengthM = strideLength.mean
        m.speedMps = speed.mean
        m.stepTimeAsymmetry = Self.asymmetry(stepTimeBySide, resolution: resolutionS)
        m.stepLengthAsymmetry = Self.asymmetry(stepLengthBySide, resolution: 0.01, spread: unpooledStepLengthBySide)
        m.stanceTimeAsymmetry = Self.asymmetry(stanceBySide, resolution: resolutionS)
        if strideTime.n >= 3, let sd = strideTime.sd, let mean = strideTime.mean { m.strideTimeCVPct = 100 * sd / mean }
        m.stepRegularityV = regularity[0].mean
        m.strideRegularityV = regularity[1].mean
        m.stepRegularityAP = regularity[2].mean
        m.strideRegularityAP = regularity[3].mean
        m.harmonicRatioV = harmonic[0].mean
        m.harmonicRatioAP = harmonic[1].mean
        m.harmonicRatioML = harmonic[2].mean
        m.rmsAccV = rms[0].mean
        m.rmsAccAP = rms[1].mean
        m.rmsAccML = rms[2].mean
        m.spectralCadenceSpm = stepFrequency.mean.map { 60 * $0 }
        m.nStraightSteps = straightSteps
        m.straightStepTimeAsymmetry = Self.asymmetry(straightStepTimeBySide, resolution: resolutionS)
        m.impactAsymmetry = Self.asymmetry(impactBySide, resolution: 0.05)
        m.lateralExcursionAsymmetry = Self.asymmetry(lateralBySide, resolution: 0.001)
        m.pelvisRollRangeDeg = rollRange.mean
        m.pelvisYawRangeDeg = yawRange.mean
        m.givingWayCandidates = givingWay[0] + givingWay[1]
        m.givingWayCandidatesLeft = givingWay[0]
        m.givingWayCandidatesRight = givingWay[1]
        m.sideConfidenceMedian = sideConfidence.median
        m.stepTimeChangeMedian = stepTimeChange.median
        return m
    }
}

/// Values in `lower...upper` counted in steps of `step`, so that their median costs the same
/// memory for a minute as for a week: the median of the values rounded to the nearest step
/// (values outside the range count at its ends). Used for `side_confidence` (0.5–1; 1 stays 1,
/// the value of a step whose nine neighbours all agree) and the step-time change (0–2).
struct BinnedMedian {
    static let step = 0.005
    let lower: Double
    private var counts: [Int]
    private var n = 0

    init(lower: Double, upper: Double) {
        self.lower = lower
        counts = [Int](repeating: 0, count: Int(((upper - lower) / Self.step).rounded()) + 1)
    }

    mutating func merge(_ o: BinnedMedian) {
        precondition(o.lower == lower && o.counts.count == counts.count, "merging different ranges")
        for i in counts.indices { counts[i] += o.counts[i] }
        n += o.n
    }

    mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        let i = Int(((value - lower) / Self.step).rounded())
        counts[Swift.min(Swift.max(i, 0), counts.count - 1)] += 1
        n += 1
    }

    /// Median of the rounded values (the mean of the two middle ones when their number is even);
    /// nil when none was added.
    var median: Double? {
        guard n > 0 else { return nil }
        func value(at rank: Int) -> Double {
            var below = 0
            for (i, c) in counts.enumerated() {
                below += c
                if below > rank { return lower + Double(i) * Self.step }
            }
            return lower + Double(counts.count - 1) * Self.step
        }
        return 0.5 * (value(at: (n - 1) / 2) + value(at: n / 2))
    }
}

private extension Side {
    /// Index of this side in the accumulator's per-side pairs: left 0, right 1.
    var slot: Int { self == .left ? 0 : 1 }
}
