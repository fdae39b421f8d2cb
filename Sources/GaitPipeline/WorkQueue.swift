import Foundation

/// Runs items `0..<count` on a fixed number of threads, each thread taking the next item when it
/// is free (recordings differ in length by orders of magnitude, so fixed slices would leave cores
/// idle). The one worker pool behind `gait batch` and the validation commands.
public enum WorkQueue {
    /// The results in item order. `body` runs on the worker threads, its calls overlapping;
    /// `finished` is called after each item (calls may overlap) with the item, its result and how
    /// many items have finished so far.
    public static func run<T: Sendable>(_ count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> T,
                                        finished: @escaping @Sendable (_ item: Int, _ result: T, _ done: Int) -> Void = { _, _, _ in })
        -> [T] {
        let state = State<T>(count: count)
        let group = DispatchGroup()
        for _ in 0..<min(max(threads, 1), max(count, 1)) {
            group.enter()
            let worker = Thread {
                while let i = state.take() {
                    let r = body(i)
                    finished(i, r, state.store(r, at: i))
                }
                group.leave()
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        group.wait()
        return state.results.map { $0! }
    }

    /// The next item to take and the results so far, behind one lock.
    private final class State<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var done = 0
        private(set) var results: [T?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < results.count else { return nil }
            next += 1
            return next - 1
        }

        /// Stores a result; returns how many items have finished.
        func store(_ r: T, at i: Int) -> Int {
            lock.lock()
            defer { lock.unlock() }
            results[i] = r
            done += 1
            return done
        }
    }
}
