import Foundation
import GaitTestSupport
import Synchronization
import XCTest

@testable import GaitDSP

/// FFTW against a naive DFT (the oracle), on seeded random input.
final class FFTTests: XCTestCase {
    func testForwardMatchesNaiveDFT() {
        var rng = SeededGenerator(seed: 42)
        for n in [8, 30, 64, 125, 1000] {
            let x = (0..<n).map { _ in Double.random(in: -1...1, using: &rng) }
            let fft = RealFFT(size: n)
            let spec = x.withUnsafeBufferPointer { b in fft.forward(b) { Array($0) } }
            for k in 0...(n / 2) {
                var re = 0.0, im = 0.0
                for t in 0..<n {
                    let a = -2 * Double.pi * Double(k * t) / Double(n)
                    re += x[t] * cos(a)
                    im += x[t] * sin(a)
                }
                XCTAssertEqual(spec[2 * k], re, accuracy: 1e-9 * Double(n), "n=\(n) k=\(k) re")
                XCTAssertEqual(spec[2 * k + 1], im, accuracy: 1e-9 * Double(n), "n=\(n) k=\(k) im")
            }
        }
    }

    func testInverseRoundTrip() {
        var rng = SeededGenerator(seed: 7)
        let n = 360
        let x = (0..<n).map { _ in Double.random(in: -5...5, using: &rng) }
        let fft = RealFFT(size: n)
        x.withUnsafeBufferPointer { b in fft.forward(b) { _ in } }
        let back = fft.inverse { $0.map { $0 / Double(n) } }
        for i in 0..<n { XCTAssertEqual(back[i], x[i], accuracy: 1e-12) }
    }

    func testGoodSizeIsSmoothAndMinimal() {
        XCTAssertEqual(RealFFT.goodSize(atLeast: 7), 8)
        XCTAssertEqual(RealFFT.goodSize(atLeast: 97), 100)
        XCTAssertEqual(RealFFT.goodSize(atLeast: 1), 2)
    }

    /// Planning from many threads at once must not crash (the planner is behind a lock).
    func testConcurrentPlanning() {
        DispatchQueue.concurrentPerform(iterations: 32) { i in
            let fft = RealFFT(size: 64 + i)
            let x = [Double](repeating: 1, count: 64 + i)
            let dc = x.withUnsafeBufferPointer { b in fft.forward(b) { $0[0] } }
            XCTAssertEqual(dc, Double(64 + i), accuracy: 1e-9)
        }
    }

    /// Instances of one size share the process's plans and run them on their own buffers, from
    /// many threads at once: each must give what a lone instance gives, bit for bit, forward and
    /// back (a shared buffer or an in-place plan would mix the threads' signals).
    func testSharedPlansOnTheirOwnBuffers() {
        let size = 360
        @Sendable func signal(_ k: Int) -> [Double] { (0..<size).map { sin(Double($0 * (k + 1)) * 0.05) + Double(k) } }
        @Sendable func transform(_ fft: RealFFT, _ x: [Double]) -> (spectrum: [Double], back: [Double]) {
            let spectrum = x.withUnsafeBufferPointer { b in fft.forward(b) { Array($0) } }
            return (spectrum, fft.inverse { Array($0) })
        }
        let alone = (0..<16).map { transform(RealFFT(size: size), signal($0)) }
        let results = Mutex([Int: (spectrum: [Double], back: [Double])]())
        DispatchQueue.concurrentPerform(iterations: 16) { k in
            let fft = RealFFT(size: size)
            var last = transform(fft, signal(k))
            for _ in 0..<50 { last = transform(fft, signal(k)) }
            results.withLock { $0[k] = last }
        }
        for k in 0..<16 {
            let r = results.withLock { $0[k] }
            XCTAssertEqual(r?.spectrum, alone[k].spectrum, "signal \(k)")
            XCTAssertEqual(r?.back, alone[k].back, "signal \(k)")
            XCTAssertEqual(r?.back.first ?? .nan, signal(k)[0] * Double(size), accuracy: 1e-9 * Double(size))
        }
    }
}
