/// Step length from the vertical excursion of the trunk: the inverted-pendulum model of
/// Zijlstra & Hof 2003 (Gait Posture 18(2):1–10, doi:10.1016/S0966-6362(02)00190-X),
/// SL_pendulum = 2·√(2·l·h − h²), l the pendulum length (sensor height), h the excursion.
///
/// The pendulum only describes single support. During double support the trunk moves forward
/// with little vertical motion, which is why the model underestimates step length and needs a
/// correction (1.25 in Zijlstra & Hof's follow-up code, 1.147 in mobgap). González et al. 2007
/// (EMBC, doi:10.1109/IEMBS.2007.4352331) add the double-support distance explicitly: at a nearly
/// constant speed over the step, the pendulum covers the fraction (1 − ds/T) of the step, so
/// SL = SL_pendulum / (1 − ds/T). We use the typical healthy double support, ds/T = 0.24 (stance
/// 61.7 % of the cycle, Iosa et al. 2013, doi:10.1155/2013/918642; the median of the 80 Voisard
/// trials' reference events is 0.236), not the one measured from our own toe-offs: a toe-off
/// 50 ms off moves ds/T by 0.1 and the step length by 15 %, and in asymmetric gait our toe-offs
/// run late (simulated: ds/T 0.51–0.56 measured against 0.236). The measured fraction against the
/// fixed one (docs/algorithms/step-length.md): simulated grid MAE 4.25 → 2.76 cm, Voisard
/// walked-distance error 7.2 → 5.7 %; each Voisard trial's reference double support would not
/// have helped (5.8 %).
///
/// Left and right: the pendulum excursion of one step is bounded by double-support low points it
/// shares with its neighbours, so the model measures a stride's length but barely sees how the
/// stride splits between a longer and a shorter step (the known blind spot of the model in
/// asymmetric gait; Köse et al. 2012, doi:10.1186/1743-0003-9-9, integrate forward acceleration
/// instead). `stepLength(_:stepTimeS:)` therefore takes the mean step length of
/// the stride from the pendulum and gives each step its time's share of it at the stride's mean
/// speed plus the forward displacement it gained or lost against that speed:
/// SL = SL_stride · T / T_stride + Δx (`StepGeometry`, `TrunkPathIntegrator`).
public struct ZijlstraStepLengthEstimator: Hashable, Sendable {
    /// Pendulum length, m.
    public var sensorHeightM: Double
    /// Double-support fraction of a step (stance ≈ 62 % of the cycle → each double support ≈ 12 %
    /// of the cycle = 24 % of a step; Iosa et al. 2013).
    public var doubleSupportFraction = 0.24

    public init(sensorHeightM: Double) { self.sensorHeightM = sensorHeightM }

    /// Step length, m, or nil when the excursion is not physical for this pendulum.
    public func stepLength(verticalExcursionM h: Double) -> Double? {
        let l = sensorHeightM
        guard h > 0, h < l else { return nil }
        let pendulum = 2 * (2 * l * h - h * h).squareRoot()
        return pendulum / (1 - doubleSupportFraction)
    }

    /// Step length, m, of a step whose trunk path is `g`: the stride's mean step length from the
    /// pendulum, scaled by this step's share of the stride's time, plus the forward deviation.
    /// nil when the pendulum gives nothing or the result is not positive.
    public func stepLength(_ g: StepGeometry, stepTimeS: Double) -> Double? {
        guard g.strideStepTimeS > 0, stepTimeS > 0, let mean = stepLength(verticalExcursionM: g.strideExcursionM)
        else { return nil }
        let length = mean * stepTimeS / g.strideStepTimeS + g.forwardDeviationM
        return length > 0 ? length : nil
    }
}
