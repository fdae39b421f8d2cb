import ArgumentParser
import GaitAnalysis
import GaitCore
import GaitIngest
import GaitPipeline

/// Subject, sensor and input options shared by analyze, stream and batch (contract).
struct InputOptions: ParsableArguments {
    @Option(help: "Sampling rate in Hz, for files that carry no timestamps or rate.")
    var rate: Double?
    @Option(help: "Body height in metres.")
    var height: Double?
    @Option(name: .customLong("sensor-height"), help: "Height of the lower-back sensor above the ground, metres (estimated from --height when absent).")
    var sensorHeight: Double?
    @Option(help: "Age in years (for reference values).")
    var age: Double?
    @Option(help: "Sex, F or M (for reference values).")
    var sex: String?
    @Option(help: "Acceleration units: g, m/s2 or mg (detected when absent).")
    var units: String?
    @Option(name: .customLong("gyro-units"), help: "Angular-rate units: deg/s or rad/s (detected when absent).")
    var gyroUnits: String?
    @Option(name: .customLong("time-units"), help: "Units of a time column of numbers: s, ms, us or ns (from the header or the values when absent).")
    var timeUnits: String?
    @ArgumentParser.Flag(name: .customLong("accelerometer-only"), help: "Do not use the file's gyroscope columns, if any.")
    var accelerometerOnly = false
    @Option(help: "Column roles, e.g. time=0,ax=1,ay=2,az=3 or ax=Acc_X (roles time, ax, ay, az, gx, gy, gz).")
    var columns: String?
    @Option(name: .customLong("on-bad-row"), help: "fail or skip rows that cannot be read (default: fail; in batch, skip).")
    var onBadRow: String?

    func validate() throws {
        if let rate, !(rate > 0 && rate <= SamplingRate.maximumHz) {
            throw ValidationError("--rate must be a positive number of Hz, at most \(SamplingRate.maximumHz.fixed(0))")
        }
        if let height, !Subject.heightRangeM.contains(height) { throw ValidationError("--height is in metres (0.5 to 2.8)") }
        if let sensorHeight, !Subject.sensorHeightRangeM.contains(sensorHeight) { throw ValidationError("--sensor-height is in metres (0.3 to 2)") }
        if let sex, !Subject.isValidSex(sex) { throw ValidationError("--sex takes F or M") }
        if let units, AccelerationUnits(rawValue: units) == nil { throw ValidationError("--units takes g, m/s2 or mg") }
        if let gyroUnits, AngularRateUnits(rawValue: gyroUnits) == nil { throw ValidationError("--gyro-units takes deg/s or rad/s") }
        if let timeUnits, TimeUnits(rawValue: timeUnits) == nil { throw ValidationError("--time-units takes s, ms, us or ns") }
        if let onBadRow, BadRowPolicy(rawValue: onBadRow) == nil { throw ValidationError("--on-bad-row takes fail or skip") }
    }

    /// The options for one input; `badRows` is the policy when `--on-bad-row` is not given.
    func engineOptions(path: String, badRows: BadRowPolicy = .fail) throws(GaitError) -> EngineOptions {
        let reader = ReaderOptions(
            path: path, rate: rate.map { SamplingRate(hz: $0) }, accUnits: units.flatMap(AccelerationUnits.init(rawValue:)),
            gyroUnits: gyroUnits.flatMap(AngularRateUnits.init(rawValue:)), timeUnits: timeUnits.flatMap(TimeUnits.init(rawValue:)),
            ignoreGyroscope: accelerometerOnly,
            columns: try columns.map { text throws(GaitError) in try ReaderOptions.parseColumns(text) } ?? [:],
            onBadRow: onBadRow.flatMap(BadRowPolicy.init(rawValue:)) ?? badRows)
        let subject = Subject(heightM: height, sensorHeightM: sensorHeight, ageYears: age, sex: sex)
        return EngineOptions(reader: reader, subject: subject)
    }
}
