import Foundation
import GaitCore
@testable import GaitIngest
import GaitTestSupport
import XCTest

final class CSVRecordingReaderTests: XCTestCase {
    // MARK: Xsens layout: preamble, tab, PacketCounter with lost packets

    func testXsensCounterGapsAreBridgedOrSplit() throws {
        // Counters 0…99 with 50, 51 lost (bridged), then 160… skipping 60 (0.61 s > 0.5 s: split), to 249.
        var counters = Array(0...49) + Array(52...99)
        counters += Array(160...249)
        let (events, info) = try Ingest.read(Fixtures.xsens(counters: counters))
        XCTAssertEqual(info.samplingRateHz, 100)
        XCTAssertEqual(info.rateSource, "counter+metadata")
        XCTAssertEqual(info.timeFormat, "counter")
        XCTAssertEqual(info.delimiter, "tab")
        XCTAssertEqual(info.preambleLines, 1)
        XCTAssertEqual(info.accUnits, "m/s2")
        XCTAssertEqual(info.accUnitsSource, "detected")
        XCTAssertEqual(info.gyroUnits, "rad/s")
        XCTAssertEqual(info.columns.map(\.role), ["time", "ax", "ay", "az", "gx", "gy", "gz"])
        XCTAssertEqual(info.columns.map(\.column), ["PacketCounter", "Acc_X", "Acc_Y", "Acc_Z", "Gyr_X", "Gyr_Y", "Gyr_Z"])
        XCTAssertEqual(info.rows, counters.count)
        XCTAssertEqual(info.gaps, [
            Gap(startS: 0.49, endS: 0.52, missingSamples: 2, bridged: true),
            Gap(startS: 0.99, endS: 1.60, missingSamples: 60, bridged: false),
        ])
        XCTAssertEqual(info.segments, 2)
        XCTAssertEqual(info.durationS, 2.5, accuracy: 1e-12)

        let segments = Ingest.segments(events)
        XCTAssertEqual(segments.count, 2)
        XCTAssertEqual(segments[0].startTime, 0)
        XCTAssertEqual(segments[0].acc.count, 100)
        XCTAssertTrue(segments[0].hasGyro)
        // Samples on the counter grid are the rows, bit for bit.
        for c in [0, 49, 52, 99] {
            XCTAssertEqual(segments[0].acc[c], Fixtures.xsensRow(c).acc)
            XCTAssertEqual(segments[0].gyr[c], Fixtures.xsensRow(c).gyr)
        }
        // The two lost samples are linear interpolations of their neighbours.
        let a49 = Fixtures.xsensRow(49).acc, a52 = Fixtures.xsensRow(52).acc
        for (c, w) in [(50, 1.0 / 3), (51, 2.0 / 3)] {
            let expected = a49 + (a52 - a49) * w
            for k in 0..<3 { XCTAssertEqual(segments[0].acc[c][k], expected[k], accuracy: 1e-12) }
        }
        // After the long gap: a new segment at counter 160, t = 1.60 s.
        XCTAssertEqual(segments[1].startTime, 1.6)
        XCTAssertEqual(segments[1].acc.count, 90)
        XCTAssertEqual(segments[1].time(5), 1.65, accuracy: 1e-12)
        XCTAssertEqual(segments[1].acc[5], Fixtures.xsensRow(165).acc)
    }

    func testGapThresholdIsAnOption() throws {
        let counters = Array(0...49) + Array(60...99)  // 10 lost: 0.11 s between rows
        XCTAssertEqual(ReaderOptions(path: "x").maxBridgedGap, 0.5)
        let bridged = try Ingest.read(Fixtures.xsens(counters: counters)).info
        XCTAssertEqual(bridged.segments, 1)
        XCTAssertEqual(bridged.gaps, [Gap(startS: 0.49, endS: 0.6, missingSamples: 10, bridged: true)])
        var options = ReaderOptions(path: "x")
        options.maxBridgedGap = 0.1
        let split = try Ingest.read(Fixtures.xsens(counters: counters), options: options).info
        XCTAssertEqual(split.segments, 2)
        // Exactly at the threshold: 0.1 s between rows (9 lost) is bridged.
        let edge = try Ingest.read(Fixtures.xsens(counters: Array(0...49) + Array(59...99)), options: options).info
        XCTAssertEqual(edge.gaps.map(\.bridged), [true])
        // Just past the default: 0.51 s between rows splits.
        let past = try Ingest.read(Fixtures.xsens(counters: Array(0...49) + Array(100...149))).info
        XCTAssertEqual(past.gaps.map(\.bridged), [false])
    }

    func testRateGivenAboveAnySensorIsRefused() throws {
        // The library path, not only `--rate`: a rate of 10⁹ Hz would bridge a 0.5 s gap with
        // 5 × 10⁸ samples. Every source of the rate: no time column, a counter, timestamps.
        let sources = ["ax,ay,az\n0,0,1\n0,0,1\n", Fixtures.xsens(counters: Array(0..<10)),
                       "t,ax,ay,az\n0,0,0,1\n0.01,0,0,1\n0.02,0,0,1\n"]
        for text in sources {
            XCTAssertThrowsError(try Ingest.read(text, options: ReaderOptions(path: "x.csv", rate: SamplingRate(hz: 1e9)))) { error in
                let gait = error as? GaitError
                XCTAssertEqual(gait?.exitCode, 2)
                XCTAssertEqual(gait?.file, "x.csv")
                XCTAssertTrue("\(error)".contains("above the 10000 Hz"), "\(error)")
            }
            let highest = try Ingest.read(text, options: ReaderOptions(path: "x.csv", rate: SamplingRate(hz: SamplingRate.maximumHz)))
            XCTAssertEqual(highest.info.samplingRateHz, SamplingRate.maximumHz)
        }
    }

    /// Seconds under a header that says milliseconds read as 100 kHz, above any wearable: refused
    /// with the rate the next larger unit gives and the option that names it (before the bound
    /// was lowered from 100 kHz, a 100 Hz walk read this way was 0.06 s long, without a step).
    /// `timeUnits` reads them; it is refused for a column of date-times.
    func testTimestampsInOtherUnitsThanTheHeaderSays() throws {
        var text = "time_ms,ax,ay,az\n"
        for k in 0..<300 { text += "\(Ingest.fixed(Double(k) / 100, 2)),0.1,-9.7,1.2\n" }
        XCTAssertThrowsError(try Ingest.read(text)) { error in
            XCTAssertEqual((error as? GaitError)?.kind, .invalidInput)
            XCTAssertTrue("\(error)".contains("the timestamps give a sampling rate of 100000 Hz"), "\(error)")
            XCTAssertTrue("\(error)".contains("read as milliseconds, in s they would give 100 Hz: pass --time-units s"), "\(error)")
        }
        let read = try Ingest.read(text, options: ReaderOptions(path: "test.csv", timeUnits: .seconds)).info
        XCTAssertEqual(read.samplingRateHz, 100)
        XCTAssertEqual(read.timeFormat, "seconds")
        var dates = "t,ax,ay,az\n"
        for k in 0..<300 { dates += String(format: "2024-01-01T00:00:%02d.%02d0Z,0,0,9.8\n", k / 100, k % 100) }
        XCTAssertEqual(try Ingest.read(dates).info.samplingRateHz, 100)
        XCTAssertThrowsError(try Ingest.read(dates, options: ReaderOptions(path: "test.csv", timeUnits: .seconds))) { error in
            XCTAssertEqual((error as? GaitError)?.kind, .usage)
            XCTAssertTrue("\(error)".contains("--time-units applies to a time column of numbers"), "\(error)")
        }
    }

    func testCounterWithoutRateNeedsOption() throws {
        let text = Fixtures.xsens(counters: Array(0..<50), rateLine: "Exported by MT Manager")
        XCTAssertThrowsError(try Ingest.read(text)) { error in
            XCTAssertTrue("\(error)".contains("--rate"), "\(error)")
        }
        let info = try Ingest.read(text, options: ReaderOptions(path: "x", rate: SamplingRate(hz: 100))).info
        XCTAssertEqual(info.rateSource, "counter+option")
        XCTAssertEqual(info.preambleLines, 1)
    }

    func testCounterDuplicatesBackwardAndWrap() throws {
        // 65534, 65535, 0, 1 is a 16-bit wrap; a repeated 3 is a duplicate; a 2 after 4 is backward.
        let counters = [65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3, 3, 4, 2, 5, 6]
        let (events, info) = try Ingest.read(Fixtures.xsens(counters: counters))
        XCTAssertEqual(info.duplicateTimestamps, 1)
        XCTAssertEqual(info.backwardTimestamps, 1)
        XCTAssertEqual(info.gaps, [])
        let segments = Ingest.segments(events)
        XCTAssertEqual(segments.count, 1)
        XCTAssertEqual(segments[0].acc.count, 13)  // 65530 … 65535, 0 … 6
    }

    // MARK: Seconds, irregular timestamps

    func testCommaCSVWithSecondsAndGUnits() throws {
        let times = (0..<300).map { Double($0) / 100 }
        let (events, info) = try Ingest.read(Fixtures.secondsCSV(times: times))
        XCTAssertEqual(info.delimiter, ",")
        XCTAssertEqual(info.timeFormat, "seconds")
        XCTAssertEqual(info.samplingRateHz, 100)
        XCTAssertEqual(info.rateSource, "timestamps")
        XCTAssertEqual(info.accUnits, "g")
        XCTAssertEqual(info.accUnitsSource, "detected")
        XCTAssertEqual(info.gyroUnits, "rad/s")
        XCTAssertEqual(info.preambleLines, 0)
        XCTAssertEqual(info.columns.first?.column, "time_s")
        let segments = Ingest.segments(events)
        XCTAssertEqual(segments.count, 1)
        XCTAssertEqual(segments[0].acc.count, 300)
        // On-grid timestamps pass through; g are converted with standard gravity.
        for n in [0, 1, 150, 299] {
            let (a, g) = Fixtures.walking(times[n])
            let ax = Double(Fixtures.f6(a.x))! * standardGravity
            XCTAssertEqual(segments[0].acc[n].x, ax)
            XCTAssertEqual(segments[0].gyr[n].y, Double(Fixtures.f6(g.y))!)
        }
    }

    func testIrregularTimestampsAreResampledDuplicatesAndBackwardDropped() throws {
        // A linear signal at jittered times, plus one duplicate and one backward row.
        var rng = SeededGenerator(seed: 7)
        var lines = ["t,ax,ay,az"]
        var t = 0.0
        for k in 0..<400 {
            // Jitter around the nominal grid, not accumulating (as a device clock stamps packets).
            if k > 0 { t = Double(k) / 100 + Double.random(in: -0.002...0.002, using: &rng) }
            let row = "\(Ingest.fixed(t, 6)),\(Ingest.fixed(9.8 + t, 6)),\(Ingest.fixed(2 * t, 6)),\(Ingest.fixed(-t, 6))"
            lines.append(row)
            if k == 100 { lines.append(row) }  // duplicate
            if k == 200 { lines.append("\(Ingest.fixed(t - 0.005, 6)),9.8,0,0") }  // backward
        }
        let (events, info) = try Ingest.read(lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(info.duplicateTimestamps, 1)
        XCTAssertEqual(info.backwardTimestamps, 1)
        XCTAssertEqual(info.samplingRateHz, 100)
        XCTAssertEqual(info.accUnits, "m/s2")
        XCTAssertNil(info.gyroUnits)
        let s = Ingest.segments(events)
        XCTAssertEqual(s.count, 1)
        XCTAssertFalse(s[0].hasGyro)
        XCTAssertTrue(s[0].gyr.isEmpty)
        for (n, a) in s[0].acc.enumerated() {
            let tn = Double(n) / 100
            XCTAssertEqual(a.x, 9.8 + tn, accuracy: 1e-5)  // fixtures keep 6 decimals
            XCTAssertEqual(a.y, 2 * tn, accuracy: 1e-5)
        }
        XCTAssertLessThanOrEqual(Double(s[0].acc.count - 1) / 100, t)
    }

    func testSecondsWithLongGapSplits() throws {
        let times = (0..<100).map { Double($0) / 50 } + (150..<250).map { Double($0) / 50 }
        var text = "time,ax,ay,az\n"
        for t in times { text += "\(Ingest.fixed(t, 2)),0.1,0.2,1.0\n" }
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.samplingRateHz, 50)
        XCTAssertEqual(info.gaps, [Gap(startS: 1.98, endS: 3.0, missingSamples: 50, bridged: false)])
        let s = Ingest.segments(events)
        XCTAssertEqual(s.map(\.startTime), [0, 3.0])
        XCTAssertEqual(s.map(\.acc.count), [100, 100])
    }

    // MARK: No time column

    func testNoTimeColumnNeedsRate() throws {
        let text = Fixtures.noTime(n: 120)
        XCTAssertThrowsError(try Ingest.read(text)) { error in
            let e = error as? GaitError
            XCTAssertEqual(e?.kind, .invalidInput)
            XCTAssertTrue(e?.message.contains("--rate") ?? false, "\(error)")
        }
        let (events, info) = try Ingest.read(text, options: ReaderOptions(path: "x", rate: SamplingRate(hz: 50)))
        XCTAssertEqual(info.timeFormat, "none")
        XCTAssertEqual(info.rateSource, "option")
        XCTAssertEqual(info.durationS, 120.0 / 50, accuracy: 1e-12)
        let s = Ingest.segments(events)
        XCTAssertEqual(s[0].acc.count, 120)
        XCTAssertEqual(s[0].time(60), 1.2, accuracy: 1e-12)
        XCTAssertEqual(s[0].acc[60].x, Double(Fixtures.f6(Fixtures.motion(1.2).acc.x))!)
    }

    func testSkippedRowWithoutTimeIsALostSample() throws {
        var lines = Fixtures.noTime(n: 20).split(separator: "\n").map(String.init)
        lines[11] = "1.0,abc,2.0"  // data row 10
        var options = ReaderOptions(path: "x", rate: SamplingRate(hz: 50))
        options.onBadRow = .skip
        let (events, info) = try Ingest.read(lines.joined(separator: "\n"), options: options)
        XCTAssertEqual(info.badRowsSkipped, 1)
        XCTAssertEqual(info.rows, 20)
        XCTAssertEqual(info.gaps, [Gap(startS: 9.0 / 50, endS: 11.0 / 50, missingSamples: 1, bridged: true)])
        let s = Ingest.segments(events)
        XCTAssertEqual(s[0].acc.count, 20)
        XCTAssertEqual(s[0].acc[11].x, Double(Fixtures.f6(Fixtures.motion(11.0 / 50).acc.x))!)
    }

    // MARK: Units

    func testAccelerationUnitsDetection() throws {
        let times = (0..<200).map { Double($0) / 100 }
        let g = try Ingest.read(Fixtures.secondsCSV(times: times, gInUnits: true)).info
        XCTAssertEqual(g.accUnits, "g")
        let si = try Ingest.read(Fixtures.secondsCSV(times: times, gInUnits: false))
        XCTAssertEqual(si.info.accUnits, "m/s2")
        XCTAssertEqual(si.info.accUnitsSource, "detected")
        // Both read to the same m/s² (up to the 6 decimals written).
        let gs = Ingest.segments(try Ingest.read(Fixtures.secondsCSV(times: times, gInUnits: true)).events)
        let sis = Ingest.segments(si.events)
        for n in stride(from: 0, to: 200, by: 17) {
            for k in 0..<3 { XCTAssertEqual(gs[0].acc[n][k], sis[0].acc[n][k], accuracy: 1e-5) }
        }
        // The option wins over detection.
        let forced = try Ingest.read(Fixtures.secondsCSV(times: times, gInUnits: true),
                                     options: ReaderOptions(path: "x", accUnits: .metresPerSecondSquared)).info
        XCTAssertEqual(forced.accUnits, "m/s2")
        XCTAssertEqual(forced.accUnitsSource, "option")
        // Magnitudes that are neither g nor m/s² are an error, not a guess.
        XCTAssertThrowsError(try Ingest.read("t,ax,ay,az\n0,100,0,0\n0.01,100,0,0\n")) { error in
            XCTAssertTrue("\(error)".contains("--units"), "\(error)")
        }
    }

    func testGyroUnitsDetection() throws {
        let times = (0..<200).map { Double($0) / 100 }
        let deg = try Ingest.read(Fixtures.secondsCSV(times: times, degrees: true))
        XCTAssertEqual(deg.info.gyroUnits, "deg/s")
        XCTAssertEqual(deg.info.gyroUnitsSource, "detected")
        let rad = try Ingest.read(Fixtures.secondsCSV(times: times, degrees: false))
        XCTAssertEqual(rad.info.gyroUnits, "rad/s")
        let d = Ingest.segments(deg.events)[0], r = Ingest.segments(rad.events)[0]
        for n in stride(from: 0, to: 200, by: 13) {
            for k in 0..<3 { XCTAssertEqual(d.gyr[n][k], r.gyr[n][k], accuracy: 1e-6) }  // 6 decimals written
        }
        // A quiet sensor (the Xsens fixture) in deg/s is found from the ratio to |a| variability.
        var text = "Acquisition frequency: 100 Hz\nPacketCounter\tAcc_X\tAcc_Y\tAcc_Z\tGyr_X\tGyr_Y\tGyr_Z\n"
        for c in 0..<200 {
            let (a, g) = Fixtures.motion(Double(c) / 100)
            let gd = g * (180 / .pi)
            text += "\(c)\t\(Fixtures.f6(a.x))\t\(Fixtures.f6(a.y))\t\(Fixtures.f6(a.z))\t\(Fixtures.f6(gd.x))\t\(Fixtures.f6(gd.y))\t\(Fixtures.f6(gd.z))\n"
        }
        XCTAssertEqual(try Ingest.read(text).info.gyroUnits, "deg/s")
        XCTAssertEqual(try Ingest.read(Fixtures.xsens(counters: Array(0..<200))).info.gyroUnits, "rad/s")
    }

    /// A sensor lying still before it is put on: a low-noise gyroscope in deg/s (p99 ≈ 0.1 deg/s)
    /// beside an accelerometer with 0.002 g of noise. On those rows alone the rule reads rad/s
    /// (ratio ≈ 50, under 200); the reader waits for rows that move (walking from 6 s) and decides
    /// deg/s there, whatever the chunking. A rad/s sensor still reads rad/s, a file that never moves
    /// keeps the first rows' decision, and the samples are those of `--gyro-units` given.
    func testGyroUnitsWaitForMotionAfterAStillStart() throws {
        func recording(stillS: Double, walkS: Double, degrees: Bool) -> String {
            var text = "time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n"
            let n = Int((stillS + walkS) * 100)
            for i in 0..<n {
                let t = Double(i) / 100
                // Deterministic noise: two incommensurate sines.
                let noise = sin(t * 2 * .pi * 23.7) * 0.6 + sin(t * 2 * .pi * 31.3 + 1) * 0.4
                var a = SIMD3<Double>(0.001 * noise, 0.001 * noise, 1 + 0.003 * noise)
                var g = SIMD3<Double>(0.0012 * noise, -0.0010 * noise, 0.0008 * noise)  // rad/s
                if t >= stillS {
                    a += SIMD3(0.15 * sin(2 * .pi * 1.9 * t), 0.1 * sin(2 * .pi * 0.95 * t), 0.3 * sin(2 * .pi * 1.9 * t))
                    g += SIMD3(0.6 * sin(2 * .pi * 0.95 * t), 0.3 * sin(2 * .pi * 1.9 * t), 0.9 * sin(2 * .pi * 0.95 * t))
                }
                if degrees { g *= 180 / .pi }
                text += [t, a.x, a.y, a.z, g.x, g.y, g.z].map { Fixtures.f6($0) }.joined(separator: ",") + "\n"
            }
            return text
        }
        let stillStart = recording(stillS: 6, walkS: 10, degrees: true)
        // The still rows alone read as rad/s: the case the wait is for.
        XCTAssertEqual(try Ingest.read(recording(stillS: 2.5, walkS: 0, degrees: true)).info.gyroUnits, "rad/s")
        let given = try Ingest.read(stillStart, options: ReaderOptions(path: "test.csv", gyroUnits: .degreesPerSecond))
        for chunk in [0, 997, 65_536] {
            let read = try Ingest.read(stillStart, chunk: chunk)
            XCTAssertEqual(read.info.gyroUnits, "deg/s", "chunk \(chunk)")
            XCTAssertEqual(read.info.gyroUnitsSource, "detected")
            XCTAssertEqual(read.events.map(EventRecord.init), given.events.map(EventRecord.init), "chunk \(chunk)")
        }
        XCTAssertEqual(try Ingest.read(recording(stillS: 6, walkS: 10, degrees: false)).info.gyroUnits, "rad/s")
        XCTAssertEqual(try Ingest.read(recording(stillS: 20, walkS: 0, degrees: false)).info.gyroUnits, "rad/s")
    }

    func testUnitsFromHeaderNames() throws {
        let text = "time (s),Acc_X (m/s^2),Acc_Y (m/s^2),Acc_Z (m/s^2),Gyr_X (deg/s),Gyr_Y (deg/s),Gyr_Z (deg/s)\n0,0,0,9.8,0,0,0\n0.01,0,0,9.8,0,0,0\n"
        let info = try Ingest.read(text).info
        XCTAssertEqual(info.accUnits, "m/s2")
        XCTAssertEqual(info.accUnitsSource, "header")
        XCTAssertEqual(info.gyroUnits, "deg/s")
        XCTAssertEqual(info.gyroUnitsSource, "header")
    }

    // MARK: Encodings and line ends

    func testCRLFAndBOM() throws {
        let plain = Fixtures.xsens(counters: Array(0..<150))
        let crlf = [0xEF, 0xBB, 0xBF] + Array(Fixtures.xsens(counters: Array(0..<150), lineEnd: "\r\n").utf8)
        let a = try Ingest.read(plain), b = try Ingest.read(crlf)
        XCTAssertEqual(a.events.map(EventRecord.init), b.events.map(EventRecord.init))
        XCTAssertEqual(b.info.samplingRateHz, 100)
        XCTAssertEqual(b.info.columns.first?.column, "PacketCounter")
        // A BOM directly before the header, no trailing line end, and blank trailing lines.
        let bare = "\u{FEFF}t,ax,ay,az\r\n0,0,0,1\r\n0.01,0,0,1\r\n0.02,0,0,1"
        XCTAssertEqual(try Ingest.read(bare).info.rows, 3)
        XCTAssertEqual(try Ingest.read(bare + "\r\n\r\n\n").info.rows, 3)
    }

    // MARK: Errors

    func testEmptyInputAndMissingColumns() {
        for text in ["", "\n\n", "  \r\n"] {
            XCTAssertThrowsError(try Ingest.read(text)) { error in
                XCTAssertEqual((error as? GaitError)?.message, "the input is empty")
            }
        }
        XCTAssertThrowsError(try Ingest.read("time,ax,ay,az\n")) { error in
            XCTAssertTrue("\(error)".contains("no data rows"), "\(error)")
        }
        XCTAssertThrowsError(try Ingest.read("time,temp,pressure\n0,20,1000\n0.01,20,1000\n")) { error in
            let e = error as? GaitError
            XCTAssertEqual(e?.kind, .invalidInput)
            XCTAssertEqual(e?.line, 1)
            XCTAssertTrue(e?.message.contains("no acceleration column") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try Ingest.read("0,0,0,1\n0.01,0,0,1\n")) { error in
            XCTAssertTrue("\(error)".contains("no header"), "\(error)")
        }
    }

    func testColumnsOption() throws {
        let text = "a,b,c,d,e\n0,x,0.0,0.1,1.0\n0.02,x,0.0,0.1,1.0\n0.04,x,0.0,0.1,1.0\n"
        let options = ReaderOptions(path: "x", columns: ["time": "0", "ax": "c", "ay": "D", "az": "4"])
        let (events, info) = try Ingest.read(text, options: options)
        XCTAssertEqual(info.columns.map(\.column), ["a", "c", "d", "e"])
        XCTAssertEqual(info.samplingRateHz, 50)
        XCTAssertEqual(Ingest.segments(events)[0].acc[0], SIMD3(0, 0.1, 1.0) * standardGravity)
        XCTAssertThrowsError(try Ingest.read(text, options: ReaderOptions(path: "x", columns: ["ax": "nope"]))) { error in
            XCTAssertEqual((error as? GaitError)?.kind, .usage)
        }
        // Without a header, indices name the columns.
        let bare = "0,0.0,0.1,1.0\n0.02,0.0,0.1,1.0\n"
        let info2 = try Ingest.read(bare, options: ReaderOptions(path: "x", columns: ["time": "0", "ax": "1", "ay": "2", "az": "3"])).info
        XCTAssertEqual(info2.columns.map(\.column), ["0", "1", "2", "3"])
        XCTAssertEqual(info2.preambleLines, 0)
        XCTAssertEqual(try ReaderOptions.parseColumns("time=0, ax=Acc_X,ay=2"), ["time": "0", "ax": "Acc_X", "ay": "2"])
        XCTAssertThrowsError(try ReaderOptions.parseColumns("speed=3"))
    }

    func testRateEstimateFromQuantizedTimestamps() {
        // 128 Hz stamped in whole milliseconds (7 or 8 ms apart), with a lost stretch.
        let times = (0..<250).filter { !(100..<110).contains($0) }.map { (Double($0) * 1000 / 128).rounded() / 1000 }
        XCTAssertEqual(LayoutDetector.estimateRate(times), 128)
        XCTAssertEqual(LayoutDetector.estimateRate([0, 0.02, 0.04, 0.06]), 50)
        XCTAssertNil(LayoutDetector.estimateRate([1.0]))
        XCTAssertNil(LayoutDetector.estimateRate([1.0, 1.0]))
    }

    func testFileReader() throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("walk.txt")
        try Fixtures.xsens(counters: Array(0..<5000)).write(to: url, atomically: true, encoding: .utf8)
        // Events come batch by batch as the file is read. (The units are given: with detected units
        // this still fixture would be buffered until rows move or 32,768 lines, see
        // testGyroUnitsWaitForMotionAfterAStillStart.)
        var batches = 0
        let info = try RecordingFileReader.read(options: ReaderOptions(path: url.path, gyroUnits: .radiansPerSecond),
                                                chunkSize: 4096) { _ in batches += 1 }
        XCTAssertGreaterThan(batches, 1)
        XCTAssertEqual(info.rows, 5000)
        let all = try RecordingFileReader.readAll(options: ReaderOptions(path: url.path))
        XCTAssertEqual(all.events.map(EventRecord.init), try Ingest.read(Fixtures.xsens(counters: Array(0..<5000))).events.map(EventRecord.init))
        XCTAssertThrowsError(try RecordingFileReader.readAll(options: ReaderOptions(path: dir.appendingPathComponent("absent.txt").path))) { error in
            XCTAssertEqual((error as? GaitError)?.kind, .invalidInput)
            XCTAssertTrue("\(error)".contains("absent.txt: cannot open"), "\(error)")
        }
    }
}
