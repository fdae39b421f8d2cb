import GaitCore

/// Every parameter of the analysis, in physical units, with its default and the reason for it.
/// Values, so a configuration can be stored beside the results it produced.
public struct AnalysisConfiguration: Hashable, Sendable {
    // MARK: Sampling rate

    /// The lowest rate analysed: the body frame's 0.5–4 Hz sign band needs its top under the
    /// Nyquist frequency, and a heel strike's trunk transient (5–15 Hz) is gone below it anyway.
    /// A recording under it is refused (exit 1). Found by fuzzing (Fuzz/README.md): timestamps
    /// spread over minutes gave a rate of 0.03 Hz, and a filter's precondition stopped the program.
    public static let minimumRateHz = 10.0
    /// The lowest rate the analysis is validated at (simulated recordings at 20 Hz,
    /// docs/validation.md, "Other sampling rates"); between the two a note says so.
    public static let validatedMinimumRateHz = 20.0

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
    /// Gentle walking (`WindowContactDetector.gentleWalkingPeaks`): peaks down to this, m/s²
    /// (≈ 7× rest noise), are contacts where they form a steady rhythm of their own. Slow walking
    /// redirects the body's fall gently: at 0.5 m/s the pendulum's vertical velocity reverses by
    /// ≈ 0.13 m/s over a 0.2–0.25 s double support, ≈ 0.6 m/s² before smoothing and 0.3–0.4 m/s²
    /// after it, under `minContactPeakMps2`.
    public var gentleContactPeakMps2 = 0.15
    /// …in a run of at least this many consecutive peaks (a bout's worth, `minBoutContacts`)…
    public var gentleRunMinPeaks = 9
    /// …each interval between `minStepSeconds` and this, s (the slowest walking, ≈ 40 steps/min)…
    public var gentleRunMaxStepSeconds = 1.5
    /// …each step within this factor of the same foot's previous step, and this share of its
    /// stride (a 20 % step-length asymmetry at 0.5 m/s splits the stride 42:58)…
    public var gentleRunIntervalRatio = 1.3
    public var gentleRunStepShare = 0.3...0.7
    /// …and each peak within this factor of the previous one in height: steps of steady walking
    /// load the trunk alike, while a contact and the push-off peak after it do not.
    public var gentleRunHeightRatio = 2.0
    /// The contact is the forward-acceleration peak in this window around the vertical peak
    /// (Zijlstra & Hof 2003: heel strike coincides with peak forward trunk acceleration).
    public var refineFromSeconds = -0.12
    public var refineToSeconds = 0.02
    /// A maximum in the window's last `refineEdgeSeconds` (after the vertical peak) is the rise into
    /// loading, not the heel strike: the largest local maximum no later than the vertical peak is
    /// taken instead, where there is one (docs/algorithms/initial-contacts.md, "The window's edge").
    public var refineEdgeSeconds = 0.01
    /// For a gentle peak (under `minContactPeakMps2`, found by its rhythm) the search starts this
    /// early: without a heel-strike transient the smoothed peak is the broad redirection of the
    /// body's fall over double support, and lags the contact by up to 150 ms (simulated 0.5 m/s
    /// walking; real peaks of 1–2.5 m/s² lag it by 40–50 ms). The window's-edge rule looks back this
    /// far too where the ordinary window holds no peak and the forward acceleration rises past it
    /// (docs/algorithms/initial-contacts.md, "Looking back past the window").
    public var refineFromGentleSeconds = -0.20
    /// Low-pass applied to forward acceleration before refining, Hz.
    public var refineLowPassHz = 15.0

    /// The closing step of a walking run (`WindowContactDetector`, docs/algorithms/initial-contacts.md):
    /// searched after a run of at least this many contacts, whose intervals give the step time…
    public var closingStepMinRun = 4
    /// …within this span after the run's last contact, in step times: a closing step is at most a
    /// little slower than the steps before it, and no faster than half of one…
    public var closingStepSearch = 0.5...1.6
    /// …and taken where vertical acceleration rises by at least this, m/s² (15× rest noise).
    public var closingStepMinRiseMps2 = 0.3
    /// …to at least this, m/s²: loading, not the body settling to rest (5× rest noise).
    public var closingStepMinPeakMps2 = 0.1
    /// The toe-off that opens a walking run (gait initiation: the first swing foot leaving the
    /// ground, `WindowContactDetector.openingFinalContact`): searched before the first contact of
    /// a run of at least `closingStepMinRun` contacts, within this span before it, in the run's
    /// step times (the first step, toe-off to heel strike, lasts 0.33–0.54 s on the Voisard set
    /// against 0.5–0.6 s steps)…
    public var openingToeOffSearch = 0.35...1.1
    /// …at the highest peak of vertical acceleration reaching at least this, m/s² (5× rest noise):
    /// the push-off of the first swing leg lifting the body.
    public var openingToeOffMinPeakMps2 = 0.1
    // MARK: Final contacts

    /// The contralateral toe-off is the second peak of vertical acceleration after a contact,
    /// searched in this window after it (push-off of the trailing limb).
    public var finalContactFromSeconds = 0.08
    public var finalContactToSeconds = 0.30
    public var finalContactSmoothingSeconds = 0.03
    /// The toe-off is the steepest rise of that signal within this span before the peak
    /// (McCamley 2012's second-derivative maximum, taken next to the push-off peak).
    public var finalContactSlopeSeconds = 0.08

    // MARK: Stance features (StanceFeatureExtractor; docs/algorithms/stance-features.md)

    /// High-pass before and after each integration of mediolateral acceleration and of the roll
    /// and yaw rates, Hz: below the slowest stride frequency (≈ 0.6 Hz), so the stride-frequency
    /// sway and rotation pass while drift from tilt and bias does not.
    public var stanceHighPassHz = 0.3
    /// The impact peak is the highest vertical acceleration in this span around the contact, s.
    /// The trunk's heel-strike transient peaks 30–50 ms after the contact (Voisard reference
    /// data, docs/algorithms/initial-contacts.md); the span also covers timing error.
    public var impactFromSeconds = -0.03
    public var impactToSeconds = 0.12
    /// Low-pass of the vertical specific force for the support measure, Hz: keeps a loss of
    /// support lasting ≥ 50 ms, removes sensor noise.
    public var supportLowPassHz = 10.0
    /// A stance loses its support when its vertical specific force falls this far below the
    /// median single-stance minimum of the analysis window (the same person's ordinary stances),
    /// in g. A fixed threshold does not work: on the Voisard healthy recordings single-stance
    /// minima range from 0.39 g (fast walkers) to 0.9 g, while within a trial no stance fell more
    /// than 0.26 g below the trial's median. A knee that gives way lets the trunk drop towards free
    /// fall (0 g). No published cut-off exists (gait-reference-values.md §5): experimental.
    public var givingWayDropG = 0.3
    /// The force must stay that low this long for a candidate event, s.
    public var givingWayMinSeconds = 0.04

    // MARK: Left/right (McCamley 2012; Ullrich et al. 2021 combined axes)

    /// Band for the gyroscope (or mediolateral acceleration) sign test, Hz: around the stride
    /// frequency, above turning.
    public var sideBandLowHz = 0.5
    public var sideBandHighHz = 2.0
    /// A contact's side evidence (yaw − roll rate with a gyroscope, the trunk's sideways velocity
    /// without) is averaged over ± this many seconds around it, not read at the contact alone: a
    /// contact found 50–90 ms off the heel strike (a foot that lands softly) reads the instantaneous
    /// value at another phase of the stride. ± 0.15 s keeps the window inside one step up to 200 steps/min (a step of 0.3 s),
    /// so it never reaches into the next contact's opposite evidence. Measured on the Voisard trials
    /// at the reference heel strikes, before pooling (docs/algorithms/side.md): sign accuracy 0.967
    /// at the instant, 0.975 over ±0.15 s; 70 ms before the heel strike 0.943 and 0.968.
    public var sideEvidenceHalfWindowSeconds = 0.15
    /// Without a gyroscope, each contact's evidence adds a second vote: the trunk's sideways
    /// velocity change over the loading response, from the lateral acceleration band-passed to
    /// these frequencies, Hz. Above the stride- and step-frequency sway (0.8–2 Hz) and the slow
    /// tilt of gravity by the pelvis's roll that runs with it; up to the ≈ 6 Hz ringing of the
    /// trunk after the impact (docs/algorithms/side.md, "The loading impulse").
    public var loadingImpulseBandLowHz = 3.0
    public var loadingImpulseBandHighHz = 10.0
    /// The velocity change is taken from this long before the contact to `loadingImpulseEndSeconds`
    /// after it: the loading response (≈ the first 10–12 % of the gait cycle) plus twice the median
    /// timing error of our contacts before it, s.
    public var loadingImpulseStartSeconds = 0.02
    public var loadingImpulseEndSeconds = 0.12
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
    /// The top of the trunk's path in each step (where it passes over the stance foot) is the
    /// vertex of a parabola fitted to the vertical path within this fraction of the step on
    /// either side of its highest sample (`TrunkPathIntegrator`; that path is high-passed at
    /// `forwardVelocityHighPassHz`, not `displacementHighPassHz`, so that the stride-frequency
    /// pattern of a limp passes). Chosen on the simulated grid among 0.1–0.45 (0.3: step-length
    /// asymmetry error 0.54 pp mean; 0.2: 0.68, 0.38: 0.81); on the Voisard trials the stride
    /// lengths do not move with it (docs/algorithms/step-length.md).
    public var apexFitHalfWidth = 0.3
    /// Sensor height as a fraction of body height when only height is known
    /// (`Anthropometry.sensorHeightFraction`, shared with the simulator).
    public var sensorHeightFraction = Anthropometry.sensorHeightFraction
    /// Sensor height when neither it nor body height is known, m.
    public var defaultSensorHeightM = Anthropometry.defaultSensorHeightM

    // MARK: Turns (El-Gohary et al. 2014, doi:10.3390/s140100356; Pham et al. 2017,
    // doi:10.3389/fneur.2017.00135), with a gyroscope only. docs/algorithms/turns.md.

    /// Low-pass applied (zero phase, 2nd-order Butterworth forward and backward) to the yaw rate,
    /// Hz. A walking turn of the trunk lasts 0.5–4 s, so its yaw rate lives below ~1 Hz; the
    /// cut-off keeps a 0.5 s turn and removes sensor noise and the heel-strike jolts. The
    /// stride-frequency yaw swing of the pelvis (≈ 1 Hz, ±20–30 deg/s at L5) is only partly
    /// removed, but each swing turns the trunk by < 10°, far below `minTurnAngleDeg`. On the
    /// Voisard set 0.5 Hz (mobgap's choice) and 1.0 Hz found the same turns with larger start
    /// errors (docs/algorithms/turns.md).
    public var turnLowPassHz = 1.5
    /// A turn needs a low-passed yaw rate above this, deg/s (El-Gohary 2014): slower heading
    /// changes are drift of the path, not turns; gyroscope noise and bias are < 1 deg/s.
    public var turnPeakDegps = 15.0
    /// A turn starts and ends where the low-passed yaw rate crosses this, deg/s (El-Gohary 2014),
    /// or changes sign: the trunk is then no longer rotating.
    public var turnEdgeDegps = 5.0
    /// Turns in the same direction this close are one turn, s (El-Gohary 2014: a brief
    /// hesitation inside a turn does not make two).
    public var turnMergeGapSeconds = 0.05
    /// A turn changes the heading by at least this, degrees (El-Gohary 2014). A weaving path
    /// or a stride's pelvic swing turns the trunk by 5–30°.
    public var minTurnAngleDeg = 45.0
    /// A turn lasts this long, s (mobgap's `TdElGohary`, the Mobilise-D implementation of
    /// El-Gohary 2014). Shorter is a jolt; longer is walking a curve or a drifting gyroscope.
    /// The upper limit also bounds how long results wait for a turn to be decided.
    public var turnMinSeconds = 0.5
    public var turnMaxSeconds = 10.0

    public init() {}
}
