import GaitCore
/// What a header name says about its column: the words IMU exporters use, in one place.
///
/// A name is split into lower-case tokens at anything that is not a letter or digit and at
/// lower→upper case changes (`accX` → `acc x`, `Gyr_X (deg/s)` → `gyr x deg s`). An axis column is
/// a sensor word followed by an axis letter, either as its own token (`Acc_X`, `accelerometer x`)
/// or glued to the sensor word (`ax`, `accX`, `gyrox`); tokens after the axis are a unit hint.
///
/// Two more shapes that wearables export, tried only when the name does not read as above:
/// - a device name before the sensor word and a sensor variant between it and the axis, as
///   Shimmer's Consensys writes them (`Shimmer_40AC_Accel_LN_X_CAL`, `Shimmer_40AC_Gyro_X_CAL`,
///   `Shimmer_40AC_Timestamp_Unix_CAL`). At most three leading tokens are dropped, and never one
///   that changes what is measured (`FreeAcc_X` is Xsens's acceleration without gravity, not the
///   sensor's); `reading(of:)` gives what was dropped, so that a file holding two devices'
///   columns can be refused rather than one of them taken at random;
/// - an axis named alone with its unit, as MetaWear's MetaBase writes one file per sensor
///   (`x-axis (g)`, `x-axis (deg/s)`): the unit says which sensor.
enum HeaderVocabulary {
    enum Meaning: Equatable {
        /// Axis 0, 1, 2 for x, y, z.
        case acc(axis: Int, units: AccelerationUnits?)
        case gyro(axis: Int, units: AngularRateUnits?)
        /// A bare `x`, `y` or `z`: taken as acceleration when nothing else is.
        case bareAxis(axis: Int)
        case time(units: TimeUnits?)
        case counter
        case other
    }

    static let accWords: Set<String> = [
        "a", "acc", "accel", "accl", "accelerometer", "accelerometers", "acceleration", "accelerations",
    ]
    static let gyroWords: Set<String> = [
        "g", "gyr", "gyro", "gyros", "gyroscope", "gyroscopes", "w", "omega", "angvel", "angularvelocity",
        "angularrate", "rot", "rotationrate",
    ]
    static let timeWords: Set<String> = [
        "t", "time", "timestamp", "timestamps", "elapsed", "elapsedtime", "seconds", "sec", "secs",
        "unixtime", "unixtimestamp", "epoch", "epochtime", "datetime", "date", "datetimeutc", "timeutc",
        "timestamputc", "utc", "isotime",
    ]
    static let counterWords: Set<String> = [
        "packetcounter", "counter", "packet", "packetnumber", "packetcount", "sample", "samples", "samplenumber",
        "sampleno", "samplenr", "sampleindex", "sampleidx", "samplecount", "samplecounter", "index", "idx", "frame",
        "framenumber", "frameno",
    ]

    /// Words before a sensor word that change what the column measures: such a name is never read
    /// as the sensor's own acceleration or rate by dropping them (`FreeAcc_X`, `LinearAccel_X`).
    static let modifierWords: Set<String> = [
        "free", "linear", "lin", "user", "gravity", "grav", "delta", "d", "dv", "dq", "global", "earth",
        "world", "nav", "ned", "enu", "filtered", "filt", "lp", "hp", "mag", "magnetometer", "euler",
        "quat", "orientation", "velocity", "vel", "angle", "angles", "position", "pos", "jerk", "corrected",
    ]
    /// Whether a name reads as acceleration with gravity removed (`FreeAcc_X`, `LinearAccel_X`,
    /// `userAcceleration.x`), which the analysis cannot use.
    static func isGravityFreeAcceleration(_ name: String) -> Bool {
        let tokens = tokenize(name)
        let free: Set<String> = ["free", "linear", "lin", "user"]
        guard let k = tokens.firstIndex(where: free.contains) else { return false }
        return tokens[(k + 1)...].contains(where: accWords.contains) && tokens.contains { axisIndex($0) != nil }
    }

    /// Sensor variants between the sensor word and the axis (Shimmer's low-noise and wide-range
    /// accelerometers).
    static let variantWords: Set<String> = ["ln", "wr", "lownoise", "widerange"]
    /// Tokens after a time word that leave it a plain time column (`Timestamp_Unix_CAL`).
    static let timeQualifiers: Set<String> = ["unix", "cal", "raw", "utc"]

    static func meaning(of name: String) -> Meaning { reading(of: name).meaning }

    /// What `name` says, and the device name dropped to read it (`shimmer 40ac` for
    /// `Shimmer_40AC_Accel_LN_X_CAL`; "" when nothing was dropped or the name does not read).
    static func reading(of name: String) -> (meaning: Meaning, device: String) {
        let tokens = tokenize(name)
        guard !tokens.isEmpty else { return (.other, "") }
        if let m = plainMeaning(tokens) ?? unitNamedAxis(tokens) { return (m, "") }
        if let (dropped, m) = prefixedMeaning(tokens) { return (m, tokens[..<dropped].joined(separator: " ")) }
        return (.other, "")
    }

    /// `x-axis (g)`, `y axis (m/s^2)`, `z-axis (deg/s)`: an axis, the word "axis" and a unit.
    private static func unitNamedAxis(_ tokens: [String]) -> Meaning? {
        guard tokens.count >= 3, let axis = axisIndex(tokens[0]), tokens[1] == "axis" else { return nil }
        let hint = tokens[2...].joined()
        if let units = accUnitsHint(hint) { return .acc(axis: axis, units: units) }
        if let units = gyroUnitsHint(hint) { return .gyro(axis: axis, units: units) }
        return nil
    }

    /// A sensor or time column after a device name of one to three tokens, none of them a
    /// modifier, with an optional sensor variant before the axis.
    private static func prefixedMeaning(_ tokens: [String]) -> (dropped: Int, meaning: Meaning)? {
        guard tokens.count >= 2 else { return nil }
        for dropped in 1...min(3, tokens.count - 1) {
            if modifierWords.contains(tokens[dropped - 1]) { return nil }
            var rest = Array(tokens[dropped...])
            if let time = timeMeaning(rest) { return (dropped, time) }
            if rest.count >= 3, variantWords.contains(rest[1]), accWords.contains(rest[0]) { rest.remove(at: 1) }
            guard rest.count >= 2, axisIndex(rest[1]) != nil, accWords.contains(rest[0]) || gyroWords.contains(rest[0]),
                  rest[0].count > 1  // not a one-letter `a` or `g` after a device name
            else { continue }
            if let m = plainMeaning(rest) { return (dropped, m) }
        }
        return nil
    }

    private static func plainMeaning(_ tokens: [String]) -> Meaning? {
        if let time = timeMeaning(tokens) { return time }
        // The axis token: the first token that is exactly x, y or z, or that ends with one after a
        // sensor word.
        for (k, token) in tokens.enumerated() {
            let prefix = tokens[..<k].joined()
            let rest = Array(tokens[(k + 1)...])
            if let axis = axisIndex(token) {
                if prefix.isEmpty && rest.isEmpty { return .bareAxis(axis: axis) }
                if let m = sensorMeaning(prefix, axis: axis, rest: rest) { return m }
            } else if token.count > 1, let axis = axisIndex(String(token.last!)) {
                if let m = sensorMeaning(prefix + token.dropLast(), axis: axis, rest: rest) { return m }
            }
        }
        return nil
    }

    private static func sensorMeaning(_ word: String, axis: Int, rest: [String]) -> Meaning? {
        let hint = rest.joined()
        if accWords.contains(word) { return .acc(axis: axis, units: accUnitsHint(hint)) }
        if gyroWords.contains(word) { return .gyro(axis: axis, units: gyroUnitsHint(hint)) }
        return nil
    }

    private static func timeMeaning(_ tokens: [String]) -> Meaning? {
        let all = tokens.joined()
        if counterWords.contains(all) { return .counter }
        for k in stride(from: tokens.count, through: 1, by: -1) {
            let head = tokens[..<k].joined()
            guard timeWords.contains(head) else { continue }
            let tail = tokens[k...].joined()
            if tail.isEmpty { return .time(units: head == "seconds" || head == "sec" || head == "secs" ? .seconds : nil) }
            if let hint = timeUnitsHint(tail) { return .time(units: hint) }
            if tokens[k...].allSatisfy(timeQualifiers.contains) { return .time(units: nil) }
        }
        return nil
    }

    static func timeUnitsHint(_ text: String) -> TimeUnits? {
        switch text {
        case "s", "sec", "secs", "second", "seconds": return .seconds
        case "ms", "msec", "msecs", "millis", "millisecond", "milliseconds": return .milliseconds
        case "us", "µs", "usec", "usecs", "micros", "microsecond", "microseconds": return .microseconds
        case "ns", "nsec", "nsecs", "nanos", "nanosecond", "nanoseconds": return .nanoseconds
        default: return nil
        }
    }

    /// Units named by a hint such as `g`, `m/s^2` (tokens `m s 2`), `mps2`.
    static func accUnitsHint(_ hint: String) -> AccelerationUnits? {
        switch hint {
        case "g", "gs", "gforce": return .g
        case "mg", "millig", "milligs", "milligravity": return .milliG
        case "ms2", "ms²", "mps2", "ms", "mss", "msec2", "mpss", "meterspersecondsquared", "metrespersecondsquared":
            return .metresPerSecondSquared
        default: return nil
        }
    }

    static func gyroUnitsHint(_ hint: String) -> AngularRateUnits? {
        if hint.isEmpty { return nil }
        if hint.contains("deg") || hint == "dps" || hint == "s" /* "°/s": the degree sign is not a token */ {
            return .degreesPerSecond
        }
        if hint.contains("rad") || hint == "rps" { return .radiansPerSecond }
        return nil
    }

    /// Units of a field in a units row (a second header line such as `s, g, g, g`).
    static func unitsRowHint(_ field: String) -> (acc: AccelerationUnits?, gyro: AngularRateUnits?, time: TimeUnits?) {
        let hint = tokenize(field).joined()
        return (accUnitsHint(hint), hint == "s" ? nil : gyroUnitsHint(hint), timeUnitsHint(hint))
    }

    /// True when every non-empty field of a line reads as a unit, so the line is a units row.
    static func isUnitsRow(_ fields: [String]) -> Bool {
        var any = false
        for f in fields {
            let hint = tokenize(f).joined()
            if hint.isEmpty { continue }
            let known = accUnitsHint(hint) != nil || gyroUnitsHint(hint) != nil || timeUnitsHint(hint) != nil
                || f.contains("°") || ["au", "ut", "gauss", "mg", "none", "1", "counts", "count", "iso8601"].contains(hint)
            if !known { return false }
            any = true
        }
        return any
    }

    private static func axisIndex(_ token: String) -> Int? {
        switch token {
        case "x": return 0
        case "y": return 1
        case "z": return 2
        default: return nil
        }
    }

    static func tokenize(_ name: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var previousWasLower = false
        for ch in name {
            if ch.isLetter || ch.isNumber {
                if ch.isUppercase && previousWasLower && !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
                current += ch.lowercased()
                previousWasLower = ch.isLowercase
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                previousWasLower = false
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
