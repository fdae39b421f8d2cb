import Foundation
import GaitCore

/// `body(0..<count)` on all cores, in order; the first error (by index) is thrown.
func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws(GaitError) -> T) throws(GaitError) -> [T] {
    let results = IndexedResults<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        results.set(i, Result { () throws(GaitError) -> T in try body(i) })
    }
    var out = [T]()
    out.reserveCapacity(count)
    for r in results.values { out.append(try r!.get()) }
    return out
}

/// Per-index results written from concurrent workers.
private final class IndexedResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<T, GaitError>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<T, GaitError>) { lock.lock(); values[i] = r; lock.unlock() }
}
