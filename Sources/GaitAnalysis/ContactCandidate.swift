/// One initial contact found by `WindowContactDetector`, with what later stages need about it.
/// Indices count samples from the start of the segment.
public struct ContactCandidate: Hashable, Sendable {
    /// The initial contact.
    public var index: Int
    /// The contralateral final contact (toe-off) that follows this contact, when found.
    public var finalContactAfter: Int?
    /// Signed left/right evidence, −1...1: negative means a left contact.
    public var sideEvidence: Double
    /// The previous contact as seen from the same window, and the vertical excursion of the
    /// trunk (max − min of vertical position, m) between it and this contact.
    public var previousIndex: Int?
    public var verticalExcursionM: Double?
    /// Features of the walking around this contact (window-level or per stride).
    public var features: WindowFeatures
    /// Harmonic ratios of the stride starting at this contact (V, AP, ML), when it fits.
    public var harmonicRatios: SIMD3<Double>?
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
