import Foundation
import GaitCore
import GaitPipeline

/// `body(0..<count)` on all cores, in order; the first error (by index) is thrown.
func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws(GaitError) -> T) throws(GaitError) -> [T] {
    // WorkQueue returns only when every item has run, so `body` does not outlive this call.
    let results = withoutActuallyEscaping(body) { body in
        WorkQueue.run(count, threads: ProcessInfo.processInfo.activeProcessorCount) { i in
            Result { () throws(GaitError) -> T in try body(i) }
        }
    }
    var out = [T]()
    out.reserveCapacity(count)
    for r in results { out.append(try r.get()) }
    return out
}
