import GaitCore

/// One subject of a `SimulatedCohort`: parameters ready to simulate, and who the subject is.
public struct CohortSubject: Sendable, Hashable {
    /// The simulation of this subject walking with the cohort's pattern and severity.
    public var parameters: SimulationParameters
    /// Name of the sensor mounting (`SimulatedCohort.mountings`).
    public var mountingName: String

    public var ageYears: Double { parameters.ageYears }
    /// "F" or "M".
    public var sex: String { parameters.sex }
    public var heightM: Double { parameters.bodyHeightM }
    /// The affected side (nil for patterns without one).
    public var affectedSide: Side? { parameters.affectedSide }
}

/// Seeded cohorts of simulated adults for evaluating pattern detection (docs/simulator.md,
/// "Cohort").
///
/// Subject i of a seed is drawn from its own random stream, in a fixed order, whatever the
/// pattern, severity and count: so the same seed gives the same people (sex, age, height, sensor
/// height, usual speed, mounting, affected side, recording seed) across patterns and severities,
/// and severity `none` gives each one's normal recording. Draws:
/// - sex F or M, 50/50; age uniform in 20–69 years;
/// - height N(1.65, 0.07) m for F, N(1.78, 0.07) m for M, clipped to ±2 SD;
/// - sensor height 0.56 × height + N(0, 0.03) m (`Anthropometry.sensorHeightFraction`);
/// - speed: the comfortable-speed stratum mean for age and sex (`ReferenceSpeeds`, Bohannon &
///   Andrews 2011) + z × 0.28 m/s, z uniform in [−1, 1] (normal walkers within one SD);
///   `short_stride` replaces it by its rule (`SimulationParameters.patternApplied`);
/// - mounting uniform over `mountings`, with the random small tilt drawn from the recording seed;
/// - affected side L or R, 50/50, for patterns with a side (always drawn, so the other draws do
///   not depend on the pattern);
/// - gyroscope present, default noise, default walking structure (120 s: two bouts);
/// - the pelvis's roll, yaw and lateral sway amplitudes (`PelvisMotionNorm`): scaled so that the
///   analysis measures the roll and yaw ranges and lateral excursion of a healthy adult at the
///   subject's walking speed, with the real recordings' spread and correlations between people
///   (drawn last, so the draws above are those of earlier versions).
public enum SimulatedCohort {
    /// The sensor mountings of the cohorts and of the validation grid (`SimulatedGrid`).
    public static let mountings: [(name: String, mounting: SensorMounting)] = [
        ("aligned", .aligned), ("xsens lower back", .xsensLowerBack), ("upside down", .upsideDown),
        ("sideways", .sideways),
    ]
    /// Age range, years.
    public static let ageRangeYears = 20.0...69.0
    /// Mean body height of women and men, and its SD, m.
    public static let heightMeanM = (female: 1.65, male: 1.78)
    public static let heightSDM = 0.07
    /// SD of the sensor height around 0.56 × body height, m.
    public static let sensorHeightSDM = 0.03

    /// `count` subjects walking with `pattern` at `severity`, each for `durationS` seconds.
    public static func subjects(pattern: SimulatedPattern, severity: PatternSeverity, count: Int, seed: UInt64,
                                durationS: Double = 120) -> [CohortSubject] {
        (0..<count).map { subject(index: $0, pattern: pattern, severity: severity, seed: seed, durationS: durationS) }
    }

    private static func subject(index: Int, pattern: SimulatedPattern, severity: PatternSeverity, seed: UInt64,
                                durationS: Double) -> CohortSubject {
        var rng = SplitMix64(seed: seed, stream: 0x434F_484F_5254_0000 &+ UInt64(index))
        let sex = rng.uniform() < 0.5 ? "F" : "M"
        let age = rng.uniform(ageRangeYears.lowerBound, ageRangeYears.upperBound)
        let heightZ = max(-2, min(2, rng.gaussian()))
        let height = (sex == "F" ? heightMeanM.female : heightMeanM.male) + heightSDM * heightZ
        let sensorHeight = Anthropometry.sensorHeightFraction * height + sensorHeightSDM * rng.gaussian()
        let speedZ = rng.uniform(-1, 1)
        let speed = ReferenceSpeeds.comfortable(ageYears: age, sex: sex) + speedZ * ReferenceSpeeds.comfortableSD
        let mounting = mountings[min(mountings.count - 1, Int(rng.uniform() * Double(mountings.count)))]
        let side: Side = rng.uniform() < 0.5 ? .left : .right
        let recordingSeed = rng.next()
        let motionDraws = (rng.gaussian(), rng.gaussian(), rng.gaussian())
        var parameters = SimulationParameters(
            seed: recordingSeed, durationS: durationS, bodyHeightM: height, sensorHeightM: sensorHeight, speedMps: speed,
            includeGyro: true, mounting: mounting.mounting, pattern: pattern,
            severity: pattern == .normal ? .none : severity, affectedSide: pattern.hasSide ? side : nil,
            ageYears: age, sex: sex)
        // The amplitudes follow the speed actually walked (`short_stride` walks slower).
        let motion = PelvisMotionNorm.voisard.scales(speedMps: parameters.patternApplied.speedMps, draws: motionDraws)
        parameters.motion.roll = motion.roll
        parameters.motion.yaw = motion.yaw
        parameters.motion.lateralSway = motion.sway
        return CohortSubject(parameters: parameters, mountingName: mounting.name)
    }
}

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
/// threshold with less reduction than a real person would need (docs/validation.md). The
/// cohort now scales each template's amplitude per subject: the measured range is proportional
/// to the scale (0.75, 0.5, 0.3 give 7.6, 5.1, 3.0–3.1° from 10.2°).
public struct PelvisMotionNorm: Sendable, Hashable {
    /// One measure's real value at `atSpeedMps`, its slope with speed, the SD between people
    /// (the spread of subjects' means with the trials' own scatter taken out), and what the
    /// template gives at scale 1 (`templateAtSpeed` + `templateSlopePerMps` × (v − `atSpeedMps`)).
    public struct Measure: Sendable, Hashable {
        public var mean: Double
        public var slopePerMps: Double
        public var betweenSD: Double
        public var templateAtSpeed: Double
        public var templateSlopePerMps: Double

        /// The template scale that gives a walker at `speedMps`, `z` SDs from the healthy mean,
        /// its measure.
        func scale(speedMps v: Double, z: Double, at v0: Double) -> Double {
            let target = mean + slopePerMps * (v - v0) + betweenSD * z
            let template = templateAtSpeed + templateSlopePerMps * (v - v0)
            return Swift.max(0.05, target / template)
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

    public static func == (a: Self, b: Self) -> Bool {
        a.roll == b.roll && a.yaw == b.yaw && a.sway == b.sway && a.atSpeedMps == b.atSpeedMps
            && a.correlation == b.correlation
    }
    public func hash(into h: inout Hasher) {
        h.combine(roll); h.combine(yaw); h.combine(sway); h.combine(atSpeedMps)
        h.combine(correlation.rollYaw); h.combine(correlation.rollSway); h.combine(correlation.yawSway)
    }

    /// Fitted on the 80 Voisard trials of 14 adults: `gait batch ../shared/datasets/voisard-healthy/*_lb.txt`
    /// with each subject's height, then least squares on speed over `summary.csv`'s
    /// `pelvis_roll_range_deg`, `pelvis_yaw_range_deg` and `lateral_excursion_m` (degrees,
    /// degrees, metres); between-person SDs and correlations from the subjects' mean residuals,
    /// the within-subject variance divided by the trials per subject removed from the SDs.
    /// Template values: `SimulationParameters(seed: 7, durationS: 120, bodyHeightM: H, speedMps: V)`
    /// analysed with height H, V = 0.6…1.8 m/s, H = 1.6 and 1.9 m; every value lies within 0.06° (roll),
    /// 0.09° (yaw) and 0.7 mm (sway) of the fitted line. The real and the template's sway agree:
    /// 19.9 and 20.0 mm at 1.27 m/s.
    public static let voisard = PelvisMotionNorm(
        roll: Measure(mean: 7.149, slopePerMps: 1.077, betweenSD: 1.761, templateAtSpeed: 5.532, templateSlopePerMps: 0.109),
        yaw: Measure(mean: 9.276, slopePerMps: 5.392, betweenSD: 2.326, templateAtSpeed: 4.672, templateSlopePerMps: 0.142),
        sway: Measure(mean: 0.01990, slopePerMps: -0.00907, betweenSD: 0.00389, templateAtSpeed: 0.02003,
                      templateSlopePerMps: 0.00125),
        atSpeedMps: 1.2673, correlation: (rollYaw: 0.486, rollSway: 0.531, yawSway: 0.207))

    /// The template scales (roll, yaw, lateral sway) of a walker at `speedMps`, from three
    /// independent standard normal draws, correlated as between real people.
    public func scales(speedMps: Double, draws z: (Double, Double, Double)) -> (roll: Double, yaw: Double, sway: Double) {
        // Cholesky factor of the correlation matrix.
        let r = correlation
        let l21 = r.rollYaw, l22 = (1 - l21 * l21).squareRoot()
        let l31 = r.rollSway, l32 = (r.yawSway - l31 * l21) / l22, l33 = (1 - l31 * l31 - l32 * l32).squareRoot()
        let clip = { (x: Double) in Swift.max(-Self.clipSD, Swift.min(Self.clipSD, x)) }
        let zRoll = clip(z.0), zYaw = clip(l21 * z.0 + l22 * z.1), zSway = clip(l31 * z.0 + l32 * z.1 + l33 * z.2)
        return (roll.scale(speedMps: speedMps, z: zRoll, at: atSpeedMps),
                yaw.scale(speedMps: speedMps, z: zYaw, at: atSpeedMps),
                sway.scale(speedMps: speedMps, z: zSway, at: atSpeedMps))
    }
}
