#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small numeric helpers over arrays of samples. All O(n) unless noted.
public enum Signal {
    /// Indices of local maxima (strictly greater than the left neighbour, ≥ the right one) whose
    /// value is at least `minHeight`, thinned so that no two are closer than `minDistance`
    /// samples (the higher one wins, as scipy.signal.find_peaks's `distance`). O(n + p log p).
    public static func peaks(_ x: [Double], minHeight: Double = -.infinity, minDistance: Int = 1) -> [Int] {
        guard x.count >= 3 else { return [] }
        var candidates = [Int]()
        var i = 1
        while i < x.count - 1 {
            if x[i] > x[i - 1] && x[i] >= minHeight {
                // Walk a plateau to its end; a peak needs a lower right neighbour.
                var j = i
                while j + 1 < x.count && x[j + 1] == x[i] { j += 1 }
                if j + 1 < x.count && x[j + 1] < x[i] { candidates.append((i + j) / 2) }
                i = j + 1
            } else {
                i += 1
            }
        }
        guard minDistance > 1, candidates.count > 1 else { return candidates }
        var keep = [Bool](repeating: true, count: candidates.count)
        for k in candidates.indices.sorted(by: { x[candidates[$0]] > x[candidates[$1]] }) where keep[k] {
            var l = k - 1
            while l >= 0 && candidates[k] - candidates[l] < minDistance { keep[l] = false; l -= 1 }
            var r = k + 1
            while r < candidates.count && candidates[r] - candidates[k] < minDistance { keep[r] = false; r += 1 }
        }
        return candidates.indices.filter { keep[$0] }.map { candidates[$0] }
    }

    /// Index of the largest value in `x[range]`.
    public static func argmax(_ x: [Double], in range: Range<Int>) -> Int? {
        let r = range.clamped(to: 0..<x.count)
        guard !r.isEmpty else { return nil }
        var best = r.lowerBound
        for i in r where x[i] > x[best] { best = i }
        return best
    }

    public static func mean(_ x: some Collection<Double>) -> Double {
        x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count)
    }

    public static func standardDeviation(_ x: some Collection<Double>) -> Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
    }

    /// Linear-interpolated percentile (0...100), as numpy's default. O(n log n).
    public static func percentile(_ x: [Double], _ p: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        return interpolate(x.sorted(), at: p / 100 * Double(x.count - 1))
    }

    public static func median(_ x: [Double]) -> Double { percentile(x, 50) }

    /// x at a fractional index t, linearly between its samples (clamped to the ends).
    public static func interpolate(_ x: [Double], at t: Double) -> Double {
        let i = Swift.max(0, Swift.min(x.count - 1, Int(t.rounded(.down))))
        guard i + 1 < x.count else { return x[i] }
        let f = Swift.max(0, Swift.min(1, t - Double(i)))
        return x[i] + f * (x[i + 1] - x[i])
    }

    /// Running integral by the trapezoidal rule, starting at 0; `rate` in samples per second.
    public static func cumulativeIntegral(_ x: [Double], rate: Double) -> [Double] {
        var out = [Double](repeating: 0, count: x.count)
        for i in x.indices.dropFirst() { out[i] = out[i - 1] + 0.5 * (x[i] + x[i - 1]) / rate }
        return out
    }

    /// Root mean square after removing the mean.
    public static func rms(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        let m = mean(x)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count)).squareRoot()
    }
}
