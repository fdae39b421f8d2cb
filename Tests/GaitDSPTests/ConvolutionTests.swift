import Foundation
import GaitTestSupport
import XCTest

@testable import GaitDSP

final class ConvolutionTests: XCTestCase {
    /// FFT convolution against direct convolution on the reflected signal.
    func testMatchesDirectConvolution() {
        var rng = SeededGenerator(seed: 3)
        let x = (0..<500).map { _ in Double.random(in: -1...1, using: &rng) }
        let kernel = (0..<11).map { _ in Double.random(in: -1...1, using: &rng) }
        let conv = FFTConvolver(kernel: kernel, center: 5)
        let y = conv.apply(x)
        let padded = FFTConvolver.reflectPad(x, pad: kernel.count)
        for i in 0..<x.count {
            var s = 0.0
            for j in 0..<kernel.count { s += padded[kernel.count + i + 5 - j] * kernel[j] }
            XCTAssertEqual(y[i], s, accuracy: 1e-10, "sample \(i)")
        }
    }

    /// The Gaussian derivative of a sine is the derivative of the attenuated sine.
    func testGaussianDerivativeOfSine() {
        let rate = 100.0, f = 1.0, sigma = 5.0
        let x = (0..<2000).map { sin(2 * Double.pi * f * Double($0) / rate) }
        let d = GaussianKernel.derivative(sigma: sigma).apply(x)
        let w = 2 * Double.pi * f / rate
        let attenuation = exp(-0.5 * w * w * sigma * sigma)
        for i in 200..<1800 {
            XCTAssertEqual(d[i], w * attenuation * cos(w * Double(i)), accuracy: 2e-4)
        }
    }

    func testSmoothingPreservesConstant() {
        let y = GaussianKernel.smoothing(sigma: 8).apply([Double](repeating: 3.5, count: 100))
        for v in y { XCTAssertEqual(v, 3.5, accuracy: 1e-12) }
    }
}
