import Foundation
import GaitTestSupport
import XCTest

/// What a file says about its own units and times, checked against its values with the built
/// `gait` binary: units that contradict the values are refused with the option that mends them
/// (`unitsOfGravity`, `AngularRateCheck`, the rate bound), and what can be read is read
/// (milli-g, a gyroscope that is off, rows whose time goes back, noted). Each case rewrites the
/// SampleData walk.
final class InputUnitsEndToEndTests: XCTestCase {
    /// A SampleData recording: always present, so the tests that use it never skip.
    private let sample = TestPaths.sampleData.appendingPathComponent("normal-1.3mps.csv")

    /// Runs `gait` with `arguments` and asserts it is refused with exit `status` and one line on
    /// stderr holding each of `saying`.
    private func assertRefused(_ arguments: [String], status: Int32 = 2, saying: [String],
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try GaitBinary.run(arguments)
        XCTAssertEqual(run.status, status, run.stderr, file: file, line: line)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr, file: file, line: line)
        for text in saying { XCTAssertTrue(run.stderr.contains(text), run.stderr, file: file, line: line) }
    }

    /// The sample's rows: time, three accelerations (m/s²), three angular rates (rad/s).
    private func sampleValues() throws -> [[Double]] {
        try String(contentsOf: sample, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map { Double($0)! } }
    }

    /// The sample rewritten as `name` under `header`: times mapped by `time` to 2 decimals, each
    /// acceleration mapped by `acc(axis, value)` and each angular rate by `gyro`, to 6 decimals.
    private func rewrittenSample(_ name: String, header: String, time: (Double) -> Double = { $0 },
                                 acc: (Int, Double) -> Double = { $1 }, gyro: (Double) -> Double = { $0 }) throws -> URL {
        var text = header + "\n"
        for v in try sampleValues() {
            text += ([String(format: "%.2f", time(v[0]))] + (1...3).map { String(format: "%.6f", acc($0 - 1, v[$0])) }
                     + v[4...6].map { String(format: "%.6f", gyro($0)) }).joined(separator: ",") + "\n"
        }
        let file = try TestPaths.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The sample in milli-g: read from the header's `_mg` and from the values alone, it gives
    /// the sample's steps (to the last printed digit of rounding). Labelled `_g`, the sample's
    /// m/s² are refused with exit 2 and one line; before, they were analysed as g, every
    /// acceleration 9.8 times too large, into 107 steps of 1.915 m.
    func testMilliGAndHeaderUnitsThatContradictTheValues() throws {
        func write(_ name: String, header: String, scale: Double) throws -> String {
            try rewrittenSample(name, header: header, acc: { $1 * scale }).path
        }
        let mg = 1000 / 9.80665  // thousandths of standard gravity
        func steps(_ path: String) throws -> [[String]] {
            let run = try GaitBinary.run(["analyze", path, "--height", "1.75", "--format", "csv"])
            XCTAssertEqual(run.status, 0, run.stderr)
            return run.text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let original = try steps(sample.path)
        XCTAssertGreaterThan(original.count, 100)
        for path in [try write("named.csv", header: "time_s,acc_x_mg,acc_y_mg,acc_z_mg,gyr_x,gyr_y,gyr_z", scale: mg),
                     try write("detected.csv", header: "time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z", scale: mg)] {
            let read = try steps(path)
            XCTAssertEqual(read.count, original.count, path)
            for (a, b) in zip(read, original) {
                XCTAssertEqual(a.count, b.count)
                for (x, y) in zip(a, b) where x != y {
                    XCTAssertEqual(try XCTUnwrap(Double(x)), try XCTUnwrap(Double(y)), accuracy: 2e-6, "\(a) against \(b)")
                }
            }
        }
        let labelled = try write("labelled.csv", header: "time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x,gyr_y,gyr_z", scale: 1)
        try assertRefused(["analyze", labelled], saying: ["labelled.csv: the header gives the acceleration in g"])
        XCTAssertEqual(try GaitBinary.run(["analyze", labelled, "--units", "m/s2"]).status, 0)
    }

    /// The sample's seconds under a header saying milliseconds: refused (exit 2, one line) with
    /// the option that reads them, and with `--time-units s` the sample's steps, byte for byte.
    /// Before, read at 100 kHz, the minute was 0.06 s long and gave no step, exit 0. Its
    /// milliseconds under `time_s` (0.1 Hz, exit 1) name `--time-units ms` the same way.
    func testTimeUnitsOtherThanTheHeaderSays() throws {
        var lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[0].hasPrefix("time_s,"))
        lines[0] = "time_ms" + lines[0].dropFirst("time_s".count)
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("ms.csv")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        try assertRefused(["analyze", file.path], saying: ["ms.csv: the timestamps give a sampling rate of 100000 Hz", "pass --time-units s"])
        let given = try GaitBinary.run(["analyze", file.path, "--time-units", "s", "--height", "1.75", "--format", "csv"])
        XCTAssertEqual(given.status, 0, given.stderr)
        XCTAssertEqual(given.text, try GaitBinary.run(["analyze", sample.path, "--height", "1.75", "--format", "csv"]).text)
        XCTAssertEqual(try GaitBinary.run(["analyze", file.path, "--time-units", "minutes"]).status, 2)

        let milliseconds = try rewrittenSample("s.csv", header: "time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z", time: { $0 * 1000 })
        try assertRefused(["analyze", milliseconds.path], status: 1,
                          saying: ["s.csv: the sampling rate is 0.100 Hz (from the timestamps)", "pass --time-units ms"])
        let read = try GaitBinary.run(["analyze", milliseconds.path, "--time-units", "ms", "--height", "1.75", "--format", "csv"])
        XCTAssertEqual(read.text, given.text)
    }

    /// A gyroscope that is off: columns of zeros are not used (a note says so) and the walk is
    /// analysed as accelerometer-only; before, read as rates, they gave no turns and a `guarded`
    /// flag (pelvic rotation 0°). One stuck at a constant is refused, naming
    /// `--accelerometer-only`, which analyses without it.
    func testGyroscopeThatIsOffOrStuck() throws {
        let zeros = try rewrittenSample("zeros.csv", header: "time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z", gyro: { _ in 0 })
        let run = try GaitBinary.run(["analyze", zeros.path, "--height", "1.75", "--age", "40", "--sex", "F", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.text.utf8)) as? [String: Any])
        let notes = try XCTUnwrap(doc["notes"] as? [String])
        XCTAssertTrue(notes.contains { $0.hasPrefix("the gyroscope columns (gyr_x, gyr_y, gyr_z) hold only zeros") }, "\(notes)")
        XCTAssertTrue((doc["input"] as? [String: Any])?["gyro_units"] is NSNull)
        XCTAssertEqual((doc["flags"] as? [Any])?.count, 0, "\(doc["flags"] ?? "")")

        let stuck = try rewrittenSample("stuck.csv", header: "time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z", gyro: { _ in 0.001 })
        try assertRefused(["analyze", stuck.path], saying: ["stuck.csv: the angular rate, read in rad/s (detected), gives the walking pelvis 0.00°",
                                                            "pass --accelerometer-only to analyse without it"])
        let without = try GaitBinary.run(["analyze", stuck.path, "--accelerometer-only"])
        XCTAssertEqual(without.status, 0, without.stderr)
        XCTAssertTrue(without.text.contains("Note: the gyroscope columns (gyr_x, gyr_y, gyr_z) were not used, as --accelerometer-only asks"))
        XCTAssertTrue(without.text.contains("Turns: not assessed (no gyroscope)"))
    }

    /// Rows whose time goes back are dropped (contract, "Times") and, since what they held is not
    /// analysed, the notes say how many: the sample with its clock set back 30 s at its middle
    /// loses its second half. Before, only `input.backward_timestamps` counted them.
    func testRowsWhoseTimeGoesBackAreNoted() throws {
        let file = try rewrittenSample("back.csv", header: "time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z", time: { $0 < 30 ? $0 : $0 - 30 })
        let run = try GaitBinary.run(["analyze", file.path, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.text.utf8)) as? [String: Any])
        // Of the second half's 3000 rows, 0.00–29.98 s go back and 29.99 s repeats the last kept.
        let input = try XCTUnwrap(doc["input"] as? [String: Any])
        XCTAssertEqual(input["backward_timestamps"] as? Int, 2999)
        XCTAssertEqual(input["duplicate_timestamps"] as? Int, 1)
        let notes = try XCTUnwrap(doc["notes"] as? [String])
        XCTAssertTrue(notes.contains { $0.hasPrefix("2999 rows (50.0 % of the rows read) were dropped because their time went back") }, "\(notes)")
        let plain = try GaitBinary.run(["analyze", sample.path, "--format", "json"])
        XCTAssertFalse(plain.text.contains("their time went back"))
    }

    /// A local-time clock's daylight-saving step (contract, "Times"): the sample written with a
    /// date-time column without a zone whose clock goes back an hour (02:59:59.990 then
    /// 02:00:00.000) or forward (01:59:59.990 then 03:00:00.000) at its middle gives the sample's
    /// steps, from a file and from a pipe, with the step in `input.clock_shifts` and the notes.
    /// Before (the build of 88e5980), the step back dropped the second half of the walk (3000 rows,
    /// 54 steps instead of 107) and the step forward split it at an hour's gap (two segments,
    /// 3660 s long). A step back of an hour that is not at
    /// a whole hour is no clock change and is still dropped.
    func testDaylightSavingStepsAreUndone() throws {
        let values = try sampleValues()
        func write(_ name: String, start: Int64, stepAt: Double, step: Int64, format: (Int64) -> String) throws -> URL {
            var text = "timestamp,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n"
            for v in values {
                let ms = start + Int64((v[0] * 1000).rounded()) + (v[0] >= stepAt ? step : 0)
                text += ([format(ms)] + v[1...6].map { String(format: "%.6f", $0) }).joined(separator: ",") + "\n"
            }
            let file = try TestPaths.temporaryDirectory().appendingPathComponent(name)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return file
        }
        /// Milliseconds since 1970 as a clock without a zone writes them, in `format`.
        func clock(_ format: String) -> (Int64) -> String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = format
            return { f.string(from: Date(timeIntervalSince1970: Double($0) / 1000)) }
        }
        let iso = clock("yyyy-MM-dd'T'HH:mm:ss.SSS"), slashed = clock("M/d/yyyy H:mm:ss.SSS")  // ActiGraph's
        let hour: Int64 = 3_600_000
        let october27 = Int64(1_730_001_570_000)  // 2024-10-27 03:59:30 as the clock writes it
        let fallBack = october27 - hour  // 02:59:30; at 30 s the clock reads 02:00:00.000 again
        let march31 = Int64(1_711_850_370_000)  // 2024-03-31 01:59:30; at 30 s it reads 03:00:00.000
        XCTAssertEqual(iso(fallBack), "2024-10-27T02:59:30.000")
        XCTAssertEqual(iso(march31), "2024-03-31T01:59:30.000")
        func run(_ file: URL, stdin: Bool = false) throws -> (steps: String, input: [String: Any], notes: [String]) {
            let csv = stdin ? try GaitBinary.run(["analyze", "-", "--format", "csv"], stdin: Data(contentsOf: file))
                            : try GaitBinary.run(["analyze", file.path, "--format", "csv"])
            XCTAssertEqual(csv.status, 0, csv.stderr)
            let json = try GaitBinary.run(["analyze", file.path, "--format", "json"])
            XCTAssertEqual(json.status, 0, json.stderr)
            let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            return (csv.text, try XCTUnwrap(doc["input"] as? [String: Any]), try XCTUnwrap(doc["notes"] as? [String]))
        }
        let plain = try run(write("clock.csv", start: fallBack, stepAt: .infinity, step: 0, format: iso))
        XCTAssertEqual((plain.input["clock_shifts"] as? [Any])?.count, 0)
        XCTAssertGreaterThan(plain.steps.split(separator: "\n").count, 100)
        for (name, start, step, format, before, after) in [
            ("fall-back.csv", fallBack, -hour, iso, "2024-10-27 02:59:59.990", "2024-10-27 02:00:00.000"),
            ("fall-back-slashed.csv", fallBack, -hour, slashed, "2024-10-27 02:59:59.990", "2024-10-27 02:00:00.000"),
            ("spring-forward.csv", march31, hour, iso, "2024-03-31 01:59:59.990", "2024-03-31 03:00:00.000"),
        ] as [(String, Int64, Int64, (Int64) -> String, String, String)] {
            let file = try write(name, start: start, stepAt: 30, step: step, format: format)
            let r = try run(file)
            XCTAssertEqual(r.steps, plain.steps, name)
            XCTAssertEqual(try run(file, stdin: true).steps, plain.steps, name + " from a pipe")
            XCTAssertEqual(r.input["backward_timestamps"] as? Int, 0, name)
            XCTAssertEqual(r.input["segments"] as? Int, 1, name)
            let shifts = try XCTUnwrap(r.input["clock_shifts"] as? [[String: Any]], name)
            XCTAssertEqual(shifts.count, 1, name)
            XCTAssertEqual(shifts.first?["t_s"] as? Double, 30, name)
            XCTAssertEqual(shifts.first?["shift_s"] as? Double, step < 0 ? 3600 : -3600, name)
            XCTAssertEqual(shifts.first?["clock_before"] as? String, before, name)
            XCTAssertEqual(shifts.first?["clock_after"] as? String, after, name)
            let back = step < 0
            XCTAssertTrue(r.notes.contains("the time column went \(back ? "back" : "forward") one hour at 30.000 s (\(before) then \(after)), "
                                           + "as a local-time clock does when daylight saving time \(back ? "ends" : "begins")"
                                           + "; the rows from there on were placed one hour \(back ? "later" : "earlier"), as time went on, "
                                           + (back ? "and none was dropped" : "without a gap")), "\(name): \(r.notes)")
        }
        // An hour back, 10 s before a whole hour: a clock set back, not daylight saving time.
        let setBack = try run(write("set-back.csv", start: fallBack - 10_000, stepAt: 30, step: -hour, format: iso))
        XCTAssertEqual(setBack.input["backward_timestamps"] as? Int, 3000)
        XCTAssertEqual((setBack.input["clock_shifts"] as? [Any])?.count, 0)
        XCTAssertTrue(setBack.notes.contains { $0.hasPrefix("3000 rows (50.0 % of the rows read) were dropped because their time went back") })
        // Dates centuries apart give a rate of almost 0 Hz: refused (exit 1), where the rule's
        // slack in nanoseconds trapped (fuzz-engine, 2026-11-21; its input, cut short).
        var centuries = "timestamp,acc_x,acc_y,acc_z\n2024-10-27T01:59:54.000,-0.40,0.67,9.79\n"
        centuries += "2219-01-01 10:00:00.010,-0.39,0.67,9.78\n2019-01-01 10:00:00.020,-0.42,0.70,9.78\n"
        let far = try TestPaths.temporaryDirectory().appendingPathComponent("centuries.csv")
        try centuries.write(to: far, atomically: true, encoding: .utf8)
        let refused = try GaitBinary.run(["analyze", far.path])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("the sampling rate is 0.000 Hz (from the timestamps)"), refused.stderr)
    }

    /// An angular rate read in the wrong units is refused with exit 2 and one line naming the
    /// likely units (`AngularRateCheck`); given with `--gyro-units`, it is analysed. Three cases,
    /// each analysed before without a word:
    /// - the sample's deg/s under a header saying rad/s (its first 2.5 s stand still, so the
    ///   reader could not check them): a turn of about 500° at every other step, 42 turns;
    /// - the sample's rad/s under a header saying deg/s: no turns and a `guarded` flag, the
    ///   pelvis rotating 0.30° per stride;
    /// - a severely guarded walker simulated in deg/s under a header saying rad/s, its rates
    ///   under any gyroscope's rad/s full scale: 319° of pelvic rotation per stride.
    /// The same walker without units in its header, which the reader's first-block rule took for
    /// rad/s until the units were decided on the median of four moving blocks, reads as deg/s.
    func testAngularRateInTheWrongUnitsIsRefused() throws {
        let radians = try rewrittenSample("rads.csv", header: "time_s,acc_x,acc_y,acc_z,Gyr_X (deg/s),Gyr_Y (deg/s),Gyr_Z (deg/s)")
        try assertRefused(["analyze", radians.path, "--height", "1.75"],
                          saying: ["rads.csv: the angular rate, read in deg/s (header), gives the walking pelvis 0.30°",
                                   "the values look like rad/s; pass --gyro-units rad/s"])
        XCTAssertEqual(try GaitBinary.run(["analyze", radians.path, "--gyro-units", "rad/s"]).status, 0)

        let dir = try TestPaths.temporaryDirectory()
        let made = try GaitBinary.run(["simulate", "--pattern", "guarded", "--severity", "severe", "--speed", "1.5", "--gyro-units", "deg/s",
                                       "--duration", "60s", "--seed", "3", "--out", "guarded.csv"], cwd: dir)
        XCTAssertEqual(made.status, 0, made.stderr)
        let guarded = dir.appendingPathComponent("guarded.csv")
        let detected = try GaitBinary.run(["analyze", guarded.path, "--format", "json"])
        XCTAssertEqual(detected.status, 0, detected.stderr)
        XCTAssertTrue(detected.text.contains("\"gyro_units\": \"deg/s\""), String(detected.text.prefix(1500)))
        XCTAssertTrue(detected.text.contains("\"pattern\": \"guarded\""), String(detected.text.suffix(3000)))
        var lines = try String(contentsOf: guarded, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z")
        lines[0] = "time_s,acc_x,acc_y,acc_z,gyr_x_rads,gyr_y_rads,gyr_z_rads"
        let labelled = dir.appendingPathComponent("labelled.csv")
        try lines.joined(separator: "\n").write(to: labelled, atomically: true, encoding: .utf8)
        try assertRefused(["analyze", labelled.path], saying: ["labelled.csv: the angular rate, read in rad/s (header), gives the walking pelvis",
                                                              "the values look like deg/s; pass --gyro-units deg/s"])
        let given = try GaitBinary.run(["analyze", labelled.path, "--gyro-units", "deg/s", "--format", "json"])
        XCTAssertEqual(given.status, 0, given.stderr)
        XCTAssertTrue(given.text.contains("\"pattern\": \"guarded\""), String(given.text.suffix(3000)))
    }

    /// The sample's angular rate in deg/s under a header that says rad/s: its first 2.5 s stand
    /// still, so the reader's units cannot be checked on them, and before, the walk was analysed
    /// with a turn of about 500° at every other step (42 turns). Now the recording is refused with
    /// exit 2 and one line; with `--gyro-units deg/s` it reads as the sample.
    func testAngularRateBeyondAnyGyroscopeIsRefused() throws {
        let file = try rewrittenSample("degps.csv", header: "time_s,acc_x,acc_y,acc_z,Gyr_X (rad/s),Gyr_Y (rad/s),Gyr_Z (rad/s)",
                                       gyro: { $0 * 180 / Double.pi })
        try assertRefused(["analyze", file.path, "--height", "1.75"],
                          saying: ["degps.csv: the angular rate, read in rad/s (header), exceeds 35 rad/s", "pass --gyro-units deg/s"])
        let given = try GaitBinary.run(["analyze", file.path, "--height", "1.75", "--gyro-units", "deg/s", "--format", "json"])
        XCTAssertEqual(given.status, 0, given.stderr)
        let original = try GaitBinary.run(["analyze", sample.path, "--height", "1.75", "--format", "json"])
        func turns(_ run: GaitBinary.Run) throws -> Int {
            let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.text.utf8)) as? [String: Any])
            return try XCTUnwrap(doc["turns"] as? [Any]).count
        }
        XCTAssertEqual(try turns(given), try turns(original))
    }

    /// Acceleration with gravity removed (each axis's mean taken out, as free or linear
    /// acceleration has it) is refused with exit 1 and one line. Before, given its units, it was
    /// analysed without a word: 107 steps, but a step length of 0.503 m against the sample's
    /// 0.660 m, the body frame having lost its vertical. The sample itself is not refused.
    func testAccelerationWithoutGravityIsRefused() throws {
        let values = try sampleValues()
        let mean = (1...3).map { i in values.map { $0[i] }.reduce(0, +) / Double(values.count) }
        let file = try rewrittenSample("free.csv", header: "time_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z", acc: { $1 - mean[$0] })
        try assertRefused(["analyze", file.path, "--units", "m/s2"], status: 1, saying: ["free.csv: the acceleration holds no gravity"])
        XCTAssertEqual(try GaitBinary.run(["analyze", sample.path]).status, 0)
    }
}
