import GaitCore

/// A simulated lower-back (L5) IMU recording of walking, with its ground truth.
///
/// ```swift
/// var p = SimulationParameters(seed: 7, durationS: 120)
/// p.stepTimeAsymmetryPct = 8; p.stepTimeLongerSide = .right
/// try p.validate()
/// let rec = SimulatedRecording.simulate(p)
/// let csv = rec.csvBytes()          // time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z
/// let truth = rec.truth             // AnalysisResult: steps, strides, bouts, summary
/// ```
///
/// Samples are uniform at `rate`, the first at t = 0; acceleration is specific force (a sensor at
/// rest reads +g upwards) in `parameters.accUnits`, angular rate in `parameters.gyroUnits`, both
/// in the sensor's own axes (see `SensorMounting`). The same parameters give the same bytes on
/// the same platform; the generator, its model and its calibration are described on
/// `BoutTrajectory`, `PendulumArc`, `PelvisMotionTemplate`, `ImpactTransient` and
/// `SensorKinematics`.
public struct SimulatedRecording: Sendable {
    public let parameters: SimulationParameters
    public let rate: SamplingRate
    /// Sample times, seconds (i / rate).
    public let time: [Double]
    /// Accelerometer readings in `parameters.accUnits`, sensor axes.
    public let acc: [SIMD3<Double>]
    /// Gyroscope readings in `parameters.gyroUnits`, sensor axes; empty when not included.
    public let gyr: [SIMD3<Double>]
    /// The ground truth (schema gait.analysis/1); `input.path` is empty for the caller to set.
    public let truth: AnalysisResult
    /// The sensor tilt used.
    public let tilt: SensorTilt

    /// Simulates a whole recording. Traps when `p.validate()` would throw; use `SimulationPlan`
    /// to stream very long recordings instead of holding them.
    public static func simulate(_ p: SimulationParameters) -> SimulatedRecording {
        SimulatedRecording(plan: SimulationPlan(p))
    }

    public init(plan: SimulationPlan) {
        parameters = plan.parameters
        rate = plan.rate
        time = (0..<plan.rowCount).map { plan.rate.seconds($0) }
        (acc, gyr) = plan.samples(0..<plan.rowCount)
        truth = plan.truth
        tilt = plan.tilt
    }

    /// The CSV header line, without newline.
    public var csvHeader: String { CSVFormatting.header(includeGyro: parameters.includeGyro) }

    /// The whole CSV: header, then one row per sample, values with six decimals.
    public func csvBytes() -> [UInt8] {
        var out = Array((csvHeader + "\n").utf8)
        out.reserveCapacity(out.count + time.count * 72)
        for i in time.indices {
            CSVFormatting.appendRow(time: time[i], acc: acc[i], gyr: gyr.isEmpty ? nil : gyr[i], to: &out)
        }
        return out
    }

    /// Writes the CSV to `sink` in pieces of `chunkRows` rows (same bytes as `csvBytes()`).
    public func writeCSV(chunkRows: Int = 4096, to sink: ([UInt8]) throws -> Void) rethrows {
        try sink(Array((csvHeader + "\n").utf8))
        var start = 0
        while start < time.count {
            let end = min(time.count, start + chunkRows)
            var out: [UInt8] = []
            for i in start..<end {
                CSVFormatting.appendRow(time: time[i], acc: acc[i], gyr: gyr.isEmpty ? nil : gyr[i], to: &out)
            }
            try sink(out)
            start = end
        }
    }

    /// The samples in SI units (m/s², rad/s), as the analysis stages take them.
    public var motionSamples: MotionSamples {
        let a = 1 / parameters.accUnits.fromSI, g = 1 / parameters.gyroUnits.fromSI
        return MotionSamples(rate: rate, firstIndex: 0, acc: acc.map { $0 * a }, gyr: gyr.map { $0 * g })
    }
}
