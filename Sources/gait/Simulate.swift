import ArgumentParser
import GaitCore
import GaitOutput
import GaitSimulator

/// `gait simulate`: a synthetic lower-back recording and its ground truth (docs/simulator.md).
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a simulated lower-back IMU recording (CSV) and its truth (gait.analysis/1 JSON).")

    @Option(help: "Pattern: \(SimulatedPattern.allCases.map(\.rawValue).joined(separator: ", ")).")
    var pattern: String = "normal"
    @Option(help: "Duration: seconds or a number with a unit (90s, 10m, 24h).")
    var duration: String = "60s"
    @Option(help: "Seed of the random generator (same seed, same bytes).")
    var seed: UInt64 = 1
    @Option(help: "The recording (CSV) to write.")
    var out: String
    @Option(help: "The truth (JSON) to write.")
    var truth: String?
    @Option(help: "Sampling rate, Hz.")
    var rate: Double = 100
    @Option(help: "Body height, m.")
    var height: Double = 1.75
    @Option(name: .customLong("sensor-height"), help: "Sensor height above the ground, m (default 0.56 × height).")
    var sensorHeight: Double?
    @Option(help: "Walking speed, m/s (default 1.3; short_stride sets its own from age and sex).")
    var speed: Double?
    @Option(help: "Age of the subject, years (20–99; written to the truth, used by short_stride).")
    var age: Double = 40
    @Option(help: "Sex of the subject: F or M (written to the truth, used by short_stride).")
    var sex: String = "F"
    @Option(help: "Acceleration units of the file: g, m/s2 or mg.")
    var units: String = "m/s2"
    @Option(name: .customLong("gyro-units"), help: "Angular-rate units of the file: rad/s or deg/s.")
    var gyroUnits: String = "rad/s"
    @ArgumentParser.Flag(name: .customLong("no-gyro"), help: "Write accelerometer columns only.")
    var noGyro = false
    @Option(name: .customLong("step-time-asymmetry"), help: "Step-time symmetry index between the sides, percent.")
    var stepTimeAsymmetry: Double = 0
    @Option(name: .customLong("step-length-asymmetry"), help: "Step-length symmetry index between the sides, percent.")
    var stepLengthAsymmetry: Double = 0
    @Option(name: .customLong("longer-side"), help: "The side whose steps are the longer ones: L or R.")
    var longerSide: String = "L"
    @Option(name: .customLong("lead-share"),
            help: "Where a step's length beyond the mean step comes from, 0–1: the share of the leading foot landing further ahead of the trunk (the rest: the trailing foot left further behind). Step lengths are heel to heel either way.")
    var leadShare: Double = 0.5
    @Option(help: "Pattern severity: none, mild, moderate, severe.")
    var severity: String = "none"
    @Option(help: "Affected side for patterns that have one: L or R.")
    var side: String?
    @Option(name: .customLong("trunk-variation"),
            help: "Stride-to-stride variation of the trunk's acceleration, times that of healthy adults (0: strides alike but for timing and length).")
    var trunkVariation: Double = 1

    func validate() throws {
        guard SimulatedPattern(rawValue: pattern) != nil else {
            throw ValidationError("unknown pattern '\(pattern)' (known: \(SimulatedPattern.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard Self.seconds(duration) != nil else { throw ValidationError("--duration takes seconds or 90s, 10m, 24h") }
        guard Side(rawValue: longerSide) != nil else { throw ValidationError("--longer-side takes L or R") }
        if let side, Side(rawValue: side) == nil { throw ValidationError("--side takes L or R") }
        guard PatternSeverity(rawValue: severity) != nil else { throw ValidationError("--severity takes none, mild, moderate or severe") }
        guard AccelerationUnits(rawValue: units) != nil else { throw ValidationError("--units takes g, m/s2 or mg") }
        guard AngularRateUnits(rawValue: gyroUnits) != nil else { throw ValidationError("--gyro-units takes rad/s or deg/s") }
        guard rate >= 20 && rate <= 2000 else { throw ValidationError("--rate must lie between 20 and 2000 Hz") }
        guard Subject.isValidSex(sex) else { throw ValidationError("--sex takes F or M") }
        guard trunkVariation >= 0 && trunkVariation <= 5 else { throw ValidationError("--trunk-variation must lie between 0 and 5") }
        if speed != nil && pattern == SimulatedPattern.shortStride.rawValue && severity != PatternSeverity.none.rawValue {
            throw ValidationError("--speed cannot be given with short_stride: its speed follows from --age and --sex")
        }
    }

    /// "90", "90s", "10m", "24h", "1.5h" → seconds.
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        var number = Substring(text), scale = 1.0
        if let last = text.last, let u = units[last] { number = text.dropLast(); scale = u }
        guard let v = Double(number), v > 0, v.isFinite else { return nil }
        return v * scale
    }

    func run() throws {
        let longer = Side(rawValue: longerSide)!
        let parameters = SimulationParameters(
            seed: seed, durationS: Self.seconds(duration)!, rate: SamplingRate(hz: rate), bodyHeightM: height,
            sensorHeightM: sensorHeight, speedMps: speed ?? 1.3,
            stepTimeAsymmetryPct: stepTimeAsymmetry, stepTimeLongerSide: longer,
            stepLengthAsymmetryPct: stepLengthAsymmetry, stepLengthLongerSide: longer, stepLengthLeadShare: leadShare,
            accUnits: AccelerationUnits(rawValue: units)!, gyroUnits: AngularRateUnits(rawValue: gyroUnits)!,
            includeGyro: !noGyro, trunkVariation: TrunkVariation.healthyAdult.scaled(by: trunkVariation),
            pattern: SimulatedPattern(rawValue: pattern)!,
            severity: PatternSeverity(rawValue: severity)!, affectedSide: side.flatMap(Side.init(rawValue:)),
            ageYears: age, sex: sex)
        try parameters.validate()
        // The plan holds the truth and makes samples on demand, so a day-long file streams out.
        let plan = SimulationPlan(parameters)
        try AtomicFile.write(to: out) { sink throws(GaitError) in
            do { try plan.writeCSV(to: sink) } catch let e as GaitError { throw e } catch {
                throw GaitError(.invalidInput, "\(error)", file: out)
            }
        }
        if let truth {
            var truthResult = plan.truth
            truthResult.input.path = out
            try AtomicFile.write(JSONWriter().string(truthResult.json) + "\n", to: truth)
        }
    }
}
