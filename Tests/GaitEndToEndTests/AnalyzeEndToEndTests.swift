import Foundation
import GaitTestSupport
import XCTest

/// The built `gait` binary, run as a user runs it.
final class AnalyzeEndToEndTests: XCTestCase {
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

    private func realFile() throws -> URL {
        guard let dir = TestPaths.voisardDataset else {
            throw XCTSkip("../shared/datasets/voisard-healthy is absent: real-recording end-to-end test skipped")
        }
        return dir.appendingPathComponent("1-1_lb.txt")
    }

    /// A real Xsens export, exactly as exported, gives the contract's JSON document.
    func testAnalyzeRealRecordingJSON() throws {
        let run = try GaitBinary.run(["analyze", try realFile().path, "--format", "json", "--height", "1.75"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try GaitBinary.json(run.stdout)
        XCTAssertEqual(doc["schema"] as? String, "gait.analysis/1")
        let input = try XCTUnwrap(doc["input"] as? [String: Any])
        XCTAssertEqual(input["sampling_rate_hz"] as? Double, 100)
        XCTAssertEqual(input["time_format"] as? String, "counter")
        let steps = try XCTUnwrap(doc["steps"] as? [[String: Any]])
        XCTAssertGreaterThan(steps.count, 20)
        for key in ["ic_s", "fc_s", "side", "side_confidence", "step_time_s", "step_length_m"] {
            XCTAssertTrue(steps[1].keys.contains(key), "step field \(key) missing")
        }
        XCTAssertTrue(steps[0]["step_time_s"] is NSNull, "the first contact of a bout has no step time")
        let bouts = try XCTUnwrap(doc["bouts"] as? [[String: Any]])
        XCTAssertFalse(bouts.isEmpty)
        let summary = try XCTUnwrap(doc["summary"] as? [String: Any])
        for key in ["walking_time_s", "n_steps", "cadence_spm", "stride_length_m", "speed_mps", "step_time_asymmetry_pct",
                    "step_length_asymmetry_pct", "step_time_longer_side", "step_length_longer_side"] {
            XCTAssertTrue(summary.keys.contains(key), "summary field \(key) missing")
        }
        XCTAssertNotNil(doc["flags"] as? [Any])
    }

    /// A gap the reader does not bridge splits the recording into segments, analysed apart; the
    /// summary still counts the walking of every segment. (Until 2026-11-21 it kept only the last
    /// segment's walking time: 22.74 s of 49.21 s here.)
    func testSummaryCountsTheWalkingOfEverySegment() throws {
        var lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeSubrange(3001..<3301)  // 3 s of rows, 30–33 s
        let dir = try TestPaths.temporaryDirectory()
        let file = dir.appendingPathComponent("gap.csv")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let run = try GaitBinary.run(["analyze", file.path, "--format", "json", "--height", "1.75"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try GaitBinary.json(run.stdout)
        let gaps = try XCTUnwrap((doc["input"] as? [String: Any])?["gaps"] as? [[String: Any]])
        XCTAssertEqual(gaps.count, 1)
        XCTAssertEqual(gaps.first?["bridged"] as? Bool, false)
        let bouts = try XCTUnwrap(doc["bouts"] as? [[String: Any]])
        XCTAssertEqual(bouts.count, 2, "one bout each side of the gap")
        let boutTime = bouts.reduce(0.0) { $0 + (($1["end_s"] as? Double ?? 0) - ($1["start_s"] as? Double ?? 0)) }
        let summary = try XCTUnwrap(doc["summary"] as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(summary["walking_time_s"] as? Double), boutTime, accuracy: 0.011)
        XCTAssertEqual(summary["n_bouts"] as? Int, 2)
    }

    /// Standard input through a real pipe gives the same result as the file.
    func testStdinMatchesFile() throws {
        let file = sample
        let fromFile = try GaitBinary.run(["analyze", file.path, "--format", "csv"])
        let fromPipe = try GaitBinary.run(["analyze", "-", "--format", "csv"], stdin: try Data(contentsOf: file))
        XCTAssertEqual(fromPipe.status, 0, fromPipe.stderr)
        XCTAssertEqual(fromPipe.text, fromFile.text)
        XCTAssertTrue(fromFile.text.hasPrefix(
            "ic_s,fc_s,side,side_confidence,step_time_s,step_length_m,bout,in_turn,support_min_g,giving_way_candidate\n"))
    }

    /// The sample rewritten as Shimmer's Consensys exports it (a quoted `sep=` line, device-named
    /// `_CAL` columns with a second, wide-range accelerometer and other sensors, a units row,
    /// milliseconds, deg/s) is read without options and gives the same steps, byte for byte.
    func testShimmerExportOfTheSampleGivesTheSameSteps() throws {
        let lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n").dropFirst()
        let p = "Shimmer_40AC_"
        var text = "\"sep=\t\"\n"
        text += ["Timestamp_Unix_CAL", "Accel_LN_X_CAL", "Accel_LN_Y_CAL", "Accel_LN_Z_CAL", "Accel_WR_X_CAL", "Accel_WR_Y_CAL",
                 "Accel_WR_Z_CAL", "GSR_Skin_Resistance_CAL", "Gyro_X_CAL", "Gyro_Y_CAL", "Gyro_Z_CAL", "Mag_X_CAL"]
            .map { p + $0 }.joined(separator: "\t") + "\t\n"
        text += "ms\tm/(s^2)\tm/(s^2)\tm/(s^2)\tm/(s^2)\tm/(s^2)\tm/(s^2)\tkOhms\tdeg/s\tdeg/s\tdeg/s\tlocal_flux\t\n"
        for line in lines {
            let v = line.split(separator: ",").map { Double($0)! }
            let ms = String(format: "%.3f", 1_595_933_810_034 + v[0] * 1000)
            let acc = v[1...3].map { "\($0)" }, wide = v[1...3].map { "\($0 * 1.01)" }
            let gyro = v[4...6].map { "\($0 * 180 / Double.pi)" }
            text += ([ms] + acc + wide + ["401.11"] + gyro + ["-0.11"]).joined(separator: "\t") + "\t\n"
        }
        let dir = try TestPaths.temporaryDirectory()
        let shimmer = dir.appendingPathComponent("Shimmer_40AC_Session1.csv")
        try text.write(to: shimmer, atomically: true, encoding: .utf8)
        let original = try GaitBinary.run(["analyze", sample.path, "--height", "1.75", "--format", "csv"])
        let converted = try GaitBinary.run(["analyze", shimmer.path, "--height", "1.75", "--format", "csv"])
        XCTAssertEqual(converted.status, 0, converted.stderr)
        XCTAssertEqual(converted.text, original.text)
        let json = try GaitBinary.run(["analyze", shimmer.path, "--height", "1.75", "--format", "json"])
        XCTAssertTrue(json.text.contains("\"ax\": \"Shimmer_40AC_Accel_LN_X_CAL\""), String(json.text.prefix(1500)))
    }

    /// The sample rewritten as Axivity's OMGUI writes CSV (no header, a date-time, then x, y, z in
    /// g) is read without options, says in its notes what it assumed, and finds the same contacts.
    func testHeaderlessAxivityExportOfTheSample() throws {
        let lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n").dropFirst()
        var text = ""
        for line in lines {
            let v = line.split(separator: ",").map { Double($0)! }
            let ms = Int((v[0] * 1000).rounded())
            let time = String(format: "2019-01-01 10:%02d:%02d.%03d", ms / 60_000, ms / 1000 % 60, ms % 1000)
            text += ([time] + v[1...3].map { String(format: "%.6f", $0 / 9.80665) }).joined(separator: ",") + "\n"
        }
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("axivity.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        func contacts(_ run: GaitBinary.Run) throws -> [Double] {
            let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.text.utf8)) as? [String: Any])
            return try XCTUnwrap(doc["steps"] as? [[String: Any]]).compactMap { $0["ic_s"] as? Double }
        }
        let original = try GaitBinary.run(["analyze", sample.path, "--height", "1.75", "--format", "json"])
        let axivity = try GaitBinary.run(["analyze", file.path, "--height", "1.75", "--format", "json"])
        XCTAssertEqual(axivity.status, 0, axivity.stderr)
        XCTAssertTrue(axivity.text.contains("the file has no header: its columns were taken as time, ax, ay, az"))
        XCTAssertEqual(try contacts(axivity), try contacts(original))
        XCTAssertFalse(try contacts(original).isEmpty)
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

    /// The text output says what was read and carries the disclaimer.
    func testTextOutputCarriesDisclaimer() throws {
        let run = try GaitBinary.run(["analyze", sample.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.text.contains("not a medical diagnosis"))
        XCTAssertTrue(run.text.contains("Cadence"))
    }

    /// Bad input: exit 2 and one line naming file, line and column.
    func testBadRowNamesFileLineAndColumn() throws {
        let dir = try TestPaths.temporaryDirectory()
        let path = dir.appendingPathComponent("bad.csv").path
        var csv = "time_s,acc_x,acc_y,acc_z\n"
        for i in 0..<50 { csv += "\(Double(i) / 100),0.1,0.2,9.8\n" }
        csv += "0.5,0.1,oops,9.8\n"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try GaitBinary.run(["analyze", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("\(path):52:3"), run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, "one line: \(run.stderr)")
        XCTAssertTrue(run.stdout.isEmpty)
    }

    /// Standing still is not an error: exit 0, no steps.
    /// A deg/s recording (SampleData, g and deg/s, no units in its header) after 8 s of a
    /// low-noise sensor lying still: read through a real pipe, the angular-rate units are decided
    /// on the first rows that move, and the analysis equals the one with `--gyro-units deg/s`.
    func testGyroUnitsAfterAStillStartThroughAPipe() throws {
        let walk = try String(contentsOf: TestPaths.sampleData.appendingPathComponent("asymmetric-slow-g-degps.csv"), encoding: .utf8)
        var lines = walk.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        var text = header + "\n"
        for i in 0..<800 {
            let t = Double(i) / 100, noise = sin(t * 2 * .pi * 23.7) * 0.6 + sin(t * 2 * .pi * 31.3 + 1) * 0.4
            let row = [t, 0.001 * noise, 0.001 * noise, 1 + 0.003 * noise, 0.07 * noise, -0.06 * noise, 0.05 * noise]
            text += row.map { String(format: "%.6f", $0) }.joined(separator: ",") + "\n"
        }
        for line in lines {
            var fields = line.split(separator: ",").map(String.init)
            fields[0] = String(format: "%.6f", Double(fields[0])! + 8)
            text += fields.joined(separator: ",") + "\n"
        }
        let detected = try GaitBinary.run(["analyze", "-", "--format", "json"], stdin: Data(text.utf8))
        let given = try GaitBinary.run(["analyze", "-", "--format", "json", "--gyro-units", "deg/s"], stdin: Data(text.utf8))
        XCTAssertEqual(detected.status, 0, detected.stderr)
        let a = try GaitBinary.json(detected.stdout), b = try GaitBinary.json(given.stdout)
        let input = try XCTUnwrap(a["input"] as? [String: Any])
        XCTAssertEqual(input["gyro_units"] as? String, "deg/s")
        XCTAssertEqual(input["gyro_units_source"] as? String, "detected")
        let steps = try XCTUnwrap(a["steps"] as? [[String: Any]])
        XCTAssertGreaterThan(steps.count, 100)
        XCTAssertEqual(steps as NSArray, try XCTUnwrap(b["steps"] as? [[String: Any]]) as NSArray)
        XCTAssertEqual(a["turns"] as? NSArray, b["turns"] as? NSArray)
        XCTAssertEqual(a["summary"] as? NSDictionary, b["summary"] as? NSDictionary)
    }

    func testNoWalkingIsAnEmptyResult() throws {
        let dir = try TestPaths.temporaryDirectory()
        let path = dir.appendingPathComponent("still.csv").path
        var csv = "time_s,acc_x,acc_y,acc_z\n"
        for i in 0..<3000 { csv += "\(Double(i) / 100),0.01,-0.02,9.81\n" }
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try GaitBinary.run(["analyze", path, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try GaitBinary.json(run.stdout)
        XCTAssertEqual((doc["steps"] as? [Any])?.count, 0)
        XCTAssertEqual((doc["summary"] as? [String: Any])?["n_steps"] as? Int, 0)
    }

    /// The sample recording with only every `n`th row kept: the same walk at 100 / n Hz.
    private func everyNthRow(_ n: Int) throws -> String {
        let lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n")
        let rows = lines.dropFirst().enumerated().filter { $0.offset % n == 0 }.map(\.element)
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("every\(n).csv").path
        try (([lines[0]] + rows).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A rate too low to analyse is refused with exit 1 and one line naming the file and the rate
    /// (found by fuzzing: timestamps minutes apart stopped the program on a filter's precondition);
    /// under the validated 20 Hz the walk is analysed and a note says the rate is not validated.
    func testSamplingRateTooLowToAnalyse() throws {
        let five = try everyNthRow(20)
        let refused = try GaitBinary.run(["analyze", five, "--format", "json"])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stdout.isEmpty)
        let message = refused.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertFalse(message.contains("\n"), message)
        XCTAssertTrue(message.contains(five) && message.contains("5.000 Hz (from the timestamps)"), message)

        let eight = try everyNthRow(8)
        let run = try GaitBinary.run(["analyze", eight, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try GaitBinary.json(run.stdout)
        XCTAssertEqual((doc["input"] as? [String: Any])?["sampling_rate_hz"] as? Double, 12.5)
        XCTAssertTrue(try XCTUnwrap(doc["notes"] as? [String]).contains { $0.hasPrefix("sampling rate 12.500 Hz") })
        XCTAssertGreaterThan(try XCTUnwrap(doc["steps"] as? [Any]).count, 100)
    }

    /// Usage errors exit 2; a missing file exits 2 naming it; --out writes the whole file.
    func testUsageErrorsAndOutFile() throws {
        XCTAssertEqual(try GaitBinary.run(["analyze"]).status, 2)
        XCTAssertEqual(try GaitBinary.run(["analyze", "x.csv", "--format", "xml"]).status, 2)
        XCTAssertEqual(try GaitBinary.run(["analyze", sample.path, "--rate", "1e6"]).status, 2, "over SamplingRate.maximumHz")
        let missing = try GaitBinary.run(["analyze", "/nonexistent/file.csv"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/file.csv"))
        let dir = try TestPaths.temporaryDirectory()
        let out = dir.appendingPathComponent("result.json")
        let run = try GaitBinary.run(["analyze", sample.path, "--format", "json", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.isEmpty)
        XCTAssertEqual(try GaitBinary.json(try Data(contentsOf: out))["schema"] as? String, "gait.analysis/1")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "result.json" }
        XCTAssertEqual(leftovers, [], "no temporary files left behind")
    }

    /// gait stream: NDJSON, last line the summary, same steps, subject and notes as analyze.
    func testStreamMatchesAnalyze() throws {
        let file = sample
        let stream = try GaitBinary.run(["stream"], stdin: try Data(contentsOf: file))
        XCTAssertEqual(stream.status, 0, stream.stderr)
        let lines = stream.text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(lines.last?["type"] as? String, "summary")
        let streamedSteps = lines.filter { $0["type"] as? String == "step" }.map { $0["ic_s"] as! Double }
        let analyzed = try GaitBinary.json(try GaitBinary.run(["analyze", file.path, "--format", "json"]).stdout)
        let steps = (analyzed["steps"] as! [[String: Any]]).map { $0["ic_s"] as! Double }
        XCTAssertEqual(streamedSteps, steps)
        let notes = try XCTUnwrap(analyzed["notes"] as? [String])
        XCTAssertFalse(notes.isEmpty, "no height given: the assumed sensor height is noted")
        XCTAssertEqual(lines.last?["notes"] as? [String], notes)
        XCTAssertEqual(lines.last?["subject"] as? NSDictionary, analyzed["subject"] as? NSDictionary)
    }

    /// Turns: analyze lists them with the steps marked; stream emits the same ones as `turn`
    /// lines; the CSV carries `in_turn`.
    func testTurnsInJSONStreamAndCSV() throws {
        let walk = SyntheticTurningWalk(durationS: 45, pulses: [.init(startS: 20, durationS: 2, angleDeg: 180)])
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("turn.csv")
        try Data(walk.csv()).write(to: file)
        let run = try GaitBinary.run(["analyze", file.path, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try GaitBinary.json(run.stdout)
        let turns = try XCTUnwrap(doc["turns"] as? [[String: Any]])
        XCTAssertEqual(turns.count, 1)
        XCTAssertEqual(try XCTUnwrap(turns.first?["angle_deg"] as? Double), 180, accuracy: 5)
        let inTurn = (doc["steps"] as! [[String: Any]]).filter { $0["in_turn"] as? Bool == true }.count
        XCTAssertGreaterThan(inTurn, 0)
        XCTAssertEqual(turns.first?["n_steps"] as? Int, inTurn)
        XCTAssertEqual((doc["summary"] as? [String: Any])?["n_turns"] as? Int, 1)

        let stream = try GaitBinary.run(["stream"], stdin: try Data(contentsOf: file))
        XCTAssertEqual(stream.status, 0, stream.stderr)
        let lines = stream.text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let streamed = lines.filter { $0["type"] as? String == "turn" }
        XCTAssertEqual(streamed.map { $0["start_s"] as? Double }, turns.map { $0["start_s"] as? Double })
        XCTAssertEqual(streamed.map { $0["angle_deg"] as? Double }, turns.map { $0["angle_deg"] as? Double })

        let csv = try GaitBinary.run(["analyze", file.path, "--format", "csv"])
        let rows = csv.text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try XCTUnwrap(rows.first?.firstIndex(of: "in_turn"))
        XCTAssertEqual(rows.dropFirst().filter { $0[column] == "true" }.count, inTurn)
    }

    /// Without a gyroscope turns were not assessed: null, not an empty list or zero.
    func testNoGyroscopeTurnsAreNull() throws {
        let run = try GaitBinary.run(["analyze", TestPaths.sampleData.appendingPathComponent("accelerometer-only.csv").path,
                                      "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try GaitBinary.json(run.stdout)
        XCTAssertTrue(doc["turns"] is NSNull)
        XCTAssertTrue((doc["summary"] as? [String: Any])?["n_turns"] is NSNull)
        let steps = try XCTUnwrap(doc["steps"] as? [[String: Any]])
        XCTAssertFalse(steps.isEmpty)
        XCTAssertTrue(steps.allSatisfy { $0["in_turn"] is NSNull })
    }
}
