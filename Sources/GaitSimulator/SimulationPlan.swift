import GaitCore

/// A simulation decided but not yet sampled: its ground truth is complete, and its samples are
/// produced on demand, in any order and any chunks (each is a pure function of the sample
/// index). Use it for long recordings (a 24 h recording at 100 Hz is 8.6 million rows): write the
/// CSV with `writeCSV(chunkRows:to:)` without holding the samples in memory.
/// `SimulatedRecording.simulate(_:)` samples a whole plan at once.
public struct SimulationPlan: Sendable {
    public let parameters: SimulationParameters
    /// The ground truth (schema gait.analysis/1); `input.path` is empty for the caller to set.
    public let truth: AnalysisResult
    /// Number of samples: duration × rate, rounded.
    public let rowCount: Int
    /// The sensor tilt used (drawn from the seed when `parameters.tilt` is nil).
    public let tilt: SensorTilt
    /// The knee giving-way events of `knee_giving_way` (empty for every other pattern), in time
    /// order, for evaluating a detector against them.
    public let givingWayEvents: [GivingWayEvent]

    let kinematics: SensorKinematics
    let synthesizer: SignalSynthesizer

    /// Plans the recording. Traps when `parameters.validate()` would throw.
    public init(_ parameters: SimulationParameters) {
        do { try parameters.validate() } catch { preconditionFailure("invalid simulation parameters: \(error)") }
        self.parameters = parameters
        var tiltRNG = SplitMix64(seed: parameters.seed, stream: 2)
        let tilt = parameters.tilt ?? SensorTilt.random(using: &tiltRNG)
        self.tilt = tilt
        // The pattern acts through the ordinary parameters (`patternApplied`) and its own effects.
        let applied = parameters.patternApplied, effects = parameters.patternEffects
        var schedule = StepSchedule(applied)
        if let side = effects.side, effects.givingWayPerMinute > 0 {
            givingWayEvents = KneeGivingWay.apply(to: &schedule, side: side, perMinute: effects.givingWayPerMinute,
                                                  seed: parameters.seed)
        } else {
            givingWayEvents = []
        }
        kinematics = SensorKinematics(schedule: schedule, parameters: applied, effects: effects,
                                      givingWay: givingWayEvents)
        synthesizer = SignalSynthesizer(kinematics: kinematics, parameters: applied, tilt: tilt)
        rowCount = synthesizer.rowCount
        truth = TruthBuilder.build(parameters: parameters, kinematics: kinematics, rowCount: synthesizer.rowCount,
                                   tilt: tilt, sensorFromBody: synthesizer.sensorFromBody,
                                   givingWayEvents: givingWayEvents)
    }

    public var rate: SamplingRate { parameters.rate }

    /// The CSV header line (without newline): `time_s,acc_x,acc_y,acc_z[,gyr_x,gyr_y,gyr_z]`.
    public var csvHeader: String { CSVFormatting.header(includeGyro: parameters.includeGyro) }

    /// Accelerometer and gyroscope readings of the samples in `rows`, in the output units
    /// (`gyr` is empty when the gyroscope is not included).
    public func samples(_ rows: Range<Int>) -> (acc: [SIMD3<Double>], gyr: [SIMD3<Double>]) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= rowCount, "rows outside the recording")
        var acc: [SIMD3<Double>] = [], gyr: [SIMD3<Double>] = []
        acc.reserveCapacity(rows.count)
        if parameters.includeGyro { gyr.reserveCapacity(rows.count) }
        for i in rows {
            let s = synthesizer.sample(i)
            acc.append(s.acc)
            if parameters.includeGyro { gyr.append(s.gyr) }
        }
        return (acc, gyr)
    }

    /// Writes the CSV (header, then one row per sample) to `sink`, in pieces of `chunkRows` rows.
    /// The bytes are the same for any chunk size, and the same as `SimulatedRecording.csvBytes()`.
    public func writeCSV(chunkRows: Int = 4096, to sink: ([UInt8]) throws -> Void) rethrows {
        precondition(chunkRows > 0, "chunkRows must be positive")
        try sink(Array((csvHeader + "\n").utf8))
        var start = 0
        while start < rowCount {
            let end = min(rowCount, start + chunkRows)
            var bytes: [UInt8] = []
            bytes.reserveCapacity((end - start) * 72)
            for i in start..<end {
                let s = synthesizer.sample(i)
                CSVFormatting.appendRow(time: rate.seconds(i), acc: s.acc, gyr: parameters.includeGyro ? s.gyr : nil,
                                        to: &bytes)
            }
            try sink(bytes)
            start = end
        }
    }
}
