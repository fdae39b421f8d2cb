/// One initial contact found by `WindowContactDetector`, with what later stages need about it.
/// Indices count samples from the start of the segment.
public struct ContactCandidate: Hashable, Sendable {
    /// The initial contact.
    public var index: Int
    /// The contralateral final contact (toe-off) that follows this contact, when found.
    public var finalContactAfter: Int?
    /// Signed left/right evidence, −1...1: negative means a left contact.
    public var sideEvidence: Double
    /// The previous contact as seen from the same window.
    public var previousIndex: Int?
    /// Features of the walking around this contact (window-level or per stride).
    public var features: WindowFeatures
    /// Harmonic ratios of the stride starting at this contact (V, AP, ML), when it fits.
    public var harmonicRatios: SIMD3<Double>?
    /// The trunk's path over the step ending at this contact (`TrunkPathIntegrator`): the input
    /// of step length.
    public var stepGeometry: StepGeometry? = nil
    /// The impact at this contact and the stance that follows it (`StanceFeatureExtractor`).
    public var stance: StanceFeatures? = nil
    /// The closing step of a walking run, found after the run's last ordinary contact: the foot
    /// set down beside the other as walking stops. It has a time and a side, but no step length
    /// (the pendulum model describes steps of ongoing walking, and a closing step ends with the
    /// feet side by side) and no stance features.
    public var closesWalking = false
    /// Where this contact opens a walking run: the toe-off of the same foot that started walking
    /// (gait initiation), before this contact; the `fc_s` of the run's first step.
    public var openingFinalContact: Int? = nil
}

/// What the trunk's path says about one step (from `previousIndex` to the contact): the inputs
/// of `ZijlstraStepLengthEstimator`.
///
/// The pendulum model sees a stride's length well but not how it splits between the two steps:
/// the trunk's low points in double support are shared by the adjacent steps. So excursion and
/// step time are also averaged over the stride made of this step and the one before it, and the
/// split comes from where the trunk passes over each foot: the top of its path in each single
/// support (`apexS`), and the forward velocity between those passes.
public struct StepGeometry: Hashable, Sendable {
    /// Vertical excursion of the trunk over the step: its highest point minus the mean of the
    /// double-support low points at either end, m.
    public var verticalExcursionM: Double
    /// Mean excursion of this step and the one before it, m (this step's alone where the one
    /// before is unknown).
    public var strideExcursionM: Double
    /// Mean step time of this step and the one before it, s (likewise).
    public var strideStepTimeS: Double
    /// Forward displacement of the trunk during the step beyond what the local mean speed would
    /// give, m (negative: less far).
    public var forwardDeviationM: Double
    /// When the trunk is highest in the step, s after its opening contact: mid single support,
    /// the trunk over the stance foot (the foot that landed at the opening contact).
    public var apexS: Double
    /// The part of `forwardDeviationM` from the opening contact to the apex, m.
    public var forwardToApexM: Double

    public init(verticalExcursionM: Double, strideExcursionM: Double, strideStepTimeS: Double, forwardDeviationM: Double,
                apexS: Double, forwardToApexM: Double) {
        self.verticalExcursionM = verticalExcursionM
        self.strideExcursionM = strideExcursionM
        self.strideStepTimeS = strideStepTimeS
        self.forwardDeviationM = forwardDeviationM
        self.apexS = apexS
        self.forwardToApexM = forwardToApexM
    }
}

/// Signal features of the walking inside one analysis window.
public struct WindowFeatures: Hashable, Sendable {
    public var stepRegularityV: Double?
    public var strideRegularityV: Double?
    public var stepRegularityAP: Double?
    public var strideRegularityAP: Double?
    public var dominantStepFrequencyHz: Double?
    /// RMS of dynamic acceleration along up, forward, left.
    public var rms: SIMD3<Double>?
    public var frame: BodyFrame

    public init(frame: BodyFrame) { self.frame = frame }
}
