import Foundation
import GaitCore
import GaitPipeline

/// `body(0..<count)` on all cores, in order; the first error (by index) is thrown.
/// `body` escapes: the worker threads may hold it a moment after their last item.
func parallelMap<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws(GaitError) -> T) throws(GaitError) -> [T] {
    let results = WorkQueue.run(count, threads: ProcessInfo.processInfo.activeProcessorCount) { i in
        Result { () throws(GaitError) -> T in try body(i) }
    }
    var out = [T]()
    out.reserveCapacity(count)
    for r in results { out.append(try r.get()) }
    return out
}
