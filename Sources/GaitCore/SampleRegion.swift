/// A half-open region `[start, end)` in samples, counted from the first sample of a segment or
/// recording (the owner says which). One type for every region in the project.
public struct SampleRegion: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(end >= start, "a region ends at or after its start")
        self.start = start
        self.end = end
    }

    @inlinable public var count: Int { end - start }
    @inlinable public var isEmpty: Bool { end == start }
    @inlinable public func contains(_ index: Int) -> Bool { index >= start && index < end }

    /// The overlap of two regions, or nil when they do not overlap.
    public func intersection(_ other: SampleRegion) -> SampleRegion? {
        let s = Swift.max(start, other.start), e = Swift.min(end, other.end)
        return e > s ? SampleRegion(start: s, end: e) : nil
    }
}
