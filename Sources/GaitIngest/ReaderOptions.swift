import GaitCore

/// What to do with a data row that cannot be read (wrong field count, a field that is empty, not a
/// number, NaN or infinite, a time that cannot be read).
public enum BadRowPolicy: String, Hashable, Sendable, CaseIterable {
    /// Throw a `GaitError` naming the file, line and column.
    case fail
    /// Drop the row and count it in `InputInfo.badRowsSkipped`.
    case skip
}

/// Units of a time column of numbers (`--time-units`).
public enum TimeUnits: String, Hashable, Sendable, CaseIterable {
    case seconds = "s", milliseconds = "ms", microseconds = "us", nanoseconds = "ns"

    /// The units of a numeric `InputInfo.timeFormat` (`seconds`, `milliseconds`, …); nil for
    /// counters, date-times and none.
    public init?(timeFormat: String) {
        guard let format = TimeFormat(rawValue: timeFormat) else { return nil }
        self.init(format)
    }

    init?(_ format: TimeFormat) {
        guard let units = Self.allCases.first(where: { $0.format == format }) else { return nil }
        self = units
    }

    /// The time format of a column in these units.
    var format: TimeFormat {
        switch self {
        case .seconds: .seconds
        case .milliseconds: .milliseconds
        case .microseconds: .microseconds
        case .nanoseconds: .nanoseconds
        }
    }

    /// The units 1000 times these (nil for seconds) and a thousandth of them (nil for ns).
    public var larger: TimeUnits? { Self.allCases.firstIndex(of: self).flatMap { $0 > 0 ? Self.allCases[$0 - 1] : nil } }
    public var smaller: TimeUnits? { Self.allCases.firstIndex(of: self).flatMap { $0 + 1 < Self.allCases.count ? Self.allCases[$0 + 1] : nil } }

    /// Where timestamps read in these units give `hz` and a reading in 1000-fold other units
    /// would give a rate the analysis takes (`plausible`): what to tell the user.
    public func remedy(forRate hz: Double, plausible: ClosedRange<Double>) -> String? {
        guard let other = hz > plausible.upperBound ? larger : smaller else { return nil }
        let rate = hz > plausible.upperBound ? hz / 1000 : hz * 1000
        guard plausible.contains(rate) else { return nil }
        return "read as \(format.rawValue), in \(other.rawValue) they would give \(rate.fixed(0)) Hz: pass --time-units \(other.rawValue) if they are"
    }
}

/// How `CSVRecordingReader` reads one recording. Every field has a default; what is not given is
/// detected from the data and reported in `InputInfo`.
public struct ReaderOptions: Hashable, Sendable {
    /// The input's name in messages and in `InputInfo.path`; `-` for standard input.
    public var path: String
    /// `--rate`: the sampling rate, needed where the file has neither timestamps nor a rate line.
    /// When given it overrides a rate found in the file.
    public var rate: SamplingRate?
    /// `--units`: units of the acceleration columns; detected when nil.
    public var accUnits: AccelerationUnits?
    /// `--gyro-units`: units of the gyroscope columns; detected when nil.
    public var gyroUnits: AngularRateUnits?
    /// `--time-units`: units of a time column of numbers, over what its header says; named in
    /// the header or told from the values when nil.
    public var timeUnits: TimeUnits?
    /// `--accelerometer-only`: the gyroscope columns, if any, are not used.
    public var ignoreGyroscope: Bool
    /// `--columns`: role (`time`, `ax`, `ay`, `az`, `gx`, `gy`, `gz`) → header name or 0-based index.
    /// Roles not named are found from the header.
    public var columns: [String: String]
    /// `--on-bad-row`.
    public var onBadRow: BadRowPolicy
    /// Seconds. A stretch without data whose length (from the last sample before it to the first
    /// sample after it) is at most this is bridged by linear interpolation; a longer one ends the
    /// segment and the data after it start a new one. 0.5 s by default (at 100 Hz, up to 49 lost
    /// samples are bridged): shorter than one step, so a bridged gap can hide at most one contact,
    /// which the event stage recognises from the step timing; longer gaps would invent walking.
    /// On the Voisard recordings, whose radio link drops bursts of packets, 0.1 s split one trial
    /// into fragments too short to hold a bout (IC F1 0.63 on it) where 0.5 s kept it whole (0.91).
    public var maxBridgedGap: Double
    /// Largest number of samples in one `.samples` event. Pieces are cut only at multiples of this
    /// (from the segment start) and at segment ends, so the events never depend on how the bytes
    /// were chunked. A streaming consumer that wants lower latency may lower it.
    public var maxPieceSamples: Int

    /// The roles `columns` may name.
    public static let roles = ["time", "ax", "ay", "az", "gx", "gy", "gz"]

    public init(path: String = "-", rate: SamplingRate? = nil, accUnits: AccelerationUnits? = nil,
                gyroUnits: AngularRateUnits? = nil, timeUnits: TimeUnits? = nil, ignoreGyroscope: Bool = false,
                columns: [String: String] = [:],
                onBadRow: BadRowPolicy = .fail, maxBridgedGap: Double = 0.5, maxPieceSamples: Int = 4096) {
        precondition(maxPieceSamples > 0, "maxPieceSamples must be positive")
        precondition(maxBridgedGap >= 0 && maxBridgedGap.isFinite, "maxBridgedGap must be a finite, non-negative number of seconds")
        self.path = path
        self.rate = rate
        self.accUnits = accUnits
        self.gyroUnits = gyroUnits
        self.timeUnits = timeUnits
        self.ignoreGyroscope = ignoreGyroscope
        self.columns = columns
        self.onBadRow = onBadRow
        self.maxBridgedGap = maxBridgedGap
        self.maxPieceSamples = maxPieceSamples
    }

    /// Parses a `--columns` argument (`time=0,ax=Acc_X,...`) into the `columns` dictionary.
    public static func parseColumns(_ text: String) throws(GaitError) -> [String: String] {
        var result: [String: String] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            guard let eq = item.firstIndex(of: "=") else {
                throw GaitError(.usage, "--columns expects ROLE=COLUMN pairs, found '\(item)'")
            }
            let role = item[..<eq].trimmingSpaces().lowercased()
            let column = String(item[item.index(after: eq)...].trimmingSpaces())
            guard roles.contains(role) else {
                throw GaitError(.usage, "unknown column role '\(role)' in --columns (roles: \(roles.joined(separator: ", ")))")
            }
            guard !column.isEmpty else { throw GaitError(.usage, "--columns names no column for role '\(role)'") }
            guard result[role] == nil else { throw GaitError(.usage, "--columns names role '\(role)' twice") }
            result[role] = column
        }
        return result
    }
}
