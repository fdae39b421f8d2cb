/// Thins a series of (x, y) points for drawing by keeping, in each of `maxPoints / 2` equal
/// bins of x, the point with the lowest y and the one with the highest. The drawn series keeps
/// every extreme (an outlier step is never averaged away) and its envelope over time, at a
/// bounded size: a week of steps (~600 000) draws as at most `maxPoints` points.
///
/// O(n) time, O(bins) memory. Points whose x or y is not finite are dropped.
public enum MinMaxThinning {
    /// The indices of the points to draw, ascending. All finite points when there are at most
    /// `maxPoints` of them; otherwise at most `maxPoints` (`maxPoints` ≥ 2).
    public static func indices(x: [Double], y: [Double], maxPoints: Int) -> [Int] {
        precondition(x.count == y.count, "x and y must have the same length")
        precondition(maxPoints >= 2, "maxPoints must be at least 2")
        let finite = x.indices.filter { x[$0].isFinite && y[$0].isFinite }
        guard finite.count > maxPoints, let lo = finite.lazy.map({ x[$0] }).min(),
              let hi = finite.lazy.map({ x[$0] }).max(), hi > lo
        else {
            return finite.count > maxPoints ? Self.extremes(finite, y) : finite
        }
        let bins = maxPoints / 2
        let scale = Double(bins) / (hi - lo)
        var lowest = [Int](repeating: -1, count: bins)
        var highest = [Int](repeating: -1, count: bins)
        for i in finite {
            let b = Swift.min(bins - 1, Int((x[i] - lo) * scale))
            if lowest[b] < 0 || y[i] < y[lowest[b]] { lowest[b] = i }
            if highest[b] < 0 || y[i] > y[highest[b]] { highest[b] = i }
        }
        var kept: [Int] = []
        kept.reserveCapacity(2 * bins)
        for b in 0..<bins where lowest[b] >= 0 {
            kept.append(Swift.min(lowest[b], highest[b]))
            if lowest[b] != highest[b] { kept.append(Swift.max(lowest[b], highest[b])) }
        }
        return kept.sorted()
    }

    /// All points at one x: the lowest and the highest.
    private static func extremes(_ finite: [Int], _ y: [Double]) -> [Int] {
        let low = finite.min { y[$0] < y[$1] }!
        let high = finite.max { y[$0] < y[$1] }!
        return low == high ? [low] : [low, high].sorted()
    }
}
