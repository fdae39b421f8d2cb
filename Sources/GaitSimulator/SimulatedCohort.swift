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
