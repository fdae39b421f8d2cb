import Foundation
import GaitCore
import GaitValidation
import XCTest

/// The foot-sensor stride reference (`FootStrideReference`) on a foot whose motion is known
/// exactly: it stands, swings forward by a given stride while pitching and lifting, and stands
/// again, with the sensor strapped on at an arbitrary angle and a gyroscope bias.
final class FootStrideReferenceTests: XCTestCase {
    static let rate = 100.0, g = 9.81

    /// Accelerometer and gyroscope of a foot that stands for `standS`, swings to a point `strideM`
    /// ahead and `sideM` to the side in `swingS`, and stands for `standS` again.
    static func foot(strideM: Double, sideM: Double, swingS: Double, standS: Double, heading: Double,
                     mounting: Matrix3, gyroBias: SIMD3<Double>) -> FootStrideReference.Samples {
        let n = Int(((2 * standS + swingS) * rate).rounded()) + 1
        let w = 2 * Double.pi / swingS, lift = 0.12, pitch = 0.7
        let length = (strideM * strideM + sideM * sideM).squareRoot()
        var acc = [SIMD3<Double>](), gyr = [SIMD3<Double>]()
        for i in 0..<n {
            let t = Double(i) / rate - standS
            let swinging = t > 0 && t < swingS
            // Forward s(t) = L (t/T − sin(wt)/2π): zero velocity and acceleration at both ends.
            let sAcc = swinging ? length / swingS * w * sin(w * t) : 0
            // Height z(t) = h (1 − cos wt)² / 4, whose acceleration is also zero at both ends.
            let zAcc = swinging ? lift / 2 * w * w * (pow(sin(w * t), 2) + (1 - cos(w * t)) * cos(w * t)) : 0
            let theta = swinging ? pitch * (1 - cos(w * t)) / 2 : 0
            let thetaRate = swinging ? pitch * w / 2 * sin(w * t) : 0
            let direction = SIMD3(cos(heading), sin(heading), 0) * strideM + SIMD3(-sin(heading), cos(heading), 0) * sideM
            let unit = direction / (direction * direction).sum().squareRoot()
            let worldAcc = unit * sAcc + SIMD3(0, 0, zAcc + g)
            // World from sensor: heading, then the pitch of the foot, then the strap's mounting.
            let worldFromSensor = Matrix3.zyx(yaw: heading, pitch: theta, roll: 0) * mounting
            acc.append(worldFromSensor.transposed * worldAcc)
            gyr.append(mounting.transposed * SIMD3(0, thetaRate, 0) + gyroBias)
        }
        return .init(firstCounter: 0, acc: acc, gyr: gyr, present: .init(repeating: true, count: n))
    }

    func testRecoversAKnownStrideWhateverTheMountingAndBias() {
        let mounting = Matrix3.zyx(yawDeg: 35, pitchDeg: -60, rollDeg: 100)
        for (stride, side) in [(1.35, 0.0), (0.6, 0.1), (1.8, -0.05)] {
            let samples = Self.foot(strideM: stride, sideM: side, swingS: 0.9, standS: 1.2, heading: 0.8,
                                    mounting: mounting, gyroBias: SIMD3(0.01, -0.02, 0.015))
            let strides = FootStrideReference.integrate(samples, stances: [5...110, 215...320], rateHz: Self.rate)
            XCTAssertEqual(strides.count, 1)
            let expected = (stride * stride + side * side).squareRoot()
            XCTAssertEqual(strides.first?.lengthM ?? 0, expected, accuracy: 0.003, "stride \(stride) m")
            XCTAssertEqual(strides.first?.verticalM ?? 1, 0, accuracy: 0.003)
        }
    }

    /// A stride with a lost packet is not integrated: its acceleration is not known throughout.
    func testSkipsAStrideWithALostPacket() {
        var samples = Self.foot(strideM: 1.3, sideM: 0, swingS: 0.9, standS: 1.2, heading: 0,
                                mounting: .identity, gyroBias: .zero)
        XCTAssertEqual(FootStrideReference.integrate(samples, stances: [5...110, 215...320], rateHz: Self.rate).count, 1)
        samples.present[160] = false
        XCTAssertEqual(FootStrideReference.integrate(samples, stances: [5...110, 215...320], rateHz: Self.rate).count, 0)
    }
}
