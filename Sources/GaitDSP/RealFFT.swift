import CFFTW
import Synchronization

/// The one place GaitKit touches FFTW (FFTW 3, Frigo & Johnson, Proc. IEEE 93(2):216–231, 2005,
/// doi:10.1109/JPROC.2004.840301).
///
/// A `RealFFT` runs a real-to-complex and a complex-to-real transform of one size many times on
/// its own aligned buffers. Plans are made once per size for the whole process and shared
/// (`PlanCache`): each instance executes them on its own buffers with FFTW's new-array execute
/// functions, which are thread-safe on a shared plan. Planning is serialized behind a
/// process-wide lock (the FFTW planner is not thread-safe). Planning uses `FFTW_ESTIMATE`:
/// within ~25 % of MEASURE at these sizes, and it costs microseconds instead of up to 0.7 s
/// (../shared/swift-notes.md), which matters for thousands of short files in a batch; shared, it
/// is not repeated for every analysis window (it was 5–9 % of an hour's analysis, twiddle
/// factors included).
///
/// Not `Sendable`: each engine owns its instances. Transforms are unnormalized, as FFTW's are.
public final class RealFFT {
    public let size: Int
    /// `size / 2 + 1` complex bins.
    public var binCount: Int { size / 2 + 1 }

    private let real: UnsafeMutablePointer<Double>
    private let complex: UnsafeMutablePointer<fftw_complex>
    private let plans: PlanPair
    /// Whether `plans` are this instance's own (the cache was full) and die with it.
    private let ownsPlans: Bool

    private static let plannerLock = Mutex(PlanCache())

    public init(size: Int) {
        precondition(size >= 2, "FFT size must be at least 2")
        self.size = size
        let r = fftw_alloc_real(size)!
        let c = fftw_alloc_complex(size / 2 + 1)!
        (plans, ownsPlans) = Self.plannerLock.withLock { cache in
            if let shared = cache.plans[size] { return (shared, false) }
            let made = PlanPair(forward: fftw_plan_dft_r2c_1d(Int32(size), r, c, UInt32(FFTW_ESTIMATE))!,
                                inverse: fftw_plan_dft_c2r_1d(Int32(size), c, r, UInt32(FFTW_ESTIMATE))!)
            guard cache.plans.count < PlanCache.capacity else { return (made, true) }
            cache.plans[size] = made
            return (made, false)
        }
        real = r
        complex = c
    }

    /// Plans leave the planner's critical section in this box; FFTW plans are safe to execute
    /// from any thread once made.
    private struct PlanPair: @unchecked Sendable {
        let forward: fftw_plan
        let inverse: fftw_plan
    }

    /// The plans of every size made so far, kept for the life of the process. Analysis windows,
    /// strides and bouts use a few dozen sizes; `capacity` bounds the cache where a batch of odd
    /// lengths would make more, and plans beyond it belong to their instance, as before.
    private struct PlanCache {
        static let capacity = 256
        var plans: [Int: PlanPair] = [:]
    }

    deinit {
        if ownsPlans {
            Self.plannerLock.withLock { _ in
                fftw_destroy_plan(plans.forward)
                fftw_destroy_plan(plans.inverse)
            }
        }
        fftw_free(real)
        fftw_free(complex)
    }

    /// Forward transform of `input` (zero-padded or truncated to `size`). `body` reads the
    /// spectrum as interleaved (re, im) pairs, `binCount` of them.
    public func forward<R>(_ input: UnsafeBufferPointer<Double>,
                           _ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        let n = Swift.min(input.count, size)
        if n > 0 { real.update(from: input.baseAddress!, count: n) }
        if n < size { (real + n).update(repeating: 0, count: size - n) }
        fftw_execute_dft_r2c(plans.forward, real, complex)
        return try body(spectrumBuffer)
    }

    /// The complex buffer as interleaved doubles, for filling before `inverse`.
    public var spectrumBuffer: UnsafeMutableBufferPointer<Double> {
        UnsafeMutableRawPointer(complex).withMemoryRebound(to: Double.self, capacity: 2 * binCount) {
            UnsafeMutableBufferPointer(start: $0, count: 2 * binCount)
        }
    }

    /// Inverse transform of the current contents of `spectrumBuffer`; `body` reads the `size`
    /// real outputs (unnormalized: divide by `size`).
    public func inverse<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        fftw_execute_dft_c2r(plans.inverse, complex, real)
        return try body(UnsafeBufferPointer(start: real, count: size))
    }

    /// The smallest size ≥ `n` whose only prime factors are 2, 3 and 5 (fast for FFTW).
    public static func goodSize(atLeast n: Int) -> Int {
        var m = Swift.max(n, 2)
        while true {
            var k = m
            for p in [2, 3, 5] { while k % p == 0 { k /= p } }
            if k == 1 { return m }
            m += 1
        }
    }
}
