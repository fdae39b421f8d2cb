import Foundation
import GaitCore
@testable import GaitIngest
import XCTest

/// Phase 2 layouts: each fixture asserts the values read, the rate, the units and the axes.
final class LayoutVariantsTests: XCTestCase {
    private func only(_ events: [SampleStreamEvent], file: StaticString = #filePath, line: UInt = #line) -> Segment {
        let s = Ingest.segments(events)
        XCTAssertEqual(s.count, 1, file: file, line: line)
        return s[0]
    }

    private func assertClose(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ tolerance: Double = 1e-12,
                             file: StaticString = #filePath, line: UInt = #line) {
        for k in 0..<3 { XCTAssertEqual(a[k], b[k], accuracy: tolerance, "axis \(k)", file: file, line: line) }
    }

    func testSemicolonDecimalCommaWithSepLine() throws {
        var text = "sep=;\r\ntime;accX;accY;accZ;gyroX;gyroY;gyroZ\r\n"
        for k in 0..<100 {
            let t = Ingest.fixed(Double(k) / 50, 2).replacingOccurrences(of: ".", with: ",")
            text += "\(t);0,01;-0,02;1,0\(k % 10);1,5;0;-2\r\n"
        }
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.delimiter, ";")
        XCTAssertEqual(info.preambleLines, 1)
        XCTAssertEqual(info.samplingRateHz, 50)
        XCTAssertEqual(info.timeFormat, "seconds")
        XCTAssertEqual(info.accUnits, "g")
        XCTAssertEqual(info.columns.map(\.column), ["time", "accX", "accY", "accZ", "gyroX", "gyroY", "gyroZ"])
        let s = only(events)
        XCTAssertEqual(s.acc.count, 100)
        XCTAssertEqual(s.acc[13], SIMD3(0.01, -0.02, 1.03) * standardGravity)
        XCTAssertEqual(s.gyr[13], SIMD3(1.5, 0, -2))
        // A comma-delimited file is never read with decimal commas.
        XCTAssertEqual(try Ingest.read("t,ax,ay,az\n0,0,0,1\n0.5,0,0,1\n").info.delimiter, ",")
    }

    func testUnitsRow() throws {
        var text = "time,ax,ay,az,gx,gy,gz\ns, g, g, g, deg/s, deg/s, deg/s\n"
        for k in 0..<60 { text += "\(Ingest.fixed(Double(k) / 100, 2)),0.0,0.1,0.98,0.5,-0.25,0.1\n" }
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.preambleLines, 0)
        XCTAssertEqual(info.rows, 60)
        XCTAssertEqual(info.accUnits, "g")
        XCTAssertEqual(info.accUnitsSource, "header")
        XCTAssertEqual(info.gyroUnits, "deg/s")
        XCTAssertEqual(info.gyroUnitsSource, "header")
        XCTAssertEqual(info.timeFormat, "seconds")
        let s = only(events)
        XCTAssertEqual(s.acc[0], SIMD3(0.0, 0.1, 0.98) * standardGravity)
        XCTAssertEqual(s.gyr[0], SIMD3(0.5, -0.25, 0.1) * (Double.pi / 180))

        let si = "t,ax,ay,az\n[s],[m/s^2],[m/s^2],[m/s^2]\n0,0,0,9.8\n0.01,0,0,9.8\n"
        let siInfo = try Ingest.read(si).info
        XCTAssertEqual(siInfo.accUnits, "m/s2")
        XCTAssertEqual(siInfo.accUnitsSource, "header")
    }

    func testQuotedFields() throws {
        var text = "\"time\",\"ax\",\"ay\",\"az\",\"note\"\n"
        for k in 0..<40 { text += "\"\(Ingest.fixed(Double(k) / 100, 2))\",\"0.1\",\" 0.2\",\"9.7\",\"left, then \"\"right\"\"\"\n" }
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.delimiter, ",")
        XCTAssertEqual(info.columns.map(\.column), ["time", "ax", "ay", "az"])
        XCTAssertEqual(info.accUnits, "m/s2")
        XCTAssertEqual(info.samplingRateHz, 100)
        XCTAssertEqual(only(events).acc[39], SIMD3(0.1, 0.2, 9.7))
    }

    /// Shimmer's Consensys export: a quoted `sep=` line, names prefixed by the device's name and
    /// ending in `_CAL`, a units row that also names units of other sensors (mV, kOhms,
    /// local_flux), two accelerometers (low-noise `LN` and wide-range `WR`), a trailing delimiter.
    static func shimmer(separator: String, quotedSep: Bool, rows: Int = 40) -> String {
        let p = "Shimmer_40AC_"
        let names = ["Timestamp_Unix_CAL", "Accel_LN_X_CAL", "Accel_LN_Y_CAL", "Accel_LN_Z_CAL", "Accel_WR_X_CAL",
                     "Accel_WR_Y_CAL", "Accel_WR_Z_CAL", "Battery_CAL", "GSR_Skin_Resistance_CAL", "Gyro_X_CAL", "Gyro_Y_CAL",
                     "Gyro_Z_CAL", "Mag_X_CAL", "Mag_Y_CAL", "Mag_Z_CAL", "TimestampSync_FormattedUnix_CAL"].map { p + $0 }
        let units = ["ms", "m/(s^2)", "m/(s^2)", "m/(s^2)", "m/(s^2)", "m/(s^2)", "m/(s^2)", "mV", "kOhms", "deg/s", "deg/s",
                     "deg/s", "local_flux", "local_flux", "local_flux", "no_units"]
        var text = (quotedSep ? "\"sep=\(separator)\"" : "sep=\(separator)") + "\n"
        text += names.joined(separator: separator) + separator + "\n" + units.joined(separator: separator) + separator + "\n"
        for k in 0..<rows {
            let ms = Ingest.fixed(1_595_933_810_034 + Double(k) * 10, 3)
            let fields = [ms, "0.1", "-9.7", "0.3", "9.9", "9.9", "9.9", "4139.19", "401.11", "\(Double(k))", "2.5", "-1.5",
                          "-0.11", "-0.91", "-0.04", "2020/07/28 10:56:50.\(k)"]
            text += fields.joined(separator: separator) + separator + "\n"
        }
        return text
    }

    /// Acceleration in thousandths of g: named in the header (`acc_x_mg`, a units row, Noraxon's
    /// `(mG)`), given with `--units mg`, or detected from a gravity of about 1000.
    func testMilliG() throws {
        func file(_ header: String, units: String? = nil) -> String {
            var text = header + "\n" + (units.map { $0 + "\n" } ?? "")
            for k in 0..<300 { text += "\(Ingest.fixed(Double(k) / 100, 2)),12.5,-985.0,\(Ingest.fixed(100 + Double(k % 7), 1))\n" }
            return text
        }
        let expected = SIMD3(12.5, -985.0, 103.0) * (standardGravity / 1000)
        let cases: [(String, String?, ReaderOptions, String)] = [
            ("time_s,acc_x_mg,acc_y_mg,acc_z_mg", nil, ReaderOptions(path: "test.csv"), "header"),
            ("time,Acc X (mG),Acc Y (mG),Acc Z (mG)", nil, ReaderOptions(path: "test.csv"), "header"),
            ("time,ax,ay,az", "s,mG,mG,mG", ReaderOptions(path: "test.csv"), "header"),
            ("time,ax,ay,az", nil, ReaderOptions(path: "test.csv"), "detected"),
            ("time,ax,ay,az", nil, ReaderOptions(path: "test.csv", accUnits: .milliG), "option"),
        ]
        for (header, units, options, source) in cases {
            let (events, info) = try Ingest.read(file(header, units: units), options: options)
            XCTAssertEqual(info.accUnits, "mg", header)
            XCTAssertEqual(info.accUnitsSource, source, header)
            assertClose(only(events).acc[3], expected, 1e-12)
        }
    }

    /// Units named in the header over values that are gravity in other units are refused, naming
    /// both, rather than analysed ten times too large or small; values that are gravity in no
    /// unit (leading zeros) leave the header trusted, as before.
    func testHeaderUnitsThatContradictTheValuesAreRefused() throws {
        var text = "time,acc_x_g,acc_y_g,acc_z_g\n"
        for k in 0..<300 { text += "\(Ingest.fixed(Double(k) / 100, 2)),0.1,-9.7,1.2\n" }
        XCTAssertThrowsError(try Ingest.read(text)) { error in
            let e = error as? GaitError
            XCTAssertEqual(e?.kind, .invalidInput)
            XCTAssertTrue("\(error)".contains("the header gives the acceleration in g"), "\(error)")
            XCTAssertTrue("\(error)".contains("is gravity in m/s2"), "\(error)")
            XCTAssertTrue("\(error)".contains("pass --units m/s2"), "\(error)")
        }
        XCTAssertEqual(try Ingest.read(text, options: ReaderOptions(path: "test.csv", accUnits: .metresPerSecondSquared)).info.accUnits, "m/s2")
        var zeros = "time,acc_x_g,acc_y_g,acc_z_g\n"
        for k in 0..<300 { zeros += "\(Ingest.fixed(Double(k) / 100, 2)),\(k < 200 ? "0,0,0" : "0.01,-0.99,0.1")\n" }
        let info = try Ingest.read(zeros).info
        XCTAssertEqual(info.accUnits, "g")
        XCTAssertEqual(info.accUnitsSource, "header")
    }

    func testShimmerConsensysExport() throws {
        for (separator, quoted) in [("\t", true), (";", false), (",", true)] {
            let (events, info) = try Ingest.read(Self.shimmer(separator: separator, quotedSep: quoted))
            XCTAssertEqual(info.columns.map(\.column), ["Timestamp_Unix_CAL", "Accel_LN_X_CAL", "Accel_LN_Y_CAL", "Accel_LN_Z_CAL",
                                                        "Gyro_X_CAL", "Gyro_Y_CAL", "Gyro_Z_CAL"].map { "Shimmer_40AC_" + $0 }, separator)
            XCTAssertEqual(info.timeFormat, "milliseconds")
            XCTAssertEqual(info.samplingRateHz, 100)
            XCTAssertEqual(info.accUnits, "m/s2")
            XCTAssertEqual(info.gyroUnits, "deg/s")
            XCTAssertEqual(info.preambleLines, 1)
            let s = only(events)
            XCTAssertEqual(s.acc.count, 40)
            XCTAssertEqual(s.acc[3], SIMD3(0.1, -9.7, 0.3))
            XCTAssertEqual(s.gyr[3].x, 3 * Double.pi / 180, accuracy: 1e-12)
        }
    }

    /// MetaWear's MetaBase writes one file per sensor, its axes named only with their unit.
    func testMetaWearExport() throws {
        var acc = "epoch (ms),time (-13:00),elapsed (s),x-axis (g),y-axis (g),z-axis (g)\n"
        var gyro = "epoch (ms),time (-13:00),elapsed (s),x-axis (deg/s),y-axis (deg/s),z-axis (deg/s)\n"
        for k in 0..<50 {
            let ms = 1_700_000_000_000 + k * 10
            acc += "\(ms),2023-11-14T22:13:20.\(k),\(Ingest.fixed(Double(k) / 100, 3)),0.012,-0.988,0.1\n"
            gyro += "\(ms),2023-11-14T22:13:20.\(k),\(Ingest.fixed(Double(k) / 100, 3)),1.5,-2.5,0.5\n"
        }
        let (events, info) = try Ingest.read(acc)
        XCTAssertEqual(info.columns.map(\.column), ["epoch (ms)", "x-axis (g)", "y-axis (g)", "z-axis (g)"])
        XCTAssertEqual(info.accUnits, "g")
        XCTAssertEqual(info.accUnitsSource, "header")
        XCTAssertEqual(info.samplingRateHz, 100)
        XCTAssertEqual(only(events).acc[0], SIMD3(0.012, -0.988, 0.1) * standardGravity)
        XCTAssertThrowsError(try Ingest.read(gyro)) { error in
            XCTAssertTrue("\(error)".contains("no acceleration column"), "\(error)")
        }
    }

    /// Columns of two devices are not chosen among, and what only looks like the sensor's
    /// acceleration (gravity removed, `FreeAcc`) is not taken for it.
    func testSeveralDevicesAndModifiedQuantities() throws {
        var two = "time,LowerBack_Acc_X,LowerBack_Acc_Y,LowerBack_Acc_Z,LowerBack_Gyr_X,LowerBack_Gyr_Y,LowerBack_Gyr_Z,"
            + "LeftFoot_Acc_X,LeftFoot_Acc_Y,LeftFoot_Acc_Z,LeftFoot_Gyr_X,LeftFoot_Gyr_Y,LeftFoot_Gyr_Z\n"
        for k in 0..<40 { two += Ingest.fixed(Double(k) / 100, 2) + ",0.1,0.2,9.7,1,2,3,4,5,6,7,8,9\n" }
        XCTAssertThrowsError(try Ingest.read(two)) { error in
            XCTAssertTrue("\(error)".contains("acceleration columns of 2 devices (LowerBack_Acc_X, LeftFoot_Acc_X, …)")
                          && "\(error)".contains("test.csv:1:"), "\(error)")
        }
        // Named by hand, the accelerometer brings its own device's gyroscope.
        let given = ReaderOptions(path: "test.csv", columns: ["ax": "LeftFoot_Acc_X", "ay": "LeftFoot_Acc_Y", "az": "LeftFoot_Acc_Z"])
        let (events, info) = try Ingest.read(two, options: given)
        XCTAssertEqual(info.columns.map(\.column), ["time", "LeftFoot_Acc_X", "LeftFoot_Acc_Y", "LeftFoot_Acc_Z",
                                                    "LeftFoot_Gyr_X", "LeftFoot_Gyr_Y", "LeftFoot_Gyr_Z"])
        XCTAssertEqual(only(events).acc[0], SIMD3(4, 5, 6))

        var free = "time,FreeAcc_X,FreeAcc_Y,FreeAcc_Z,LinearAccel_X,LinearAccel_Y,LinearAccel_Z\n"
        for k in 0..<40 { free += Ingest.fixed(Double(k) / 100, 2) + ",0.1,0.2,0.3,0.1,0.2,0.3\n" }
        XCTAssertThrowsError(try Ingest.read(free)) { error in
            XCTAssertTrue("\(error)".contains("no acceleration column for ax, ay, az in the header: FreeAcc_X and the like "
                                              + "hold acceleration without gravity"), "\(error)")
        }
    }

    /// Axivity's OMGUI writes CSV without a header: a date-time, then x, y, z in g (AX6: then the
    /// gyroscope in deg/s). Such a file is read in that order; one whose first column is a plain
    /// number still needs --columns (it could be a counter, or an axis).
    func testHeaderlessExportWithDateTimesFirst() throws {
        var three = "", six = "", plain = "", geneactiv = ""
        for k in 0..<50 {
            let t = "2019-01-01 10:00:0\(k / 10).\(k % 10)00"
            three += "\(t),-0.092316,-0.090613,0.986626\n"
            let rate = Double(k % 5 - 2)
            six += "\(t),-0.092316,-0.090613,0.986626,\(1.5 * rate),\(-2.5 * rate),\(0.5 * rate)\n"
            plain += "\(Ingest.fixed(Double(k) / 10, 1)),-0.092316,-0.090613,0.986626\n"
            geneactiv += "2019-01-01 10:00:0\(k / 10):\(k % 10)00,-0.092316,-0.090613,0.986626,\(k % 7 * 10),\(k % 2),31.2\n"
        }
        let (events, info) = try Ingest.read(three)
        XCTAssertTrue(info.columnsAssumed)
        XCTAssertEqual(info.columns.map(\.role), ["time", "ax", "ay", "az"])
        XCTAssertEqual(info.timeFormat, "iso8601")
        XCTAssertEqual(info.samplingRateHz, 10)
        XCTAssertEqual(info.accUnits, "g")
        XCTAssertEqual(only(events).acc[0], SIMD3(-0.092316, -0.090613, 0.986626) * standardGravity)
        let withGyro = try Ingest.read(six).info
        XCTAssertEqual(withGyro.columns.map(\.column), ["0", "1", "2", "3", "4", "5", "6"])
        XCTAssertEqual(withGyro.gyroUnits, "deg/s")
        // Seven columns whose last three read as light (never negative), a button (0 or 1) and a
        // temperature, as GENEActiv's, are not a gyroscope: only time and acceleration are taken.
        let notGyro = try Ingest.read(geneactiv).info
        XCTAssertEqual(notGyro.columns.map(\.role), ["time", "ax", "ay", "az"])
        XCTAssertEqual(notGyro.samplingRateHz, 10, "GENEActiv's milliseconds after a colon")
        XCTAssertNil(notGyro.gyroUnits)
        XCTAssertThrowsError(try Ingest.read(plain)) { error in
            XCTAssertTrue("\(error)".contains("no header"), "\(error)")
        }
        // Named columns are taken as named, and nothing is assumed.
        let named = try Ingest.read(three, options: ReaderOptions(path: "x", columns: ["time": "0", "ax": "3", "ay": "2", "az": "1"])).info
        XCTAssertFalse(named.columnsAssumed)
        XCTAssertEqual(named.columns.map(\.column), ["0", "3", "2", "1"])
    }

    static let actigraphPreamble = """
        ------------ Data File Created By ActiGraph GT3X+ ActiLife v6.13.4 Firmware v1.9.2 date format M/d/yyyy at 30 Hz  Filter Normal -----------
        Serial Number: MOS2E22180349
        Start Time 23:59:58
        Start Date 5/1/2024
        Epoch Period (hh:mm:ss) 00:00:00
        Download Time 12:00:00
        Download Date 5/2/2024
        Current Memory Address: 0
        Current Battery Voltage: 4.21     Mode = 12
        --------------------------------------------------

        """

    func testActiGraphPreambleWithoutTimestamps() throws {
        var text = Self.actigraphPreamble + "Accelerometer X,Accelerometer Y,Accelerometer Z\n"
        for k in 0..<90 { text += "0.012,-0.988,\(Ingest.fixed(0.094 + Double(k) / 1000, 3))\n" }
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.samplingRateHz, 30)
        XCTAssertEqual(info.rateSource, "metadata")
        XCTAssertEqual(info.preambleLines, 10)
        XCTAssertEqual(info.timeFormat, "none")
        XCTAssertEqual(info.accUnits, "g")
        XCTAssertNil(info.gyroUnits)
        XCTAssertEqual(info.columns.map(\.role), ["ax", "ay", "az"])
        let s = only(events)
        XCTAssertFalse(s.hasGyro)
        XCTAssertEqual(s.acc.count, 90)
        XCTAssertEqual(s.acc[6], SIMD3(0.012, -0.988, 0.1) * standardGravity)
        XCTAssertEqual(s.time(60), 2, accuracy: 1e-12)
    }

    func testActiGraphTimestampsAcrossMidnight() throws {
        // 30 Hz written to the millisecond, starting two seconds before midnight.
        var text = Self.actigraphPreamble + "Timestamp,Accelerometer X,Accelerometer Y,Accelerometer Z\n"
        let start = 23 * 3600 + 59 * 60 + 58
        for k in 0..<150 {
            let ms = Int((Double(k) * 1000 / 30).rounded())
            let total = start * 1000 + ms
            let day = total >= 86_400_000 ? 2 : 1
            let inDay = total % 86_400_000
            let hms = String(format: "%ld:%02ld:%02ld.%03ld", inDay / 3_600_000, inDay / 60_000 % 60, inDay / 1000 % 60, inDay % 1000)
            text += "5/\(day)/2024 \(hms),0.0,0.0,\(Ingest.fixed(1 + Double(k) / 1000, 3))\n"
        }
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.timeFormat, "M/d/yyyy")
        XCTAssertEqual(info.samplingRateHz, 30)
        XCTAssertEqual(info.gaps, [])
        let s = only(events)
        XCTAssertEqual(s.acc.count, 150)
        // The millisecond rounding of the timestamps (≤ 0.5 ms) moves interpolated values by at
        // most 0.5 ms × 30 Hz × 0.001 g per sample.
        for n in [0, 59, 60, 61, 149] { XCTAssertEqual(s.acc[n].z / standardGravity, 1 + Double(n) / 1000, accuracy: 2e-5) }
    }

    func testSampleRatePreambleLines() throws {
        let text = """
            ----- Device export -----
            Sample Rate: 100 Hz
            Start Time: 2024-05-01 10:00:00
            -------------------------
            ax;ay;az
            0.01;0.02;9.79
            0.02;0.03;9.80
            0.03;0.04;9.81

            """
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.samplingRateHz, 100)
        XCTAssertEqual(info.rateSource, "metadata")
        XCTAssertEqual(info.preambleLines, 4)
        XCTAssertEqual(info.delimiter, ";")
        XCTAssertEqual(only(events).acc[2], SIMD3(0.03, 0.04, 9.81))
    }

    func testMillisecondsSinceEpoch() throws {
        var text = "timestamp,ax,ay,az\n"
        let t0: Int64 = 1_714_557_600_000
        for k in Array(0..<50) + Array(53..<100) { text += "\(t0 + Int64(k) * 10),0.01,0.02,\(Ingest.fixed(1 + Double(k) / 100, 2))\n" }
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.timeFormat, "milliseconds")
        XCTAssertEqual(info.samplingRateHz, 100)
        XCTAssertEqual(info.rateSource, "timestamps")
        XCTAssertEqual(info.gaps, [Gap(startS: 0.49, endS: 0.53, missingSamples: 3, bridged: true)])
        let s = only(events)
        XCTAssertEqual(s.acc.count, 100)
        XCTAssertEqual(s.acc[51].z / standardGravity, 1.51, accuracy: 1e-12)  // interpolated
        XCTAssertEqual(s.acc[53].z, 1.53 * standardGravity)  // read
    }

    func testNanosecondsSinceEpochKeepTheirDigits() throws {
        // 19-digit timestamps: a double would round them to 256 ns; the reader keeps them exact.
        var text = "time,ax,ay,az\n"
        let t0: Int64 = 1_714_557_600_123_456_789
        for k in Array(0..<100) + Array(250..<300) { text += "\(t0 + Int64(k) * 5_000_000),0,0,9.81\n" }
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.timeFormat, "nanoseconds")
        XCTAssertEqual(info.samplingRateHz, 200)
        XCTAssertEqual(info.gaps, [Gap(startS: 0.495, endS: 1.25, missingSamples: 150, bridged: false)])
        XCTAssertEqual(Ingest.segments(events).map(\.startTime), [0, 1.25])
        XCTAssertEqual(Ingest.segments(events).map(\.acc.count), [100, 50])
    }

    func testRelativeMilliseconds() throws {
        for header in ["t", "time_ms", "Timestamp (ms)"] {
            var text = "\(header),ax,ay,az\n"
            for k in 0..<30 { text += "\(k * 20),0,0,9.81\n" }
            let info = try Ingest.read(text).info
            XCTAssertEqual(info.timeFormat, "milliseconds", header)
            XCTAssertEqual(info.samplingRateHz, 50, header)
        }
    }

    func testISO8601() throws {
        var text = "datetime,ax,ay,az,gx,gy,gz\n"
        for k in 0..<120 {
            // 100 Hz across midnight, written with a +02:00 offset.
            let cs = 23 * 360_000 + 59 * 6000 + 5900 + k  // centiseconds since local midnight of day 1
            let day = cs >= 8_640_000 ? 2 : 1
            let c = cs % 8_640_000
            let stamp = String(format: "2024-05-%02ldT%02ld:%02ld:%02ld.%02ld0+02:00", day, c / 360_000, c / 6000 % 60, c / 100 % 60, c % 100)
            // Accelerometer noise, as real sensors have (a perfectly constant |a| under a turning
            // gyroscope would look like deg/s to the unit detection).
            text += "\(stamp),0.0,0.0,\(Ingest.fixed(9.81 + 0.3 * sin(Double(k)), 4)),\(Ingest.fixed(Double(k) / 100, 2)),0,0\n"
        }
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.timeFormat, "iso8601")
        XCTAssertEqual(info.samplingRateHz, 100)
        XCTAssertEqual(info.gaps, [])
        XCTAssertEqual(info.gyroUnits, "rad/s")
        let s = only(events)
        XCTAssertEqual(s.acc.count, 120)
        XCTAssertEqual(s.gyr[100].x, 1.0)

        func nanos(_ text: String) -> Int64? {
            var t = text
            return t.withUTF8 { DateTimeParser.iso8601($0.baseAddress!, 0, $0.count) }
        }
        XCTAssertEqual(nanos("1970-01-01T00:00:00Z"), 0)
        XCTAssertEqual(nanos("2024-05-01T10:00:00.010Z"), 1_714_557_600_010_000_000)
        XCTAssertEqual(nanos("2024-05-01T12:00:00.010+02:00"), 1_714_557_600_010_000_000)
        XCTAssertEqual(nanos("2024-05-01 10:00:00.000000001"), 1_714_557_600_000_000_001)
        XCTAssertEqual(nanos("2000-02-29T00:00:00Z"), 951_782_400 * 1_000_000_000)
        // GENEActiv writes the milliseconds after a colon: exactly three digits.
        XCTAssertEqual(nanos("2024-05-01 10:00:00:010"), 1_714_557_600_010_000_000)
        XCTAssertNil(nanos("2024-05-01 10:00:00:01"))
        XCTAssertNil(nanos("2024-05-01 10:00:00:0100"))
        XCTAssertNil(nanos("2024-13-01T00:00:00Z"))
        XCTAssertNil(nanos("2024-05-01T10:00:00."))
        XCTAssertNil(nanos("2024-05-01"))
        XCTAssertNil(nanos("9999-12-31T23:59:59Z"))  // beyond Int64 nanoseconds: refused, not trapped
    }

    /// The clock text of `input.clock_shifts` is the parser's inverse, before 1970 and leap days
    /// included.
    func testClockTextInvertsTheParser() {
        for text in ["1970-01-01 00:00:00.000", "2024-10-27 02:59:59.990", "2000-02-29 23:59:59.999",
                     "1969-12-31 23:59:59.500", "1900-03-01 00:00:00.001", "2262-04-11 00:00:00.000"] {
            var t = text
            let ns = t.withUTF8 { DateTimeParser.iso8601($0.baseAddress!, 0, $0.count) }
            XCTAssertEqual(ns.map(DateTimeParser.text), text)
        }
    }

    /// A daylight-saving step (`SampleClock.daylightSavingStep`): one hour back or forward, at a
    /// whole hour of the clock, after which time moves on by at most two sample intervals.
    func testDaylightSavingStep() {
        let hour = SampleClock.hourNs, ms: Int64 = 1_000_000
        let whole = Int64(1_729_994_400) * 1_000_000_000  // 2024-10-27 02:00:00 as the clock writes it
        // Back: 02:59:59.990 then 02:00:00.000 at 100 Hz, or 02:00:00.008 (jitter: 18 ms on).
        XCTAssertEqual(SampleClock.daylightSavingStep(from: whole + hour - 10 * ms, to: whole, rate: 100), hour)
        XCTAssertEqual(SampleClock.daylightSavingStep(from: whole + hour - 10 * ms, to: whole + 8 * ms, rate: 100), hour)
        // Forward: 01:59:59.990 then 03:00:00.000.
        XCTAssertEqual(SampleClock.daylightSavingStep(from: whole - 10 * ms, to: whole + hour, rate: 100), -hour)
        // Not one: the hour's step ends 30 ms on at 100 Hz (more than two intervals, 20 ms) …
        XCTAssertNil(SampleClock.daylightSavingStep(from: whole + hour - 10 * ms, to: whole + 30 * ms, rate: 100))
        // … but at 50 Hz that is within two intervals (40 ms).
        XCTAssertEqual(SampleClock.daylightSavingStep(from: whole + hour - 10 * ms, to: whole + 30 * ms, rate: 50), hour)
        // Not at a whole hour, or not an hour, or no step at all.
        XCTAssertNil(SampleClock.daylightSavingStep(from: whole + hour - 10_010 * ms, to: whole - 10_000 * ms, rate: 100))
        XCTAssertNil(SampleClock.daylightSavingStep(from: whole + 2 * hour - 10 * ms, to: whole, rate: 100))
        XCTAssertNil(SampleClock.daylightSavingStep(from: whole - 10 * ms, to: whole, rate: 100))
        XCTAssertNil(SampleClock.daylightSavingStep(from: whole + hour - 10 * ms, to: whole - 10 * ms, rate: 100))
        // A rate from timestamps centuries apart (fuzz-engine, 2026-11-21: two samples dated 2024
        // and 2219 gave it, and the slack's conversion to nanoseconds trapped): no step.
        for rate in [1e-12, 0, .infinity, .nan] {
            XCTAssertNil(SampleClock.daylightSavingStep(from: whole + hour - 10 * ms, to: whole, rate: rate), "\(rate)")
        }
    }

    func testXsensMTManagerPreamble() throws {
        var text = """
            // General information:
            //  MT Manager version: 2022.0.0
            //  XDA version: 2022.0.0 build 7085 rev 119802 built on 2022-03-28
            // Device information:
            //  DeviceId: 00B4A0F6
            //  ProductCode: MTw2-3A7G6
            // Device settings:
            //  Filter Profile: general(600.107)
            //  Option Flags: AHS Disabled, ICC Disabled
            //  Update Rate: 100.0Hz
            // Coordinate system: ENU
            PacketCounter\tSampleTimeFine\tAcc_X\tAcc_Y\tAcc_Z\tGyr_X\tGyr_Y\tGyr_Z

            """
        for c in 65500..<65700 {
            let (a, g) = Fixtures.motion(Double(c) / 100)
            text += "\(c % 65536)\t\(123_456 + c * 100)\t\(Fixtures.f6(a.x))\t\(Fixtures.f6(a.y))\t\(Fixtures.f6(a.z))"
            text += "\t\(Fixtures.f6(g.x))\t\(Fixtures.f6(g.y))\t\(Fixtures.f6(g.z))\n"
        }
        let (events, info) = try Ingest.read(text)
        XCTAssertEqual(info.preambleLines, 11)
        XCTAssertEqual(info.samplingRateHz, 100)
        XCTAssertEqual(info.rateSource, "counter+metadata")
        XCTAssertEqual(info.columns.first?.column, "PacketCounter")
        XCTAssertEqual(info.gyroUnits, "rad/s")
        XCTAssertEqual(info.backwardTimestamps, 0)  // the 16-bit wrap at 65536 is not a step back
        let s = only(events)
        XCTAssertEqual(s.acc.count, 200)
        XCTAssertEqual(s.acc[150], Fixtures.xsensRow(65650).acc)
    }

    func testPreambleRates() {
        let cases: [(String, Double?)] = [
            ("Acquisition frequency: 100 Hz", 100), ("Sample Rate: 100 Hz", 100), ("sampling_rate=100", 100),
            ("Fs = 128", 128), ("Sampling frequency (Hz): 51.2", 51.2), ("# rate: 64", 64),
            ("--- ActiLife v6.13.4 Firmware v1.9.2 date format M/d/yyyy at 30 Hz  Filter Normal ---", 30),
            ("Current Battery Voltage: 4.21     Mode = 12", nil), ("Serial Number: MOS2E22180349", nil),
            ("offset=3", nil), ("Start Time 10:00:00", nil), ("Download Date 5/2/2024", nil),
        ]
        for (line, rate) in cases { XCTAssertEqual(PreambleMetadata.rate(in: line), rate, line) }
    }

    func testHeaderVocabulary() {
        typealias M = HeaderVocabulary.Meaning
        let cases: [(String, M)] = [
            ("Acc_X", .acc(axis: 0, units: nil)), ("accY", .acc(axis: 1, units: nil)), ("az", .acc(axis: 2, units: nil)),
            ("a_x", .acc(axis: 0, units: nil)), ("Accelerometer X", .acc(axis: 0, units: nil)),
            ("accelerometer_z_g", .acc(axis: 2, units: .g)), ("acc_x_mg", .acc(axis: 0, units: .milliG)),
            ("Mag_X (mG)", .other), ("Acc_X (m/s^2)", .acc(axis: 0, units: .metresPerSecondSquared)),
            ("Gyr_Z", .gyro(axis: 2, units: nil)), ("gyroX", .gyro(axis: 0, units: nil)), ("gx", .gyro(axis: 0, units: nil)),
            ("gyro_y_dps", .gyro(axis: 1, units: .degreesPerSecond)), ("Gyr_X (rad/s)", .gyro(axis: 0, units: .radiansPerSecond)),
            ("PacketCounter", .counter), ("sample", .counter), ("t", .time(units: nil)), ("time_s", .time(units: .seconds)),
            ("Timestamp (ms)", .time(units: .milliseconds)), ("time_ns", .time(units: .nanoseconds)),
            ("Mag_X", .other), ("FreeAcc_X", .other), ("SampleTimeFine", .other), ("x", .bareAxis(axis: 0)),
        ]
        for (name, meaning) in cases { XCTAssertEqual(HeaderVocabulary.meaning(of: name), meaning, name) }
    }

    func testDelimiterWinsOverStrayCommasInThePreamble() throws {
        let text = "Subject: A, B, C\nNotes: walked, stopped\nPacketCounter\tAcc_X\tAcc_Y\tAcc_Z\n0\t0\t0\t9.8\n1\t0\t0\t9.8\n2\t0\t0\t9.8\n"
        let info = try Ingest.read(text, options: ReaderOptions(path: "x", rate: SamplingRate(hz: 100))).info
        XCTAssertEqual(info.delimiter, "tab")
        XCTAssertEqual(info.preambleLines, 2)
        XCTAssertEqual(info.rows, 3)
    }
}
