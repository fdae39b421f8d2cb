import Foundation
@testable import GaitIngest

/// Small recordings generated in the tests, each with the values it should read back.
enum Fixtures {
    /// Acceleration (m/s²) and angular rate (rad/s) of a quiet lower-back sensor at time `t`,
    /// with gravity split over x and z like the Xsens recordings.
    static func motion(_ t: Double) -> (acc: SIMD3<Double>, gyr: SIMD3<Double>) {
        let acc = SIMD3(8.2 + 0.05 * sin(2 * .pi * 1.1 * t), 0.1 + 0.02 * cos(2 * .pi * 0.7 * t), 5.9 + 0.03 * sin(2 * .pi * 2.3 * t))
        let gyr = SIMD3(0.01 * sin(2 * .pi * 0.9 * t), -0.02 * cos(2 * .pi * 1.7 * t), 0.015 * sin(2 * .pi * 0.3 * t))
        return (acc, gyr)
    }

    /// Walking-like motion: acceleration in g around 1 g, angular rate in rad/s up to ~1.5.
    static func walking(_ t: Double) -> (acc: SIMD3<Double>, gyr: SIMD3<Double>) {
        let f = 1.8
        let acc = SIMD3(0.15 * sin(2 * .pi * f * t), 0.1 * sin(.pi * f * t + 0.3), 1 + 0.3 * sin(2 * .pi * f * t + 1))
        let gyr = SIMD3(1.2 * sin(.pi * f * t), 0.8 * cos(2 * .pi * f * t), 1.5 * sin(.pi * f * t + 0.5))
        return (acc, gyr)
    }

    static func f6(_ v: Double) -> String { Ingest.fixed(v, 6) }

    /// The Xsens MTw export layout: a rate line, a tab-separated header with magnetometer columns
    /// and a PacketCounter written as `12.0`, one row per counter value in `counters`.
    static func xsens(counters: [Int], rateLine: String = "Acquisition frequency: 100 Hz", lineEnd: String = "\n") -> String {
        var s = rateLine + lineEnd
        s += "PacketCounter\tAcc_X\tAcc_Y\tAcc_Z\tGyr_X\tGyr_Y\tGyr_Z\tMag_X\tMag_Y\tMag_Z" + lineEnd
        for c in counters {
            let (a, g) = motion(Double(c) / 100)
            s += "\(c).0\t\(f6(a.x))\t\(f6(a.y))\t\(f6(a.z))\t\(f6(g.x))\t\(f6(g.y))\t\(f6(g.z))\t-0.289795\t0.073486\t-0.801758" + lineEnd
        }
        return s
    }

    /// The values an Xsens fixture row holds, as the reader parses them.
    static func xsensRow(_ c: Int) -> (acc: SIMD3<Double>, gyr: SIMD3<Double>) {
        let (a, g) = motion(Double(c) / 100)
        func r(_ v: Double) -> Double { Double(f6(v))! }
        return (SIMD3(r(a.x), r(a.y), r(a.z)), SIMD3(r(g.x), r(g.y), r(g.z)))
    }

    /// Comma-separated, `time_s` in seconds, acceleration in g and angular rate in rad/s or deg/s.
    static func secondsCSV(times: [Double], degrees: Bool = false, gInUnits: Bool = true, decimals: Int = 3) -> String {
        var s = "time_s,ax,ay,az,gx,gy,gz\n"
        for t in times {
            let (a, g) = walking(t)
            let acc = gInUnits ? a : a * 9.80665
            let gyr = degrees ? g * (180 / .pi) : g
            s += "\(Ingest.fixed(t, decimals)),\(f6(acc.x)),\(f6(acc.y)),\(f6(acc.z)),\(f6(gyr.x)),\(f6(gyr.y)),\(f6(gyr.z))\n"
        }
        return s
    }

    /// No time column: `ax,ay,az` in m/s² for `n` rows at 50 Hz.
    static func noTime(n: Int) -> String {
        var s = "ax,ay,az\n"
        for i in 0..<n {
            let (a, _) = motion(Double(i) / 50)
            s += "\(f6(a.x)),\(f6(a.y)),\(f6(a.z))\n"
        }
        return s
    }
}
