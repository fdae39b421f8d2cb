/// Healthy adults' pelvic roll and yaw ranges and lateral sway as the analysis measures them
/// (per stride, max − min of the high-passed angle; per stance, the lateral excursion towards the
/// stance foot with the pelvis's tilt taken out; `StanceFeatureExtractor`), and what the
/// simulator's templates give, so that a cohort's walkers move like real ones.
///
/// The templates (`PelvisMotionTemplate`) are the stride-averaged waveforms of all Voisard
/// strides pooled. Individuals differ in amplitude and phase, and pooling across them attenuates
/// the average: a trial's own averaged yaw waveform spans 1.9–11.6° (mean 7.2°) and its strides
/// add only ≈ 1° to that, while the pooled template measures 4.7°; roll 6.6° (own average)
/// against 5.5°. Real yaw also grows with speed and the template's does not. Until 2026-11-21
/// every cohort walker rotated by the template's 10.2° (roll + yaw) whatever the speed, 1.45
/// healthy SDs below the real mean at 1.33 m/s, so a `guarded` walker reached the classifier's
/// threshold with less reduction than a real person would need (docs/validation.md). Now every
/// simulated walker's templates are scaled (`templateGains`) so that motion scale 1 is the
/// healthy mean at the walker's speed, and the cohort draws each subject's scales around 1
/// (`scales`). The measured range is proportional to the template's gain (0.75, 0.5, 0.3 of the
/// template give 7.6, 5.1, 3.0–3.1° from 10.2°).
public struct PelvisMotionNorm: Sendable {
    /// One measure's real value at `atSpeedMps`, its slope with speed, the SD between people
    /// (the spread of subjects' means with the trials' own scatter taken out), and what the
    /// template gives at scale 1 (`templateAtSpeed` + `templateSlopePerMps` × (v − `atSpeedMps`)).
    public struct Measure: Sendable {
        public var mean: Double
        public var slopePerMps: Double
        public var betweenSD: Double
        public var templateAtSpeed: Double
        public var templateSlopePerMps: Double

        /// The real measure of a walker at `speedMps`, `z` SDs from the healthy mean.
        func value(speedMps v: Double, z: Double, at v0: Double) -> Double {
            mean + slopePerMps * (v - v0) + betweenSD * z
        }

        /// What the template gives at `speedMps` (scale 1 on the template itself).
        func template(speedMps v: Double, at v0: Double) -> Double {
            templateAtSpeed + templateSlopePerMps * (v - v0)
        }

        /// The factor, relative to the healthy mean at `speedMps`, that gives a walker `z` SDs from
        /// it its measure; never so small that the template's own gain falls under 0.05.
        func relativeScale(speedMps v: Double, z: Double, at v0: Double) -> Double {
            let mean = value(speedMps: v, z: 0, at: v0)
            return Swift.max(0.05 * template(speedMps: v, at: v0) / mean, value(speedMps: v, z: z, at: v0) / mean)
        }
    }
    public var roll: Measure
    public var yaw: Measure
    public var sway: Measure
    public var atSpeedMps: Double
    /// Correlations between people of (roll, yaw), (roll, sway) and (yaw, sway).
    public var correlation: (rollYaw: Double, rollSway: Double, yawSway: Double)
    /// Draws are clipped to this many SDs, so no walker is given a vanishing amplitude.
    public static let clipSD = 2.5

    /// `PelvisMotionNormFitTests` fails when these no longer match a fresh fit.
    /// Fitted on the 80 Voisard trials of 14 adults by `Benchmarks/pelvis-norm-fit.py` (each trial
    /// analysed with its subject's height, then least squares on the measured speed over
    /// `pelvis_roll_range_deg`, `pelvis_yaw_range_deg` and `lateral_excursion_m`, in degrees,
    /// degrees, metres; between-person SDs and correlations from the subjects' mean residuals,
    /// the within-subject variance divided by the trials per subject removed from the SDs).
    /// Refitted 2026-11-21 when step length, and so the measured speed, changed (the real side
    /// only; the fit before it gave roll slope 1.077, yaw slope 5.392 at 1.2673 m/s). The template
    /// values are those lines' values at the new reference speed (5.532°, 4.672°, 20.03 mm at
    /// 1.2673 m/s before). Refitted again after the contact refinement's look-back (seven real
    /// trials' contacts moved; roll slope 1.772 → 1.783, yaw slope 5.970 → 5.993, SDs and
    /// correlations within 0.003). Refitted again when the side evidence became a mean around the
    /// contact (docs/algorithms/side.md: 5-4's sides, and so its per-side sway, changed; sway mean
    /// 19.90 → 19.89 mm, SD 3.96 → 3.98 mm, correlations roll–sway 0.554 → 0.551, yaw–sway
    /// 0.196 → 0.186; roll and yaw unchanged). Refitted again when the body frame's forward axis
    /// is chosen by its coupling to the vertical motion (docs/algorithms/body-frame.md: in most
    /// of subject 5's trials the larger axis was the sideways sway, or a mixture, so that roll was
    /// measured about the wrong axis and sway along another): roll 7.150 → 7.213°, sway 19.89 →
    /// 20.64 mm, SD 3.98 → 3.85 mm, correlations roll–yaw 0.459 → 0.527, roll–sway 0.551 → 0.613,
    /// yaw–sway 0.186 → 0.614; the reference speed 1.2320 → 1.2325 m/s moves the template values
    /// by less than their last digit. Refitted again when step length took the double support of
    /// each step's speed (docs/algorithms/step-length.md; the measured speeds spread further):
    /// roll slope 1.812 → 1.993, yaw slope 6.077 → 6.796, sway slope −0.00898 → −0.01006 m per
    /// m/s, SDs within 0.002, correlations 0.527 → 0.530, 0.613 → 0.610, 0.614 → 0.615; the
    /// reference speed 1.2325 → 1.2287 m/s moves the template values by less than their last
    /// digit but yaw's (4.667 → 4.666°). Refitted again when each stride's split between its
    /// steps came to follow where the trunk passes over the feet (docs/algorithms/step-length.md;
    /// the strides, and so the measured speeds, moved by less than a millimetre on average): roll
    /// slope 1.993 → 2.005, yaw slope 6.796 → 6.819, sway slope −0.01006 → −0.01007, SDs within
    /// 0.001, correlations 0.530 → 0.529, 0.610 → 0.611, 0.615 → 0.616; the reference speed
    /// 1.2287 → 1.2272 m/s moves the template values by less than their last digit.
    /// Template values: `SimulationParameters(seed: 7, durationS: 120, bodyHeightM: H, speedMps: V)`
    /// with the motion scales set to the reciprocals of `templateGains(speedMps: V)` (the template
    /// itself), analysed with height H, V = 0.6…1.8 m/s, H = 1.6 and 1.9 m; every value lies within 0.06° (roll),
    /// 0.09° (yaw) and 0.7 mm (sway) of the fitted line. The real and the template's sway agree:
    /// 19.9 and 20.0 mm at 1.27 m/s.
    public static let voisard = PelvisMotionNorm(
        roll: Measure(mean: 7.213, slopePerMps: 2.005, betweenSD: 1.770, templateAtSpeed: 5.528, templateSlopePerMps: 0.109),
        yaw: Measure(mean: 9.269, slopePerMps: 6.819, betweenSD: 2.293, templateAtSpeed: 4.666, templateSlopePerMps: 0.142),
        sway: Measure(mean: 0.02064, slopePerMps: -0.01007, betweenSD: 0.00385, templateAtSpeed: 0.01999,
                      templateSlopePerMps: 0.00125),
        atSpeedMps: 1.2272, correlation: (rollYaw: 0.529, rollSway: 0.611, yawSway: 0.616))

    /// The gains on the templates (roll, yaw, lateral sway) that make a walker at `speedMps` move
    /// like the healthy mean at that speed. The generator multiplies `PelvisMotionScale`'s roll, yaw
    /// and sway by these, so that scale 1 is the healthy mean rather than the pooled template.
    public func templateGains(speedMps v: Double) -> (roll: Double, yaw: Double, sway: Double) {
        let v0 = atSpeedMps
        return (roll.value(speedMps: v, z: 0, at: v0) / roll.template(speedMps: v, at: v0),
                yaw.value(speedMps: v, z: 0, at: v0) / yaw.template(speedMps: v, at: v0),
                sway.value(speedMps: v, z: 0, at: v0) / sway.template(speedMps: v, at: v0))
    }

    /// The motion scales (roll, yaw, lateral sway; `PelvisMotionScale`, 1 = the healthy mean at
    /// `speedMps`) of a walker at `speedMps`, from three independent standard normal draws,
    /// correlated as between real people.
    public func scales(speedMps: Double, draws z: (Double, Double, Double)) -> (roll: Double, yaw: Double, sway: Double) {
        // Cholesky factor of the correlation matrix.
        let r = correlation
        let l21 = r.rollYaw, l22 = (1 - l21 * l21).squareRoot()
        let l31 = r.rollSway, l32 = (r.yawSway - l31 * l21) / l22, l33 = (1 - l31 * l31 - l32 * l32).squareRoot()
        let clip = { (x: Double) in Swift.max(-Self.clipSD, Swift.min(Self.clipSD, x)) }
        let zRoll = clip(z.0), zYaw = clip(l21 * z.0 + l22 * z.1), zSway = clip(l31 * z.0 + l32 * z.1 + l33 * z.2)
        return (roll.relativeScale(speedMps: speedMps, z: zRoll, at: atSpeedMps),
                yaw.relativeScale(speedMps: speedMps, z: zYaw, at: atSpeedMps),
                sway.relativeScale(speedMps: speedMps, z: zSway, at: atSpeedMps))
    }
}
