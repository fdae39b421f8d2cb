import GaitCore

/// The smaller value types that `SimulationParameters` is made of. Each has a default in
/// physical units; the defaults and their sources are documented on each property.

/// White noise and constant bias of the simulated sensor.
///
/// Defaults are of the order of a consumer MEMS IMU sampled at 100 Hz (datasheet noise
/// densities of roughly 150–300 µg/√Hz and 0.005–0.01 °/s/√Hz over a ~50 Hz bandwidth) and of
/// the spread measured on the standing-still parts of the Voisard reference recordings
/// (Xsens MTw: ≈0.02 m/s² and ≈0.2–0.3 °/s standard deviation, postural sway included).
public struct SensorNoise: Sendable, Hashable {
    /// Standard deviation of the accelerometer's white noise on each axis, m/s².
    public var accSDMps2: Double
    /// Standard deviation of the gyroscope's white noise on each axis, degrees per second.
    public var gyroSDDegPerS: Double
    /// Standard deviation of the constant accelerometer bias drawn per axis and seed, m/s².
    public var accBiasSDMps2: Double
    /// Standard deviation of the constant gyroscope bias drawn per axis and seed, degrees per second.
    public var gyroBiasSDDegPerS: Double

    public init(accSDMps2: Double = 0.02, gyroSDDegPerS: Double = 0.1,
                accBiasSDMps2: Double = 0.03, gyroBiasSDDegPerS: Double = 0.3) {
        self.accSDMps2 = accSDMps2
        self.gyroSDDegPerS = gyroSDDegPerS
        self.accBiasSDMps2 = accBiasSDMps2
        self.gyroBiasSDDegPerS = gyroBiasSDDegPerS
    }

    public static let consumerMEMS = SensorNoise()
    /// A perfect sensor: no noise, no bias.
    public static let none = SensorNoise(accSDMps2: 0, gyroSDDegPerS: 0, accBiasSDMps2: 0, gyroBiasSDDegPerS: 0)
}

/// How the recording is split into standing and walking.
public struct WalkingStructure: Sendable, Hashable {
    /// Standing still before the first movement, seconds.
    public var standingStartS: Double
    /// Standing still after the last movement, seconds.
    public var standingEndS: Double
    /// Longest stretch of continuous walking before a pause, seconds. Walking longer than this
    /// is split into bouts of equal length.
    public var maxBoutS: Double
    /// Standing pause between bouts, seconds. The default (6 s) exceeds the 3 s maximum break
    /// that Mobilise-D bout assembly bridges (see gait-reference-values §6), so bouts stay separate.
    public var pauseS: Double

    public init(standingStartS: Double = 3, standingEndS: Double = 3, maxBoutS: Double = 60, pauseS: Double = 6) {
        self.standingStartS = standingStartS
        self.standingEndS = standingEndS
        self.maxBoutS = maxBoutS
        self.pauseS = pauseS
    }
}

/// Stride-to-stride variability of healthy walking.
public struct GaitVariability: Sendable, Hashable {
    /// Coefficient of variation of stride time, percent. Default 2 %: healthy adults have
    /// median stride-time CVs below 6 % (Gabell & Nayak 1984, doi:10.1093/geronj/39.6.662),
    /// typically about 2 % in young adults. Step times get √2 times this CV, independently, so
    /// that a stride (two steps) has this CV.
    public var strideTimeCVPct: Double
    /// Coefficient of variation of step length, percent.
    public var stepLengthCVPct: Double

    public init(strideTimeCVPct: Double = 2, stepLengthCVPct: Double = 2) {
        self.strideTimeCVPct = strideTimeCVPct
        self.stepLengthCVPct = stepLengthCVPct
    }

    /// Perfectly regular walking (every step of a side alike).
    public static let none = GaitVariability(strideTimeCVPct: 0, stepLengthCVPct: 0)
}

/// Scale factors on the pelvis and trunk motion. For lateral sway, roll and yaw, 1 is the mean of
/// healthy adults at the walker's speed (`PelvisMotionNorm.voisard`: the 14 Voisard adults'
/// ranges as the analysis measures them), which the generator reaches by scaling the templates
/// (`PelvisMotionNorm.templateGains`); for pitch and impact, 1 is the template as calibrated on
/// the reference recordings. `PelvisMotionTemplate` gives the measured shapes and phases.
public struct PelvisMotionScale: Sendable, Hashable {
    /// Mediolateral sway of the body towards the stance foot (template: ±2.0 cm at stride
    /// frequency, furthest left in left stance; scale 1: an excursion of 19.9 mm at 1.27 m/s,
    /// 9 mm less per m/s faster).
    public var lateralSway: Double
    /// Pelvic obliquity, roll (template: ±2.4° at stride frequency, contralateral drop after
    /// contact; scale 1: a range of 7.1° per stride at 1.27 m/s, 1.1° more per m/s).
    public var roll: Double
    /// Pelvic tilt, pitch (template: about ±1° at step frequency, tilting back at each contact).
    public var pitch: Double
    /// Pelvic rotation, yaw (template: ±2.6° at stride frequency, the leading hip forward after
    /// its contact; scale 1: a range of 9.3° per stride at 1.27 m/s, 5.4° more per m/s).
    public var yaw: Double
    /// Heel-strike impact transients in vertical and forward acceleration.
    public var impact: Double

    public init(lateralSway: Double = 1, roll: Double = 1, pitch: Double = 1, yaw: Double = 1, impact: Double = 1) {
        self.lateralSway = lateralSway
        self.roll = roll
        self.pitch = pitch
        self.yaw = yaw
        self.impact = impact
    }
}
