import GaitCore

/// Every parameter of the analysis, in physical units, with its default and the reason for it.
/// Values, so a configuration can be stored beside the results it produced.
public struct AnalysisConfiguration: Hashable, Sendable {
    // MARK: Windowing (GaitAnalyzer)

    /// Length of the analysis window. Long enough for several strides and for the 0.5 Hz
    /// band-pass filters to settle; short enough that sensor tilt is constant within it.
    public var windowSeconds = 40.0
    /// Samples this close to either end of an interior window are analysed but their events are
    /// taken from the neighbouring window, where they lie in the interior (overlap-save). Must
    /// exceed the longest filter transient (0.5 Hz high-pass: ≈ 2 s) and the longest step.
    public var marginSeconds = 6.0

    // MARK: Initial contacts (McCamley et al. 2012, refined as Zijlstra & Hof 2003)

    /// σ of the Gaussian that smooths vertical acceleration before looking for contacts. The
    /// smoothed upward acceleration peaks 40–50 ms after heel strike (measured on the Voisard
    /// reference data, docs/algorithms/initial-contacts.md).
    public var contactSmoothingSeconds = 0.08
    /// Contacts closer than this are one contact (fastest running cadence ≈ 240 steps/min).
    public var minStepSeconds = 0.25
    /// A smoothed upward acceleration peak must reach this, m/s² (rest noise is ~0.02 m/s²;
    /// slow walking at 0.5 m/s peaks near 1 m/s²).
    public var minContactPeakMps2 = 0.4
    /// …and this fraction of the median of the larger half of the window's peaks.
    public var relativeContactPeak = 0.2
    /// The contact is the forward-acceleration peak in this window around the vertical peak
    /// (Zijlstra & Hof 2003: heel strike coincides with peak forward trunk acceleration).
    public var refineFromSeconds = -0.12
    public var refineToSeconds = 0.02
    /// Low-pass applied to forward acceleration before refining, Hz.
    public var refineLowPassHz = 15.0

    // MARK: Final contacts

    /// The contralateral toe-off is the second peak of vertical acceleration after a contact,
    /// searched in this window after it (push-off of the trailing limb).
    public var finalContactFromSeconds = 0.08
    public var finalContactToSeconds = 0.30
    public var finalContactSmoothingSeconds = 0.03

    // MARK: Left/right (McCamley 2012; Ullrich et al. 2021 combined axes)

    /// Band for the gyroscope (or mediolateral acceleration) sign test, Hz: around the stride
    /// frequency, above turning.
    public var sideBandLowHz = 0.5
    public var sideBandHighHz = 2.0
    /// Contacts on each side whose evidence is pooled, respecting alternation.
    public var sideVoteRadius = 4

    // MARK: Bouts (Mobilise-D assembly, Kluge et al. 2021)

    /// A pause longer than this between two contacts ends the bout.
    public var maxStepSeconds = 2.0
    /// A bout holds at least this many contacts (four strides need nine).
    public var minBoutContacts = 9

    // MARK: Step length (Zijlstra & Hof 2003 with a double-support correction)

    /// High-pass applied before each integration of vertical acceleration, Hz.
    public var displacementHighPassHz = 0.5
    /// High-pass applied before and after integrating forward acceleration to the velocity about
    /// the local mean speed, Hz (`TrunkPathIntegrator`). Half the slowest stride frequency of
    /// walking (≈ 0.6 Hz at 72 steps/min), so the stride-frequency swing of speed that splits a
    /// stride between its two steps passes (89 % of it at 0.6 Hz, 98 % at 1 Hz, after both
    /// zero-phase 2nd-order passes), while slower drift from tilt and bias does not. Its
    /// transient (a few seconds) stays inside `marginSeconds`.
    public var forwardVelocityHighPassHz = 0.3
    /// Sensor height as a fraction of body height when only height is known
    /// (`Anthropometry.sensorHeightFraction`, shared with the simulator).
    public var sensorHeightFraction = Anthropometry.sensorHeightFraction
    /// Sensor height when neither it nor body height is known, m.
    public var defaultSensorHeightM = Anthropometry.defaultSensorHeightM

    public init() {}
}
