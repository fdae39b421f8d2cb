import Foundation
import GaitTestSupport
import XCTest

@testable import GaitDSP

/// Filters are tested by their frequency response (masks), not their coefficients.
final class FilterTests: XCTestCase {
    func testLowPassMask() {
        let f = ButterworthFilter(.lowPass(5), order: 4, rate: 100)
        XCTAssertEqual(f.magnitude(at: 0.001), 1, accuracy: 1e-6)
        XCTAssertEqual(f.magnitude(at: 5), 1 / 2.0.squareRoot(), accuracy: 1e-6)  // −3 dB at cut-off
        XCTAssertLessThan(f.magnitude(at: 20), 0.01)  // 4th order: ≥ 40 dB down two octaves up
    }

    func testHighPassAndBandPassMasks() {
        let h = ButterworthFilter(.highPass(1), order: 2, rate: 100)
        XCTAssertEqual(h.magnitude(at: 1), 1 / 2.0.squareRoot(), accuracy: 1e-6)
        XCTAssertLessThan(h.magnitude(at: 0.1), 0.011)
        let b = ButterworthFilter(.bandPass(0.5, 3), order: 2, rate: 100)
        XCTAssertGreaterThan(b.magnitude(at: 1.2), 0.9)
        XCTAssertLessThan(b.magnitude(at: 20), 0.03)
        XCTAssertLessThan(b.magnitude(at: 0.05), 0.02)
    }

    /// filtfilt of a sine in the pass band returns the sine with no phase shift; in the stop band
    /// it removes it.
    func testFiltfiltZeroPhase() {
        let rate = 100.0
        let t = (0..<3000).map { Double($0) / rate }
        let slow = t.map { sin(2 * Double.pi * 1.0 * $0) }
        let fast = t.map { 0.5 * sin(2 * Double.pi * 25 * $0) }
        let y = ButterworthFilter(.lowPass(5), order: 4, rate: rate).filtfilt(zip(slow, fast).map(+))
        for i in 300..<2700 { XCTAssertEqual(y[i], slow[i], accuracy: 2e-3) }
    }

    func testPeaksRespectDistanceAndHeight() {
        let x: [Double] = [0, 1, 0, 3, 0, 2, 0, 0, 5, 0]
        XCTAssertEqual(Signal.peaks(x), [1, 3, 5, 8])
        XCTAssertEqual(Signal.peaks(x, minHeight: 2), [3, 5, 8])
        XCTAssertEqual(Signal.peaks(x, minDistance: 3), [3, 8])
    }

    func testInterpolateBetweenSamples() {
        let x: [Double] = [0, 2, 3, -1]
        XCTAssertEqual(Signal.interpolate(x, at: 0.25), 0.5, accuracy: 1e-12)
        XCTAssertEqual(Signal.interpolate(x, at: 2.5), 1, accuracy: 1e-12)
        XCTAssertEqual(Signal.interpolate(x, at: -1), 0, "clamped at the start")
        XCTAssertEqual(Signal.interpolate(x, at: 7), -1, "clamped at the end")
    }

    func testDominantFrequencyAndAutocorrelation() {
        let rate = 100.0
        let x = (0..<2000).map { sin(2 * Double.pi * 1.83 * Double($0) / rate) }
        XCTAssertEqual(Spectrum.dominantFrequency(x, rate: rate, band: 0.5...4)!, 1.83, accuracy: 0.01)
        let r = Autocorrelation.unbiased(x, maxLag: 200)
        XCTAssertEqual(r[0], 1, accuracy: 1e-12)
        // One period (54.6 samples) later the unbiased autocorrelation is back near 1.
        XCTAssertGreaterThan(r[55], 0.98)
        XCTAssertLessThan(r[27], -0.98)
    }
}
