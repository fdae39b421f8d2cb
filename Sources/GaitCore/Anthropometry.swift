/// Body proportions used where a subject's own measurement is missing. One definition, shared by
/// the analysis (pendulum length) and the simulator, so the two cannot drift apart.
public enum Anthropometry {
    /// Height of a lower-back (L5) sensor as a fraction of body height: 0.56. The hip-joint
    /// centre lies at about 0.53 × height (segment proportions of Drillis & Contini 1966, as
    /// tabulated by Winter, Biomechanics and Motor Control of Human Movement, 4th ed., 2009);
    /// L5 lies a few centimetres above it.
    public static let sensorHeightFraction = 0.56
    /// Leg (hip-joint) length as a fraction of body height (Winter 2009).
    public static let legLengthFraction = 0.53
    /// Sensor height assumed when neither it nor body height is known, m: 0.56 × 1.70 m.
    public static let defaultSensorHeightM = 0.95
}
