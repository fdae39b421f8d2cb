/// One-to-one matching of detected events to reference events within a tolerance, as used to
/// score contact detectors (e.g. Micó-Amigo et al. 2023): pairs are taken in order of increasing
/// time difference, each event used at most once. For event sequences whose spacing exceeds
/// twice the tolerance this equals the optimal assignment. O((n + m) log(n + m)).
public struct MatchResult: Hashable, Sendable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    /// detected − reference, seconds, for each matched pair.
    public var errors: [Double]
    /// (detected index, reference index) of each matched pair.
    public var pairs: [Pair]

    public struct Pair: Hashable, Sendable {
        public var detected: Int
        public var reference: Int
    }

    public var f1: Double {
        let d = 2 * truePositives + falsePositives + falseNegatives
        return d == 0 ? 1 : Double(2 * truePositives) / Double(d)
    }

    public static func + (a: MatchResult, b: MatchResult) -> MatchResult {
        MatchResult(truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
                    falseNegatives: a.falseNegatives + b.falseNegatives, errors: a.errors + b.errors, pairs: [])
    }

    public static let empty = MatchResult(truePositives: 0, falsePositives: 0, falseNegatives: 0, errors: [], pairs: [])
}

public enum EventMatcher {
    public static func match(detected: [Double], reference: [Double], tolerance: Double) -> MatchResult {
        var candidates = [(d: Double, i: Int, j: Int)]()
        let order = reference.indices.sorted { reference[$0] < reference[$1] }
        let sortedRef = order.map { reference[$0] }
        for (i, t) in detected.enumerated() {
            // Reference events within tolerance of t (binary search for the window start).
            var lo = 0, hi = sortedRef.count
            while lo < hi { let mid = (lo + hi) / 2; if sortedRef[mid] < t - tolerance { lo = mid + 1 } else { hi = mid } }
            var k = lo
            while k < sortedRef.count && sortedRef[k] <= t + tolerance {
                candidates.append((abs(sortedRef[k] - t), i, order[k]))
                k += 1
            }
        }
        candidates.sort { $0.d < $1.d || ($0.d == $1.d && ($0.i, $0.j) < ($1.i, $1.j)) }
        var usedD = Set<Int>(), usedR = Set<Int>()
        var pairs = [MatchResult.Pair](), errors = [Double]()
        for c in candidates where !usedD.contains(c.i) && !usedR.contains(c.j) {
            usedD.insert(c.i)
            usedR.insert(c.j)
            pairs.append(.init(detected: c.i, reference: c.j))
            errors.append(detected[c.i] - reference[c.j])
        }
        return MatchResult(truePositives: pairs.count, falsePositives: detected.count - pairs.count,
                           falseNegatives: reference.count - pairs.count, errors: errors, pairs: pairs)
    }
}
