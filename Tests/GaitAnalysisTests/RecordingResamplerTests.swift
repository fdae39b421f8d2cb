import GaitCore
import GaitValidation
import XCTest

/// `RecordingResampler` (behind `gait validate voisard --resample` and `--accelerometer-only`): a
/// known signal comes back at the new rate, gaps between segments stay gaps, and at the
/// recording's own rate the samples come back as they were, with or without the gyroscope.
final class RecordingResamplerTests: XCTestCase {
    /// Two segments at 100 Hz, 3 Hz and 1.3 Hz sines on the axes, the second starting after a 2 s gap.
    private func recording() -> [SampleStreamEvent] {
        let rate = SamplingRate(hz: 100)
        func segment(from t0: Double, count: Int) -> [SampleStreamEvent] {
            let t = (0..<count).map { t0 + Double($0) / 100 }
            let acc = t.map { SIMD3(sin(2 * .pi * 3 * $0), 9.81 + cos(2 * .pi * 1.3 * $0), 0.5) }
            let gyr = t.map { SIMD3(0.2 * sin(2 * .pi * 1.3 * $0), 0, -0.1) }
            return [.segmentStart(SegmentStart(startTime: t0, rate: rate, hasGyro: true)),
                    .samples(MotionSamples(rate: rate, firstIndex: 0, acc: acc, gyr: gyr)), .segmentEnd]
        }
        return segment(from: 0, count: 1000) + segment(from: 12, count: 500)
    }

    private func rows(_ csv: String) -> [[Double]] {
        csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    }

    func testUpsampledSignalFollowsTheOriginal() {
        let csv = RecordingResampler.csv(recording(), rateHz: 200)
        XCTAssertTrue(csv.hasPrefix("time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n"))
        let r = rows(csv)
        XCTAssertEqual(r.count, 1999 + 999)
        for row in r where row[0] > 0.05 && row[0] < 9.9 || row[0] > 12.05 && row[0] < 16.9 {
            let t = row[0]
            XCTAssertEqual(row[1], sin(2 * .pi * 3 * t), accuracy: 2e-3, "t = \(t)")
            XCTAssertEqual(row[2], 9.81 + cos(2 * .pi * 1.3 * t), accuracy: 1e-3, "t = \(t)")
            XCTAssertEqual(row[4], 0.2 * sin(2 * .pi * 1.3 * t), accuracy: 1e-3, "t = \(t)")
        }
    }

    func testDownsamplingKeepsTheGaitBandAndTheGap() {
        let r = rows(RecordingResampler.csv(recording(), rateHz: 50))
        XCTAssertEqual(r.count, 500 + 250)
        // The gap: the last row before it and the first after it.
        XCTAssertEqual(r[499][0], 9.98, accuracy: 1e-9)
        XCTAssertEqual(r[500][0], 12, accuracy: 1e-9)
        // 3 Hz is far below the 20 Hz cut-off: it passes (away from the segments' ends).
        for row in r where row[0] > 0.5 && row[0] < 9.5 {
            XCTAssertEqual(row[1], sin(2 * .pi * 3 * row[0]), accuracy: 0.01, "t = \(row[0])")
        }
    }

    func testOwnRateWithoutGyroscopeKeepsTheAccelerometerSamples() {
        let events = recording()
        let r = rows(RecordingResampler.csv(events, rateHz: nil, keepGyroscope: false))
        XCTAssertTrue(RecordingResampler.csv(events, rateHz: nil, keepGyroscope: false).hasPrefix("time_s,acc_x,acc_y,acc_z\n"))
        XCTAssertEqual(r.count, 1000 + 500)
        XCTAssertTrue(r.allSatisfy { $0.count == 4 })
        var k = 0
        for case .samples(let m) in events {
            for a in m.acc {
                XCTAssertEqual(r[k][1], a.x, accuracy: 1e-6)
                XCTAssertEqual(r[k][2], a.y, accuracy: 1e-6)
                XCTAssertEqual(r[k][3], a.z, accuracy: 1e-6)
                k += 1
            }
        }
        XCTAssertEqual(r[999][0], 9.99, accuracy: 1e-9)
        XCTAssertEqual(r[1000][0], 12, accuracy: 1e-9)
    }

    /// Every turn of `--remount` is a rotation (orthonormal rows, determinant +1: a mirror would
    /// reverse the gyroscope's sense of rotation), and it turns the accelerometer and gyroscope
    /// vectors alike.
    func testRemountTurnsEveryVectorByOneRotation() {
        let events = recording()
        for turn in SensorRemount.allCases {
            let m = turn.rows
            for (i, a) in [m.r0, m.r1, m.r2].enumerated() {
                for (j, b) in [m.r0, m.r1, m.r2].enumerated() {
                    XCTAssertEqual((a * b).sum(), i == j ? 1 : 0, accuracy: 1e-12, "\(turn)")
                }
            }
            let cross = SIMD3(m.r1.y * m.r2.z - m.r1.z * m.r2.y, m.r1.z * m.r2.x - m.r1.x * m.r2.z,
                              m.r1.x * m.r2.y - m.r1.y * m.r2.x)
            XCTAssertEqual((m.r0 * cross).sum(), 1, accuracy: 1e-12, "\(turn): determinant")
            let r = rows(RecordingResampler.csv(events, rateHz: nil, remount: turn))
            var k = 0
            for case .samples(let s) in events {
                for (a, g) in zip(s.acc, s.gyr) {
                    let ta = m * a, tg = m * g
                    for i in 0..<3 {
                        XCTAssertEqual(r[k][1 + i], ta[i], accuracy: 1e-6, "\(turn)")
                        XCTAssertEqual(r[k][4 + i], tg[i], accuracy: 1e-6, "\(turn)")
                    }
                    k += 1
                }
            }
            XCTAssertEqual(k, r.count)
        }
        // Upside down, about the recording's z (the body's backward axis at L5): x and y change sign.
        let upside = rows(RecordingResampler.csv(events, rateHz: nil, remount: .upsideDown))[0]
        guard case .samples(let first)? = events.dropFirst().first else { return XCTFail("no samples") }
        XCTAssertEqual(upside[1], -first.acc[0].x, accuracy: 1e-6)
        XCTAssertEqual(upside[2], -first.acc[0].y, accuracy: 1e-6)
        XCTAssertEqual(upside[3], first.acc[0].z, accuracy: 1e-6)
    }
}
