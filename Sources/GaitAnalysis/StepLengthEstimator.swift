import GaitCore

/// Step length from the vertical excursion of the trunk: the inverted-pendulum model of
/// Zijlstra & Hof 2003 (Gait Posture 18(2):1–10, doi:10.1016/S0966-6362(02)00190-X),
/// SL_pendulum = 2·√(2·l·h − h²), l the pendulum length (sensor height), h the excursion.
///
/// The pendulum only describes single support. During double support the trunk moves forward
/// with little vertical motion, which is why the model underestimates step length and needs a
/// correction (1.25 in Zijlstra & Hof's follow-up code, 1.147 in mobgap). González et al. 2007
/// (EMBC, doi:10.1109/IEMBS.2007.4352331) add the double-support distance explicitly: at a nearly
/// constant speed over the step, the pendulum covers the fraction (1 − ds/T) of the step, so
/// SL = SL_pendulum / (1 − ds/T). We use the typical healthy double support at the walking speed,
/// not the one measured from our own toe-offs: a toe-off 50 ms off moves ds/T by 0.1 and the step
/// length by 15 %, and in asymmetric gait our toe-offs run late (simulated: ds/T 0.51–0.56 measured
/// against 0.236). ds/T = 0.24 at 1.2325 m/s (stance 61.7 % of the cycle, Iosa et al. 2013,
/// doi:10.1155/2013/918642; the median of the 80 Voisard trials' reference events is 0.236 at
/// their mean speed, 1.2325 m/s), falling by 0.07 per m/s faster: stance shortens by 3.5 % of the
/// cycle per m/s (Kirtley C, Whittle MW, Jefferson RJ. Influence of walking speed on gait
/// parameters. J Biomed Eng 1985;7(4):282–288. doi:10.1016/0141-5425(85)90055-X), and each of
/// its two double supports with it (the Voisard reference events, against the speeds we measure,
/// give −0.063 per m/s). The speed is the step's own, SL / T, so SL solves
/// SL·(1 − ds(SL/T)) = SL_pendulum, a quadratic. Against a fixed 0.24
/// (docs/algorithms/step-length.md): Voisard walked-distance error 5.7 → 4.9 %, straight strides
/// against the foot sensors 8.74 → 7.74 cm; simulated grid MAE 2.76 → 2.50 cm, with the
/// simulator's double support following the same relation (`GaitPhases`).
///
/// Left and right: the pendulum excursion of one step is bounded by double-support low points it
/// shares with its neighbours, so the model measures a stride's length but barely sees how the
/// stride splits between a longer and a shorter step (the known blind spot of the model in
/// asymmetric gait; Köse et al. 2012, doi:10.1186/1743-0003-9-9, integrate forward acceleration
/// instead). `stepLength(_:stepTimeS:splitM:)` therefore takes the mean step length of the stride
/// from the pendulum and gives each step its time's share of it at the stride's mean speed plus
/// the forward displacement it gained or lost against that speed: the trunk's travel from contact
/// to contact, SL = SL_stride · T / T_stride + Δx (`StepGeometry`, `TrunkPathIntegrator`). A step
/// is heel to heel, and the trunk's travel between the contacts is that only where every foot
/// lands as far ahead of the trunk as the others; from passing over one foot to passing over the
/// next (the tops of its path) the trunk travels the step exactly. So the event stage adds the
/// difference, pooled over neighbouring steps and shared out so that each stride keeps its length
/// (`apexShift`, `ContactSequencer`; docs/algorithms/step-length.md, "Where the feet are").
public struct ZijlstraStepLengthEstimator: Hashable, Sendable {
    /// Pendulum length, m.
    public var sensorHeightM: Double
    /// Double-support fraction of a step at `referenceSpeedMps` (stance ≈ 62 % of the cycle →
    /// each double support ≈ 12 % of the cycle = 24 % of a step; Iosa et al. 2013).
    public var doubleSupportFraction = 0.24
    /// The walking speed at which `doubleSupportFraction` holds, m/s.
    public var referenceSpeedMps = GaitPhases.referenceSpeedMps
    /// How much the double-support fraction of a step falls per m/s faster: a step is half the
    /// cycle, so twice the cycle's (`GaitPhases.stanceSlopePerMps`; Kirtley et al. 1985).
    public var doubleSupportSlopePerMps = 2 * GaitPhases.stanceSlopePerMps

    public init(sensorHeightM: Double) { self.sensorHeightM = sensorHeightM }

    /// The double-support fraction of a step at walking speed `v`, m/s.
    public func doubleSupportFraction(speedMps v: Double) -> Double {
        doubleSupportFraction - doubleSupportSlopePerMps * (v - referenceSpeedMps)
    }

    /// Step length, m, of a step lasting `stepTimeS` whose trunk rises by `h` over it, or nil when
    /// the excursion is not physical for this pendulum.
    ///
    /// The pendulum's chord P is the single-support part of the step: SL·(1 − ds) = P with
    /// ds = d₀ + k·v₀ − k·SL/T, so (k/T)·SL² + a·SL − P = 0 with a = 1 − d₀ − k·v₀ > 0, whose
    /// positive root is 2P / (a + √(a² + 4(k/T)P)) (the form without cancellation).
    public func stepLength(verticalExcursionM h: Double, stepTimeS t: Double) -> Double? {
        let l = sensorHeightM
        guard h > 0, h < l, t > 0 else { return nil }
        let chord = 2 * (2 * l * h - h * h).squareRoot()
        let a = 1 - doubleSupportFraction - doubleSupportSlopePerMps * referenceSpeedMps
        let b = doubleSupportSlopePerMps / t
        return 2 * chord / (a + (a * a + 4 * b * chord).squareRoot())
    }

    /// Step length, m, of a step whose trunk path is `g`: the stride's mean step length from the
    /// pendulum, scaled by this step's share of the stride's time, plus the forward deviation
    /// (the trunk's travel from contact to contact), plus `splitM`, the share of its stride this
    /// foot's steps take beyond that travel (`apexShift`, pooled over neighbouring steps by the
    /// event stage). nil when the pendulum gives nothing or the result is not positive.
    public func stepLength(_ g: StepGeometry, stepTimeS: Double, splitM: Double = 0) -> Double? {
        guard stepTimeS > 0, let mean = stepLength(verticalExcursionM: g.strideExcursionM, stepTimeS: g.strideStepTimeS)
        else { return nil }
        let length = mean * stepTimeS / g.strideStepTimeS + g.forwardDeviationM + splitM
        return length > 0 ? length : nil
    }

    /// How much further the trunk travels between passing over the two feet of a step than
    /// between the step's contacts, m: from the top of its path in the step `g` (over the foot
    /// left behind) to the top in `next` (over the foot that landed at the step's contact), at
    /// the stride's mean speed from the pendulum plus the forward deviation between the two
    /// instants, minus the same from contact to contact. The feet are a step length apart
    /// wherever the trunk is at the contacts; so this is what the contacts miss when a step's
    /// extra length comes from where the foot lands rather than from where the trunk is
    /// (docs/algorithms/step-length.md). nil when the pendulum gives nothing.
    public func apexShift(_ g: StepGeometry, next: StepGeometry) -> Double? {
        guard let mean = stepLength(verticalExcursionM: g.strideExcursionM, stepTimeS: g.strideStepTimeS) else { return nil }
        let speed = mean / g.strideStepTimeS
        return speed * (next.apexS - g.apexS) + next.forwardToApexM - g.forwardToApexM
    }
}
