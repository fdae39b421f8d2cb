/// Uniformly sampled motion of the lower-back sensor, in the sensor's own axes.
///
/// Acceleration is specific force in m/s² (gravity included, as an accelerometer reads it);
/// angular rate is in rad/s. Units are converted on ingest, so every stage after it sees SI.
/// A value carries its rate and where it starts, so a rate or origin mismatch cannot be silent.
public struct MotionSamples: Sendable {
    public var rate: SamplingRate
    /// Index of the first sample, counted from the start of its segment.
    public var firstIndex: Int
    public var acc: [SIMD3<Double>]
    /// Empty when the recording has no gyroscope; otherwise `gyr.count == acc.count`.
    public var gyr: [SIMD3<Double>]

    public init(rate: SamplingRate, firstIndex: Int, acc: [SIMD3<Double>], gyr: [SIMD3<Double>] = []) {
        precondition(gyr.isEmpty || gyr.count == acc.count, "gyroscope and accelerometer lengths differ")
        self.rate = rate
        self.firstIndex = firstIndex
        self.acc = acc
        self.gyr = gyr
    }

    public var count: Int { acc.count }
    public var hasGyro: Bool { !gyr.isEmpty }
}

/// A stretch of uniformly sampled, gap-free data. A recording with lost data is split into
/// segments that are analysed separately.
public struct SegmentStart: Hashable, Sendable {
    /// Time of the segment's first sample, in seconds from the first sample of the recording.
    public var startTime: Double
    public var rate: SamplingRate
    public var hasGyro: Bool

    public init(startTime: Double, rate: SamplingRate, hasGyro: Bool) {
        self.startTime = startTime
        self.rate = rate
        self.hasGyro = hasGyro
    }
}

/// What the ingest stage hands to analysis, in order: a segment starts, its samples follow in
/// one or more pieces, and it ends (at a gap that splits the recording, or at the end of input).
public enum SampleStreamEvent: Sendable {
    case segmentStart(SegmentStart)
    case samples(MotionSamples)
    case segmentEnd
}
