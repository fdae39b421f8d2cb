import CFFTW
import Synchronization

/// The one place GaitKit touches FFTW (FFTW 3, Frigo & Johnson, Proc. IEEE 93(2):216–231, 2005,
/// doi:10.1109/JPROC.2004.840301).
///
/// A `RealFFT` plans a real-to-complex and a complex-to-real transform of one size once and runs
/// them many times on its own aligned buffers. Planning is serialized behind a process-wide lock
/// (the FFTW planner is not thread-safe; executing a plan is). Planning uses `FFTW_ESTIMATE`:
/// within ~25 % of MEASURE at these sizes, and it costs microseconds instead of up to 0.7 s
/// (../shared/swift-notes.md), which matters for thousands of short files in a batch.
///
/// Not `Sendable`: each engine owns its instances. Transforms are unnormalized, as FFTW's are.
public final class RealFFT {
    public let size: Int
    /// `size / 2 + 1` complex bins.
    public var binCount: Int { size / 2 + 1 }

    private let real: UnsafeMutablePointer<Double>
    private let complex: UnsafeMutablePointer<fftw_complex>
    private let forwardPlan: fftw_plan
    private let inversePlan: fftw_plan

    private static let plannerLock = Mutex(())

    public init(size: Int) {
        precondition(size >= 2, "FFT size must be at least 2")
        self.size = size
        let r = fftw_alloc_real(size)!
        let c = fftw_alloc_complex(size / 2 + 1)!
        let plans = Self.plannerLock.withLock { _ in
            PlanPair(forward: fftw_plan_dft_r2c_1d(Int32(size), r, c, UInt32(FFTW_ESTIMATE))!,
                     inverse: fftw_plan_dft_c2r_1d(Int32(size), c, r, UInt32(FFTW_ESTIMATE))!)
        }
        real = r
        complex = c
        forwardPlan = plans.forward
        inversePlan = plans.inverse
    }

    /// Plans leave the planner's critical section in this box; FFTW plans are safe to execute
    /// from any thread once made.
    private struct PlanPair: @unchecked Sendable {
        let forward: fftw_plan
        let inverse: fftw_plan
    }

    deinit {
        Self.plannerLock.withLock { _ in
            fftw_destroy_plan(forwardPlan)
            fftw_destroy_plan(inversePlan)
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
        fftw_execute(forwardPlan)
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
        fftw_execute(inversePlan)
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
