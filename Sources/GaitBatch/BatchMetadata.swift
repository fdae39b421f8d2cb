import Foundation
import GaitCore
import GaitIngest
import GaitOutput

/// `--metadata FILE`: per-recording subject data for a batch, a CSV table with a header.
///
/// - The key column is the first of `recording`, `file`, `path`, `id`. A row applies to the input
///   whose path (as given, or as found under a directory given) equals the key, else whose
///   recording name equals it, else whose file name equals it with or without its extension
///   (only where that names one input).
/// - Data columns, all optional, empty cells meaning "not given": `height_m` (or `height`),
///   `sensor_height_m` (or `sensor_height`), `age_years` (or `age`), `sex` (`F` or `M`).
/// - Sensor columns, as optional, for batches of recordings from several devices: `units`
///   (`g`, `m/s2`, `mg`), `gyro_units` (`deg/s`, `rad/s`), `time_units` (`s`, `ms`, `us`,
///   `ns`), `accelerometer_only` (`true`/`false`, `yes`/`no`, `1`/`0`).
/// - A value given in the table overrides the command line's `--height`, `--sensor-height`,
///   `--age`, `--sex`, `--units`, `--gyro-units`, `--time-units`, `--accelerometer-only` for
///   that recording; what neither gives is absent (or detected), and the recording's `notes`
///   say what was assumed instead.
/// - A bad value, an unknown key column or a key that matches two rows is a usage error naming the
///   file, line and column: a batch does not start on subject data it cannot trust.
public struct BatchMetadata: Sendable {
    /// Subject data per recording name.
    public private(set) var subjects: [String: Subject] = [:]
    /// Sensor settings per recording name.
    public private(set) var sensors: [String: SensorSettings] = [:]
    /// Keys in the table that matched no input (reported, not an error: a table may describe a
    /// whole study while a batch runs part of it).
    public private(set) var unmatchedKeys: [String] = []

    public init() {}

    public static func load(path: String, inputs: [BatchInput]) throws(GaitError) -> BatchMetadata {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GaitError(.usage, "cannot read the metadata file", file: path)
        }
        return try parse([UInt8](data), path: path, inputs: inputs)
    }

    public static func parse(_ bytes: [UInt8], path: String, inputs: [BatchInput]) throws(GaitError) -> BatchMetadata {
        let table: CSVTable
        do { table = try CSVTable.parse(bytes, path: path) } catch { throw usage(error) }
        guard let key = table.column("recording", "file", "path", "id") else {
            throw GaitError(.usage, "the metadata needs a column 'recording' (or 'file', 'path', 'id') naming each recording",
                            file: path, line: 1)
        }
        let height = table.column("height_m", "height")
        let sensorHeight = table.column("sensor_height_m", "sensor_height")
        let age = table.column("age_years", "age")
        let sex = table.column("sex")
        let units = table.column("units"), gyroUnits = table.column("gyro_units"), timeUnits = table.column("time_units")
        let accelerometerOnly = table.column("accelerometer_only")

        // Keys are matched as Swift matches text, so a table typed in NFC finds a file named in
        // NFD; where that makes a key name several recordings, the one whose bytes the key
        // repeats exactly is meant, and without one the row is refused rather than guessed.
        var byPath: [String: [(key: String, recording: String)]] = [:]
        var byName: [String: String] = [:]
        var byFile: [String: [(key: String, recording: String)]] = [:]
        for input in inputs {
            byPath[input.path, default: []].append((input.path, input.recording))
            byName[input.recording] = input.recording
            let file = PathText.lastComponent(input.path)
            byFile[file, default: []].append((file, input.recording))
            let stem = PathText.strippingExtension(file)
            if stem != file { byFile[stem, default: []].append((stem, input.recording)) }
        }

        var out = BatchMetadata()
        var rowOf: [String: Int] = [:]
        for row in table.rows {
            func cell(_ c: Int?) -> String? {
                guard let c, c < row.fields.count else { return nil }
                let v = row.fields[c].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            func number(_ c: Int?, _ name: String, _ range: ClosedRange<Double>) throws(GaitError) -> Double? {
                guard let text = cell(c) else { return nil }
                guard let v = Double(text), range.contains(v) else {
                    throw GaitError(.usage, "\(name) must be a number from \(range.lowerBound) to \(range.upperBound); found '\(text)'",
                                    file: path, line: row.line, column: c! + 1)
                }
                return v
            }
            guard let k = cell(key) else {
                throw GaitError(.usage, "the row names no recording", file: path, line: row.line, column: key + 1)
            }
            func only(_ candidates: [(key: String, recording: String)]) throws(GaitError) -> String {
                let exact = candidates.filter { PathText.sameBytes($0.key, k) }
                guard let one = exact.count == 1 ? exact[0] : (candidates.count == 1 ? candidates[0] : nil) else {
                    let names = candidates.prefix(3).map(\.recording).joined(separator: ", ")
                    throw GaitError(.usage, "'\(k)' names \(candidates.count) recordings (\(names)); use their recording names",
                                    file: path, line: row.line, column: key + 1)
                }
                return one.recording
            }
            let recording: String?
            if let candidates = byPath[k] {
                recording = try only(candidates)
            } else if let r = byName[k] {
                recording = r
            } else if let candidates = byFile[k] {
                recording = try only(candidates)
            } else {
                recording = nil
            }
            var subject = Subject()
            subject.heightM = try number(height, "height_m", Subject.heightRangeM)
            subject.sensorHeightM = try number(sensorHeight, "sensor_height_m", Subject.sensorHeightRangeM)
            subject.ageYears = try number(age, "age_years", Subject.ageRangeYears)
            if let s = cell(sex) {
                guard Subject.isValidSex(s) else {
                    throw GaitError(.usage, "sex must be F or M; found '\(s)'", file: path, line: row.line, column: sex! + 1)
                }
                subject.sex = s
            }
            func choice<T: RawRepresentable>(_ c: Int?, _ name: String, _ all: [T]) throws(GaitError) -> T? where T.RawValue == String {
                guard let text = cell(c) else { return nil }
                guard let value = T(rawValue: text) else {
                    throw GaitError(.usage, "\(name) must be \(all.map(\.rawValue).joined(separator: ", ")); found '\(text)'",
                                    file: path, line: row.line, column: c! + 1)
                }
                return value
            }
            var sensor = SensorSettings()
            sensor.accUnits = try choice(units, "units", AccelerationUnits.allCases)
            sensor.gyroUnits = try choice(gyroUnits, "gyro_units", AngularRateUnits.allCases)
            sensor.timeUnits = try choice(timeUnits, "time_units", TimeUnits.allCases)
            if let text = cell(accelerometerOnly) {
                switch text.lowercased() {
                case "true", "yes", "1": sensor.accelerometerOnly = true
                case "false", "no", "0": sensor.accelerometerOnly = false
                default:
                    throw GaitError(.usage, "accelerometer_only must be true or false; found '\(text)'",
                                    file: path, line: row.line, column: accelerometerOnly! + 1)
                }
            }
            guard let recording else { out.unmatchedKeys.append(k); continue }
            if let first = rowOf[recording] {
                throw GaitError(.usage, "recording '\(recording)' is described twice (lines \(first) and \(row.line))",
                                file: path, line: row.line, column: key + 1)
            }
            rowOf[recording] = row.line
            out.subjects[recording] = subject
            if sensor != SensorSettings() { out.sensors[recording] = sensor }
        }
        return out
    }

    /// The subject for `recording`: the table's values over `defaults`, field by field.
    public func subject(for recording: String, defaults: Subject) -> Subject {
        guard let s = subjects[recording] else { return defaults }
        return Subject(heightM: s.heightM ?? defaults.heightM, sensorHeightM: s.sensorHeightM ?? defaults.sensorHeightM,
                       ageYears: s.ageYears ?? defaults.ageYears, sex: s.sex ?? defaults.sex)
    }

    /// The reader options for `recording`: the table's sensor settings over `defaults`.
    public func readerOptions(for recording: String, defaults: ReaderOptions) -> ReaderOptions {
        guard let s = sensors[recording] else { return defaults }
        var options = defaults
        options.accUnits = s.accUnits ?? defaults.accUnits
        options.gyroUnits = s.gyroUnits ?? defaults.gyroUnits
        options.timeUnits = s.timeUnits ?? defaults.timeUnits
        options.ignoreGyroscope = s.accelerometerOnly ?? defaults.ignoreGyroscope
        return options
    }

    /// What a metadata row says about a recording's sensor; nil where it says nothing.
    public struct SensorSettings: Hashable, Sendable {
        public var accUnits: AccelerationUnits?
        public var gyroUnits: AngularRateUnits?
        public var timeUnits: TimeUnits?
        public var accelerometerOnly: Bool?
        public init() {}
    }

    private static func usage(_ e: GaitError) -> GaitError {
        var copy = e
        copy.kind = .usage
        return copy
    }
}
