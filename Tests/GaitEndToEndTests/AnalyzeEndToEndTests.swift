import Foundation
import GaitTestSupport
import XCTest

/// The built `gait` binary, run as a user runs it.
final class AnalyzeEndToEndTests: XCTestCase {
    /// A SampleData recording: always present, so the tests that use it never skip.
    private let sample = TestPaths.sampleData.appendingPathComponent("normal-1.3mps.csv")

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
    /// A 45 s walk with one 180° turn at 20 s, written to `name`, and its JSON document.
    private func turningWalk(_ name: String) throws -> (file: URL, doc: [String: Any]) {
        let walk = SyntheticTurningWalk(durationS: 45, pulses: [.init(startS: 20, durationS: 2, angleDeg: 180)])
        let file = try TestPaths.temporaryDirectory().appendingPathComponent(name)
        try Data(walk.csv()).write(to: file)
        let run = try GaitBinary.run(["analyze", file.path, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return (file, try GaitBinary.json(run.stdout))
    }

    func testTurnsInJSONStreamAndCSV() throws {
        let (file, doc) = try turningWalk("turn.csv")
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

    /// `--format csv --table steps|strides|bouts|turns` writes the JSON document's section of that
    /// name, one row per record, the header its field names, nulls empty; without `--table`, steps.
    /// On the turning walk, so that every table has rows.
    func testCSVTablesHoldTheJSONSections() throws {
        let (file, doc) = try turningWalk("tables.csv")
        let plain = try GaitBinary.run(["analyze", file.path, "--format", "csv"])
        for table in ["steps", "strides", "bouts", "turns"] {
            let csv = try GaitBinary.run(["analyze", file.path, "--format", "csv", "--table", table])
            XCTAssertEqual(csv.status, 0, csv.stderr)
            if table == "steps" { XCTAssertEqual(csv.text, plain.text) }
            let records = try XCTUnwrap(doc[table] as? [[String: Any]], table)
            XCTAssertFalse(records.isEmpty, table)
            let lines = csv.text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = try XCTUnwrap(lines.first)
            XCTAssertEqual(Set(header), Set(records[0].keys), table)
            XCTAssertEqual(header.count, records[0].count, table)
            XCTAssertEqual(lines.count - 1, records.count, table)
            for (row, record) in zip(lines.dropFirst(), records) {
                XCTAssertEqual(row.count, header.count, table)
                for (name, cell) in zip(header, row) {
                    let what = "\(table).\(name)"
                    let value = record[name]
                    if cell.isEmpty {
                        XCTAssertTrue(value is NSNull, what)
                    } else if cell == "true" || cell == "false" {
                        XCTAssertEqual(value as? Bool, cell == "true", what)
                    } else if let number = Double(cell) {
                        XCTAssertEqual(try XCTUnwrap((value as? NSNumber)?.doubleValue, what), number, accuracy: 1e-9, what)
                    } else {
                        XCTAssertEqual(value as? String, cell, what)
                    }
                }
            }
        }
        let misplaced = try GaitBinary.run(["analyze", file.path, "--table", "bouts"])
        XCTAssertEqual(misplaced.status, 2)
        XCTAssertTrue(misplaced.stderr.contains("--table belongs to --format csv"), misplaced.stderr)
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
