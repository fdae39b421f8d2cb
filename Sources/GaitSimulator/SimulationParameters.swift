import GaitCore

/// Everything that decides a simulated recording. Every parameter has a default in physical
/// units; the same parameters and seed always give the same recording, byte for byte.
///
/// Parameters that are `nil` by default are derived from the others (see `resolvedSensorHeightM`
/// and `resolvedCadenceSpm`); an explicit value overrides the derivation. Call `validate()`
/// before `SimulatedRecording.simulate(_:)`, which traps on parameters that fail it.
public struct SimulationParameters: Sendable, Hashable {
    /// Seed of every random choice (step jitter, first foot, sensor tilt, bias, noise).
    public var seed: UInt64
    /// Length of the recording, seconds (standing periods included).
    public var durationS: Double
    /// Sampling rate of the output.
    public var rate: SamplingRate
    /// Body height, metres.
    public var bodyHeightM: Double
    /// Height of the lower-back (L5) sensor above the ground, metres; the inverted-pendulum
    /// length. nil: `sensorHeightFraction` × body height.
    public var sensorHeightM: Double?
    /// Mean walking speed, m/s (default 1.3: comfortable speed of adults, Bohannon & Andrews
    /// 2011, doi:10.1016/j.physio.2010.12.004).
    public var speedMps: Double
    /// Mean cadence, steps per minute. nil: from speed and leg length by Alexander's relation
    /// (see `resolvedCadenceSpm`).
    public var cadenceSpm: Double?
    /// Step-time asymmetry, percent: 100·|L − R| / (0.5·(L + R)) of the mean step times of the
    /// two sides, a step belonging to the foot whose contact ends it (contract).
    public var stepTimeAsymmetryPct: Double
    /// The side whose steps last longer when `stepTimeAsymmetryPct` > 0.
    public var stepTimeLongerSide: Side
    /// Step-length asymmetry, percent, defined like the step-time one.
    public var stepLengthAsymmetryPct: Double
    /// The side whose steps are longer when `stepLengthAsymmetryPct` > 0.
    public var stepLengthLongerSide: Side
    /// Where a step's length beyond the bout's mean step comes from (0–1): the share taken by the
    /// leading foot landing further ahead of the trunk, the rest by the trailing foot being left
    /// further behind it (`BoutTrajectory`). 0.5: half and half. It decides where the trunk is at
    /// each contact, not where the feet are: step lengths are heel to heel whatever it is.
    public var stepLengthLeadShare: Double
    /// Unit of the accelerometer columns.
    public var accUnits: AccelerationUnits
    /// Unit of the gyroscope columns.
    public var gyroUnits: AngularRateUnits
    /// Whether the CSV has gyroscope columns.
    public var includeGyro: Bool
    /// Nominal orientation of the sensor on the body (a full rotation; e.g. `.upsideDown`).
    public var mounting: SensorMounting
    /// Extra small tilt on top of `mounting`. nil: drawn per seed within `SensorTilt.randomRangeDeg`.
    public var tilt: SensorTilt?
    /// Sensor white noise and bias.
    public var noise: SensorNoise
    /// Standing, bouts and pauses.
    public var structure: WalkingStructure
    /// Stride-to-stride variability.
    public var variability: GaitVariability
    /// Scale factors on the calibrated pelvis and trunk motion.
    public var motion: PelvisMotionScale
    /// The trunk's acceleration that does not repeat from stride to stride (`TrunkVariation`).
    public var trunkVariation: TrunkVariation
    /// The gait pattern to simulate.
    public var pattern: SimulatedPattern
    /// How strongly `pattern` is expressed (unused by `normal`).
    public var severity: PatternSeverity
    /// The affected side for patterns that have one (`SimulatedPattern.hasSide`); nil: left.
    /// Must be nil for patterns without a side.
    public var affectedSide: Side?
    /// Age of the subject, years (20–99). Written to the truth's `subject`; `short_stride` and
    /// `SimulatedCohort` take the expected comfortable speed from it and `sex`.
    public var ageYears: Double
    /// Sex of the subject, "F" or "M"; see `ageYears`.
    public var sex: String

    public init(seed: UInt64 = 1, durationS: Double = 60, rate: SamplingRate = SamplingRate(hz: 100),
                bodyHeightM: Double = 1.75, sensorHeightM: Double? = nil, speedMps: Double = 1.3,
                cadenceSpm: Double? = nil,
                stepTimeAsymmetryPct: Double = 0, stepTimeLongerSide: Side = .left,
                stepLengthAsymmetryPct: Double = 0, stepLengthLongerSide: Side = .left,
                stepLengthLeadShare: Double = 0.5,
                accUnits: AccelerationUnits = .metresPerSecondSquared, gyroUnits: AngularRateUnits = .radiansPerSecond,
                includeGyro: Bool = true, mounting: SensorMounting = .aligned, tilt: SensorTilt? = nil,
                noise: SensorNoise = .consumerMEMS, structure: WalkingStructure = WalkingStructure(),
                variability: GaitVariability = GaitVariability(), motion: PelvisMotionScale = PelvisMotionScale(),
                trunkVariation: TrunkVariation = .healthyAdult,
                pattern: SimulatedPattern = .normal, severity: PatternSeverity = .none, affectedSide: Side? = nil,
                ageYears: Double = 40, sex: String = "F") {
        self.seed = seed
        self.durationS = durationS
        self.rate = rate
        self.bodyHeightM = bodyHeightM
        self.sensorHeightM = sensorHeightM
        self.speedMps = speedMps
        self.cadenceSpm = cadenceSpm
        self.stepTimeAsymmetryPct = stepTimeAsymmetryPct
        self.stepTimeLongerSide = stepTimeLongerSide
        self.stepLengthAsymmetryPct = stepLengthAsymmetryPct
        self.stepLengthLongerSide = stepLengthLongerSide
        self.stepLengthLeadShare = stepLengthLeadShare
        self.accUnits = accUnits
        self.gyroUnits = gyroUnits
        self.includeGyro = includeGyro
        self.mounting = mounting
        self.tilt = tilt
        self.noise = noise
        self.structure = structure
        self.variability = variability
        self.motion = motion
        self.trunkVariation = trunkVariation
        self.pattern = pattern
        self.severity = severity
        self.affectedSide = affectedSide
        self.ageYears = ageYears
        self.sex = sex
    }
}

extension SimulationParameters {
    /// Sensor height as a fraction of body height when not given: 0.56. The L5 spinous process
    /// lies a few centimetres above the hip-joint centre, whose height is about 0.53 × body
    /// height (segment proportions of Drillis & Contini 1966 as tabulated by Winter, Biomechanics
    /// and Motor Control of Human Movement, 4th ed. 2009); the analysis uses the same fraction
    /// when `--sensor-height` is absent.
    public static let sensorHeightFraction = Anthropometry.sensorHeightFraction
    /// Leg (hip) length as a fraction of body height, for the cadence default: 0.53 (Winter 2009).
    public static let legLengthFraction = Anthropometry.legLengthFraction

    /// The inverted-pendulum length used: `sensorHeightM` or 0.56 × body height, metres.
    public var resolvedSensorHeightM: Double { sensorHeightM ?? Self.sensorHeightFraction * bodyHeightM }

    /// The cadence used, steps per minute: `cadenceSpm`, or Alexander's relation between speed,
    /// stride length and hip height, u = 0.25 · g^0.5 · λ^1.67 · h^−1.17 (Alexander RM. Estimates
    /// of speeds of dinosaurs. Nature 1976;261:129–130. doi:10.1038/261129a0), solved for the
    /// stride length λ with h = 0.53 × body height. For 1.75 m and 1.3 m/s it gives a stride of
    /// 1.29 m and 121 steps/min, inside the 81–138 steps/min laboratory range of adults
    /// (Tudor-Locke & Rowe 2012).
    public var resolvedCadenceSpm: Double {
        if let cadenceSpm { return cadenceSpm }
        let hip = Self.legLengthFraction * bodyHeightM
        let stride = Math.pow(4 * speedMps * Math.pow(hip, 1.17) / standardGravity.squareRoot(), 1 / 1.67)
        return 2 * 60 * speedMps / stride
    }

    /// Mean step time, seconds.
    public var meanStepTimeS: Double { 60 / resolvedCadenceSpm }
    /// Mean step length, metres (speed × mean step time).
    public var meanStepLengthM: Double { speedMps * meanStepTimeS }
}
