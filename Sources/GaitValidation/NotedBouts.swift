import GaitCore

/// On recordings where every bout is walking: the bouts found, and those noted as possibly not
/// walking (`GaitMeasures.isUnlikeWalking`, docs/algorithms/bouts-and-measures.md), each of them a
/// false alarm. Counted per recording and summed over a report.
public struct NotedBouts: Sendable {
    public private(set) var bouts = 0
    public private(set) var unlikeWalking = 0

    public init(_ found: [Bout]) {
        bouts = found.count
        unlikeWalking = found.filter(\.measures.isUnlikeWalking).count
    }

    /// The sum over recordings.
    public init(summing parts: some Sequence<NotedBouts>) {
        for p in parts {
            bouts += p.bouts
            unlikeWalking += p.unlikeWalking
        }
    }

    /// "N of M", as the reports print it.
    public var text: String { "\(unlikeWalking) of \(bouts)" }
}
