import GaitCore

/// How the sensor sits on the body: a full rotation from the body frame to the sensor frame,
/// given as yaw, then pitch, then roll (Z–Y–X Euler angles, degrees, about the body axes).
///
/// Body frame (the simulator's and the project's convention): x forward, y to the subject's
/// left, z up. With all angles zero the sensor's x, y, z are the body's forward, left and up.
/// A positive yaw turns the sensor's x towards the left, a positive pitch turns its z towards
/// forward (x down), a positive roll turns its y upwards.
///
/// The matrix `bodyFromSensor` has the sensor axes, expressed in body coordinates, as columns; a
/// vector measured by the sensor is `bodyFromSensor · v_sensor` in body axes.
public struct SensorMounting: Sendable, Hashable {
    /// Rotation about body z (up), degrees.
    public var yawDeg: Double
    /// Rotation about body y (left), degrees.
    public var pitchDeg: Double
    /// Rotation about body x (forward), degrees.
    public var rollDeg: Double

    public init(yawDeg: Double = 0, pitchDeg: Double = 0, rollDeg: Double = 0) {
        self.yawDeg = yawDeg
        self.pitchDeg = pitchDeg
        self.rollDeg = rollDeg
    }

    /// Sensor x forward, y left, z up.
    public static let aligned = SensorMounting()
    /// As in the Voisard reference recordings (Xsens MTw at L5): sensor x up, y left, z
    /// backward (out of the back). Found from those files: gravity mostly on +x, and the walking
    /// direction, from strap-down integration of gait initiation, along −z (74 of 80 trials).
    public static let xsensLowerBack = SensorMounting(pitchDeg: -90)
    /// Aligned, then turned upside down about the forward axis: x forward, y right, z down.
    public static let upsideDown = SensorMounting(rollDeg: 180)
    /// Turned a quarter turn about the vertical: sensor x to the body's left, y backward, z up.
    public static let sideways = SensorMounting(yawDeg: 90)

    /// The rotation from sensor to body coordinates (columns: sensor axes in body axes).
    var bodyFromSensor: Matrix3 { Matrix3.zyx(yawDeg: yawDeg, pitchDeg: pitchDeg, rollDeg: rollDeg) }
}

/// A small extra rotation of the sensor relative to its nominal mounting, in degrees about the
/// body axes: the same kind of value as a mounting, composed on top of it. Real lower-back sensors
/// sit on the sloping sacrum and under a strap, so they are never exactly aligned.
public typealias SensorTilt = SensorMounting

extension SensorMounting {
    /// No tilt.
    public static let none = SensorMounting()

    /// Half-widths of the uniform ranges used when no tilt is given: pitch ±10°, roll ±5°,
    /// yaw ±5°. (In the reference recordings the angle between sensor x and gravity ranged
    /// from 0° to 36°, mostly pitch; use `tilt` explicitly for such large slopes.)
    public static let randomRangeDeg = (yaw: 5.0, pitch: 10.0, roll: 5.0)

    /// A tilt drawn uniformly from `randomRangeDeg`.
    static func random(using rng: inout SplitMix64) -> SensorTilt {
        let r = randomRangeDeg
        let yaw = rng.uniform(-r.yaw, r.yaw)
        let pitch = rng.uniform(-r.pitch, r.pitch)
        let roll = rng.uniform(-r.roll, r.roll)
        return SensorTilt(yawDeg: yaw, pitchDeg: pitch, rollDeg: roll)
    }
}
