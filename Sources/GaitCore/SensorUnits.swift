/// Units in which a file may hold acceleration: read by ingest (`--units`), written by the
/// simulator. Everything after ingest works in m/s².
public enum AccelerationUnits: String, Hashable, Sendable, CaseIterable {
    /// Multiples of standard gravity (9.80665 m/s²); a sensor at rest reads 1 upwards.
    case g = "g"
    /// Metres per second squared; a sensor at rest reads 9.80665 upwards.
    case metresPerSecondSquared = "m/s2"
    /// Thousandths of standard gravity; a sensor at rest reads 1000 upwards (Noraxon's `mG`,
    /// accelerometers such as the ADXL362 that count in mg, loggers that write them unscaled).
    case milliG = "mg"

    /// The factor that converts a value in these units to m/s².
    @inlinable public var toSI: Double {
        switch self {
        case .g: standardGravity
        case .metresPerSecondSquared: 1
        case .milliG: standardGravity / 1000
        }
    }
    /// The factor that converts a value in m/s² to these units.
    @inlinable public var fromSI: Double { 1 / toSI }
}

/// Units in which a file may hold angular rate (`--gyro-units`). Everything after ingest works
/// in rad/s.
public enum AngularRateUnits: String, Hashable, Sendable, CaseIterable {
    case degreesPerSecond = "deg/s"
    case radiansPerSecond = "rad/s"

    /// The factor that converts a value in these units to rad/s.
    @inlinable public var toSI: Double { self == .degreesPerSecond ? Double.pi / 180 : 1 }
    /// The factor that converts a value in rad/s to these units.
    @inlinable public var fromSI: Double { self == .degreesPerSecond ? 180 / Double.pi : 1 }

    /// |ω| beyond which no reading is in rad/s: 35 rad/s ≈ 2000 deg/s, the full scale of common
    /// MEMS gyroscopes (a trunk turns at a few rad/s). Values beyond it are deg/s.
    public static let fullScaleRadiansPerSecond = 35.0
}
