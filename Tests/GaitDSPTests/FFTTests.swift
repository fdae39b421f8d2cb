import Foundation
import GaitTestSupport
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
}
