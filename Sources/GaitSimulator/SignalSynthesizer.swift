import GaitCore

/// Turns the noise-free body-axis signals of `SensorKinematics` into what the simulated sensor
/// writes: rotated into the sensor's axes by its mounting and tilt, plus a constant bias and
/// white noise per axis, in the requested units.
///
/// Sample i is at t = i / rate. Its noise depends only on the seed, i and the axis
/// (`IndexedNoise`), so any range of samples can be produced on its own and matches the same
/// range of a whole-recording run exactly.
struct SignalSynthesizer: Sendable {
    let kinematics: SensorKinematics
    let rate: SamplingRate
    let rowCount: Int
    /// Rotation from body to sensor axes (the transpose of the mounting's sensor-to-body matrix).
    let sensorFromBody: Matrix3
    let accBias: SIMD3<Double>
    let gyroBias: SIMD3<Double>
    let accSD: Double
    let gyroSD: Double
    let noise: IndexedNoise
    let accScale: Double
    let gyroScale: Double
    let includeGyro: Bool

    init(kinematics: SensorKinematics, parameters p: SimulationParameters, tilt: SensorTilt) {
        self.kinematics = kinematics
        rate = p.rate
        rowCount = max(1, Int((p.durationS * p.rate.hz).rounded()))
        sensorFromBody = (tilt.bodyFromSensor * p.mounting.bodyFromSensor).transposed
        var rng = SplitMix64(seed: p.seed, stream: 3)
        let k = Double.pi / 180
        accBias = SIMD3(rng.gaussian(), rng.gaussian(), rng.gaussian()) * p.noise.accBiasSDMps2
        gyroBias = SIMD3(rng.gaussian(), rng.gaussian(), rng.gaussian()) * (p.noise.gyroBiasSDDegPerS * k)
        accSD = p.noise.accSDMps2
        gyroSD = p.noise.gyroSDDegPerS * k
        noise = IndexedNoise(seed: p.seed)
        accScale = p.accUnits.fromSI
        gyroScale = p.gyroUnits.fromSI
        includeGyro = p.includeGyro
    }

    /// Accelerometer and gyroscope readings of sample i, in the output units.
    func sample(_ i: Int) -> (acc: SIMD3<Double>, gyr: SIMD3<Double>) {
        let m = kinematics.measure(at: rate.seconds(i))
        var acc = sensorFromBody * m.force + accBias
        if accSD > 0 {
            acc += accSD * SIMD3(noise.gaussian(index: i, channel: 0), noise.gaussian(index: i, channel: 1),
                                 noise.gaussian(index: i, channel: 2))
        }
        guard includeGyro else { return (acc * accScale, .zero) }
        var gyr = sensorFromBody * m.omega + gyroBias
        if gyroSD > 0 {
            gyr += gyroSD * SIMD3(noise.gaussian(index: i, channel: 3), noise.gaussian(index: i, channel: 4),
                                  noise.gaussian(index: i, channel: 5))
        }
        return (acc * accScale, gyr * gyroScale)
    }
}
