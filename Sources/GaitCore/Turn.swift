/// A turn: a change of walking (or standing) direction found from the yaw rate of the trunk
/// (docs/algorithms/turns.md). Times are seconds from the first sample of the input.
public struct Turn: Hashable, Sendable {
    /// First sample whose yaw rate rose above the edge threshold (5 deg/s by default).
    public var startS: Double
    /// First sample after the turn whose yaw rate fell back below the edge threshold.
    public var endS: Double
    /// Heading change, degrees: positive counter-clockwise seen from above (a turn to the left),
    /// negative clockwise (to the right).
    public var angleDeg: Double
    /// |angle| / duration, deg/s (a magnitude: the direction is the sign of `angleDeg`).
    public var meanAngularVelocityDegps: Double
    /// Largest |yaw rate| of the low-passed signal inside the turn, deg/s.
    public var peakAngularVelocityDegps: Double
    /// Steps whose initial contact lies in [startS, endS].
    public var nSteps: Int

    public init(startS: Double, endS: Double, angleDeg: Double, meanAngularVelocityDegps: Double,
                peakAngularVelocityDegps: Double, nSteps: Int = 0) {
        self.startS = startS
        self.endS = endS
        self.angleDeg = angleDeg
        self.meanAngularVelocityDegps = meanAngularVelocityDegps
        self.peakAngularVelocityDegps = peakAngularVelocityDegps
        self.nSteps = nSteps
    }

    public var durationS: Double { endS - startS }

    /// Whether `t` lies in the closed interval [startS, endS].
    public func contains(_ t: Double) -> Bool { t >= startS && t <= endS }
}
