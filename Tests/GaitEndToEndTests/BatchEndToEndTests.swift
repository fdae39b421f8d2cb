import Foundation
import GaitCore
import GaitTestSupport
import XCTest

/// `gait batch` and `gait merge`, run as a user runs them: real files, the built binary.
final class BatchEndToEndTests: XCTestCase {
    private let fm = FileManager.default

    /// A study folder: two subjects' good recordings, a recording with one bad row, and a file
    /// that is not a recording.
    private func study() throws -> URL {
        let dir = try TestPaths.temporaryDirectory()
        let inputs = dir.appendingPathComponent("in")
        for (source, target) in [("normal-1.3mps.csv", "s01/walk.csv"), ("accelerometer-only.csv", "s02/walk.csv"),
                                 ("asymmetric-slow-g-degps.csv", "s02/slow.csv")] {
            let url = inputs.appendingPathComponent(target)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: TestPaths.sampleData.appendingPathComponent(source), to: url)
        }
        // One bad row in the middle of an otherwise good recording (line 1001 of the file).
        var lines = try String(contentsOf: TestPaths.sampleData.appendingPathComponent("normal-1.3mps.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1000] = "9.99,not-a-number,0,0,0,0,0"
        try lines.joined(separator: "\n").write(to: inputs.appendingPathComponent("s03/walk.csv").creatingParent(), atomically: true, encoding: .utf8)
        try "time_s,acc_x,acc_y,acc_z\n".write(to: inputs.appendingPathComponent("s04/empty.csv").creatingParent(), atomically: true, encoding: .utf8)
        return dir
    }

    private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Rows of a CSV file our writers made (quoted fields hold no line breaks).
    private func csvRows(_ url: URL) throws -> [[String]] {
        try read(url).split(separator: "\n").map { line in
            var fields: [String] = [], field = "", quoted = false, previous: Character = " "
            for c in line {
                if c == "\"" {
                    if quoted { quoted = false } else { quoted = true; if previous == "\"" { field.append("\"") } }
                } else if c == "," && !quoted {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(c)
                }
                previous = c
            }
            return fields + [field]
        }
    }

    /// Every input gets its document (the same bytes `gait analyze --format json` writes, bad rows
    /// skipped and counted), its summary row, or its errors.csv row; the failed input does not stop
    /// the others; exit 1 says some failed; no temporary file is left.
    func testBatchWritesEveryResultAndListsTheFailure() throws {
        let dir = try study()
        let out = dir.appendingPathComponent("out")
        let run = try GaitBinary.run(["batch", "in", "--out", "out", "--jobs", "2", "--height", "1.75"], cwd: dir)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("in/s04/empty.csv:1: "), run.stderr)
        XCTAssertTrue(fm.fileExists(atPath: out.appendingPathComponent("slow.json").path), "a unique file name is the recording's name")

        let errors = try csvRows(out.appendingPathComponent("errors.csv"))
        XCTAssertEqual(errors.count, 2, "header and one failed input")
        XCTAssertEqual(Array(errors[0].prefix(3)), ["path", "line", "message"])
        XCTAssertEqual(errors[1][0], "in/s04/empty.csv")
        XCTAssertEqual(errors[1][1], "1")

        let summary = try csvRows(out.appendingPathComponent("summary.csv"))
        let header = summary[0]
        XCTAssertEqual(summary.dropFirst().map { $0[0] }, ["s01/walk", "s02/walk", "s03/walk", "slow"])
        for key in ["walking_time_s", "n_steps", "cadence_spm", "speed_mps", "step_time_asymmetry_pct", "step_length_longer_side"] {
            XCTAssertTrue(header.contains(key), key)
        }
        let badRows = header.firstIndex(of: "bad_rows_skipped")!
        XCTAssertEqual(summary.dropFirst().map { $0[badRows] }, ["0", "0", "1", "0"])
        let steps = header.firstIndex(of: "n_steps")!
        for row in summary.dropFirst() { XCTAssertGreaterThan(Int(row[steps]) ?? 0, 50, row[0]) }

        for (recording, path, extra) in [("s01/walk", "in/s01/walk.csv", [String]()), ("s03/walk", "in/s03/walk.csv", ["--on-bad-row", "skip"])] {
            let single = try GaitBinary.run(["analyze", path, "--format", "json", "--height", "1.75"] + extra, cwd: dir)
            XCTAssertEqual(single.status, 0, single.stderr)
            XCTAssertEqual(try read(out.appendingPathComponent(recording + ".json")), single.text, recording)
        }
        XCTAssertFalse(fm.fileExists(atPath: out.appendingPathComponent("empty.json").path))
        let leftovers = try fm.subpathsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [])
    }

    /// `--on-bad-row fail` turns the bad row into the recording's failure, with its line and column.
    func testBadRowFailsTheRecordingWhenAsked() throws {
        let dir = try study()
        let run = try GaitBinary.run(["batch", "in/s03", "in/s01", "--out", "out", "--on-bad-row", "fail"], cwd: dir)
        XCTAssertEqual(run.status, 1, run.stderr)
        let errors = try csvRows(dir.appendingPathComponent("out/errors.csv"))
        XCTAssertEqual(errors.count, 2)
        XCTAssertEqual(errors[1][0], "in/s03/walk.csv")
        XCTAssertEqual(errors[1][1], "1001")
        XCTAssertEqual(errors[1][3], "2", "the column of the bad field")
        XCTAssertTrue(errors[1][2].contains("not-a-number"), errors[1][2])
        XCTAssertTrue(fm.fileExists(atPath: dir.appendingPathComponent("out/s01/walk.json").path))
    }

    /// One job or two, sharded and merged or not: the same files.
    func testJobsAndShardsGiveTheSameOutput() throws {
        let dir = try study()
        let one = try GaitBinary.run(["batch", "in", "--out", "one", "--jobs", "1"], cwd: dir)
        XCTAssertEqual(one.status, 1, one.stderr)
        let two = try GaitBinary.run(["batch", "in", "--out", "two", "--jobs", "2"], cwd: dir)
        XCTAssertEqual(two.status, 1, two.stderr)
        for k in 1...3 {
            let shard = try GaitBinary.run(["batch", "in", "--out", "shard\(k)", "--shard", "\(k)/3"], cwd: dir)
            XCTAssertTrue([0, 1].contains(shard.status), shard.stderr)
        }
        let merge = try GaitBinary.run(["merge", "shard1", "shard2", "shard3", "--out", "merged"], cwd: dir)
        XCTAssertEqual(merge.status, 1, "the merged errors.csv lists the failed input: \(merge.stderr)")
        let files = try fm.subpathsOfDirectory(atPath: dir.appendingPathComponent("one").path).filter { $0.contains(".") }.sorted()
        XCTAssertEqual(files, ["errors.csv", "s01/walk.json", "s02/walk.json", "s03/walk.json", "slow.json", "summary.csv"])
        for other in ["two", "merged"] {
            let theirs = try fm.subpathsOfDirectory(atPath: dir.appendingPathComponent(other).path).filter { $0.contains(".") }.sorted()
            XCTAssertEqual(theirs, files, other)
            for f in files {
                XCTAssertEqual(try read(dir.appendingPathComponent("\(other)/\(f)")), try read(dir.appendingPathComponent("one/\(f)")), "\(other)/\(f)")
            }
        }
        // Merging a directory into itself, or two different results for one recording, is refused.
        XCTAssertEqual(try GaitBinary.run(["merge", "one", "--out", "one"], cwd: dir).status, 2)
        try "{\"schema\": \"gait.analysis/1\"}\n".write(to: dir.appendingPathComponent("two/s01/walk.json"), atomically: true, encoding: .utf8)
        let clash = try GaitBinary.run(["merge", "one", "two", "--out", "clash"], cwd: dir)
        XCTAssertEqual(clash.status, 2)
        XCTAssertTrue(clash.stderr.contains("s01/walk"), clash.stderr)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("clash").path), "nothing written when the merge is refused")
    }

    /// A failed input whose file name holds a line break (CRLF) keeps its name in `errors.csv`,
    /// quoted, its error on stderr stays one line, and `gait merge` of the shards reads the table
    /// back and gives the bytes of the unsharded run. Before the writer tested bytes, "\r\n" (one
    /// `Character`) went out unquoted, and the merge could not read the table.
    func testFileNameWithALineBreakSurvivesTheErrorsTable() throws {
        let dir = try TestPaths.temporaryDirectory()
        let inputs = dir.appendingPathComponent("in")
        try fm.createDirectory(at: inputs, withIntermediateDirectories: true)
        try fm.copyItem(at: TestPaths.sampleData.appendingPathComponent("normal-1.3mps.csv"), to: inputs.appendingPathComponent("walk.csv"))
        try "time_s,acc_x,acc_y,acc_z\n".write(to: inputs.appendingPathComponent("odd\r\nname.csv"), atomically: true, encoding: .utf8)
        let whole = try GaitBinary.run(["batch", "in", "--out", "whole"], cwd: dir)
        XCTAssertEqual(whole.status, 1, whole.stderr)
        let failure = whole.stderr.split(separator: "\n").filter { $0.contains("odd") }
        XCTAssertEqual(failure.count, 1, "one line: \(whole.stderr.debugDescription)")
        XCTAssertFalse(failure.first?.contains("\r") ?? true, whole.stderr.debugDescription)
        let errors = try read(dir.appendingPathComponent("whole/errors.csv"))
        XCTAssertTrue(errors.contains("\"in/odd\r\nname.csv\""), errors.debugDescription)
        for k in 1...2 {
            let shard = try GaitBinary.run(["batch", "in", "--out", "shard\(k)", "--shard", "\(k)/2"], cwd: dir)
            XCTAssertTrue([0, 1].contains(shard.status), shard.stderr)
        }
        let merge = try GaitBinary.run(["merge", "shard1", "shard2", "--out", "merged"], cwd: dir)
        XCTAssertEqual(merge.status, 1, "the merged errors.csv lists the failed input: \(merge.stderr)")
        for f in ["errors.csv", "summary.csv"] {
            XCTAssertEqual(try read(dir.appendingPathComponent("merged/\(f)")), try read(dir.appendingPathComponent("whole/\(f)")), f)
        }
    }

    /// Recordings whose names differ only in their bytes are all analysed, whole and in shards.
    /// Before: of a folder holding `café.csv` twice (NFC and NFD) and `walk.csv` in a folder
    /// named U+0301 + "b" beside `a/walk.csv`, the batch analysed 2 of the 4 and said nothing of
    /// the others (Swift's canonical `==` took the two cafés for one file; Foundation's
    /// enumerator gave the folder's file a path that did not exist).
    func testNamesThatDifferOnlyInTheirBytesAreAllAnalysed() throws {
        let dir = try TestPaths.temporaryDirectory().path
        let recording = try XCTUnwrap(fm.contents(atPath: TestPaths.sampleData.appendingPathComponent("normal-1.3mps.csv").path))
        func place(_ relative: String) {
            var folder = dir + "/in"
            mkdir(folder, 0o755)
            for part in PathText.components(relative).dropLast() {
                folder += "/" + part
                mkdir(folder, 0o755)
            }
            let file = fopen(dir + "/in/" + relative, "w")
            XCTAssertNotNil(file, relative)
            _ = recording.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
        }
        for f in ["caf\u{E9}.csv", "cafe\u{301}.csv", "\u{301}b/walk.csv", "a/walk.csv"] { place(f) }
        let whole = try GaitBinary.run(["batch", "in", "--out", "whole"], cwd: URL(fileURLWithPath: dir))
        XCTAssertEqual(whole.status, 0, whole.stderr)
        XCTAssertTrue(whole.stderr.contains("4 analysed, 0 failed"), whole.stderr)
        let documents = try BatchInputsListing.json(under: dir + "/whole")
        XCTAssertEqual(documents.map { Array($0.utf8) },
                       ["a/walk.json", "cafe\u{301}.json", "caf\u{E9}~2.json", "\u{301}b/walk.json"].map { Array($0.utf8) })
        let summary = try XCTUnwrap(fm.contents(atPath: dir + "/whole/summary.csv"))
        XCTAssertEqual(summary.split(separator: UInt8(ascii: "\n")).count, 5, "a header and four rows")
        for k in 1...2 {
            let shard = try GaitBinary.run(["batch", "in", "--out", "shard\(k)", "--shard", "\(k)/2"], cwd: URL(fileURLWithPath: dir))
            XCTAssertEqual(shard.status, 0, shard.stderr)
        }
        let merge = try GaitBinary.run(["merge", "shard1", "shard2", "--out", "merged"], cwd: URL(fileURLWithPath: dir))
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertEqual(fm.contents(atPath: dir + "/merged/summary.csv"), summary)
        XCTAssertEqual(try BatchInputsListing.json(under: dir + "/merged").map { Array($0.utf8) }, documents.map { Array($0.utf8) })
        let resumed = try GaitBinary.run(["batch", "in", "--out", "whole", "--resume"], cwd: URL(fileURLWithPath: dir))
        XCTAssertTrue(resumed.stderr.contains("0 analysed, 4 kept from an earlier run"), resumed.stderr)
    }

    /// `--resume` analyses only what has no result yet and the inputs that failed, and gives the
    /// same tables.
    func testResumeAnalysesOnlyWhatIsMissing() throws {
        let dir = try study()
        XCTAssertEqual(try GaitBinary.run(["batch", "in", "--out", "out"], cwd: dir).status, 1)
        let summary = try read(dir.appendingPathComponent("out/summary.csv"))
        try fm.removeItem(at: dir.appendingPathComponent("out/s02/walk.json"))
        // What a killed batch leaves: the temporary file of an interrupted atomic write.
        let interrupted = dir.appendingPathComponent("out/s02/.walk.json.tmp-a1B2c3")
        try "{\"schema\": \"gait.ana".write(to: interrupted, atomically: false, encoding: .utf8)
        let again = try GaitBinary.run(["batch", "in", "--out", "out", "--resume"], cwd: dir)
        XCTAssertEqual(again.status, 1, again.stderr)
        XCTAssertTrue(again.stderr.contains("1 analysed, 3 kept from an earlier run, 1 failed"), again.stderr)
        XCTAssertEqual(try read(dir.appendingPathComponent("out/summary.csv")), summary)
        XCTAssertFalse(fm.fileExists(atPath: interrupted.path), "--resume removes interrupted writes")
    }

    /// A batch of two devices: a severely guarded walker recorded in deg/s under a header that says
    /// rad/s fails alone (the others' results kept) until the metadata names its units; then it
    /// is analysed in deg/s, and the other recording as before.
    func testMetadataNamesOneRecordingsUnits() throws {
        let dir = try TestPaths.temporaryDirectory()
        try fm.createDirectory(at: dir.appendingPathComponent("in"), withIntermediateDirectories: true)
        try fm.copyItem(at: TestPaths.sampleData.appendingPathComponent("normal-1.3mps.csv"), to: dir.appendingPathComponent("in/normal.csv"))
        let made = try GaitBinary.run(["simulate", "--pattern", "guarded", "--severity", "severe", "--speed", "1.5", "--gyro-units", "deg/s",
                                       "--duration", "60s", "--seed", "3", "--out", "guarded.csv"], cwd: dir)
        XCTAssertEqual(made.status, 0, made.stderr)
        var lines = try read(dir.appendingPathComponent("guarded.csv")).split(separator: "\n", omittingEmptySubsequences: false)
        lines[0] = "time_s,acc_x,acc_y,acc_z,gyr_x_rads,gyr_y_rads,gyr_z_rads"
        try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("in/guarded.csv"), atomically: true, encoding: .utf8)
        let plain = try GaitBinary.run(["batch", "in", "--out", "plain"], cwd: dir)
        XCTAssertEqual(plain.status, 1, plain.stderr)
        XCTAssertTrue(plain.stderr.contains("guarded.csv: the angular rate, read in rad/s (header)"), plain.stderr)
        XCTAssertEqual(try csvRows(dir.appendingPathComponent("plain/summary.csv")).count, 2, "header and the normal walk")
        try "recording,gyro_units\nguarded,deg/s\n".write(to: dir.appendingPathComponent("meta.csv"), atomically: true, encoding: .utf8)
        let named = try GaitBinary.run(["batch", "in", "--out", "named", "--metadata", "meta.csv"], cwd: dir)
        XCTAssertEqual(named.status, 0, named.stderr)
        let doc = try GaitBinary.json(try Data(contentsOf: dir.appendingPathComponent("named/guarded.json")))
        XCTAssertEqual((doc["input"] as? [String: Any])?["gyro_units"] as? String, "deg/s")
        XCTAssertEqual((doc["input"] as? [String: Any])?["gyro_units_source"] as? String, "option")
        XCTAssertEqual(try read(dir.appendingPathComponent("named/normal.json")), try read(dir.appendingPathComponent("plain/normal.json")))
    }

    /// An input that failed in one run and succeeded in a later one is not listed as failed after
    /// the merge.
    func testMergeDropsFailuresThatALaterRunMended() throws {
        let dir = try study()
        XCTAssertEqual(try GaitBinary.run(["batch", "in", "--out", "first"], cwd: dir).status, 1)
        let empty = dir.appendingPathComponent("in/s04/empty.csv")
        try fm.removeItem(at: empty)
        try fm.copyItem(at: TestPaths.sampleData.appendingPathComponent("normal-1.3mps.csv"), to: empty)
        XCTAssertEqual(try GaitBinary.run(["batch", "in", "--out", "second"], cwd: dir).status, 0)
        let merge = try GaitBinary.run(["merge", "first", "second", "--out", "merged"], cwd: dir)
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertEqual(try csvRows(dir.appendingPathComponent("merged/errors.csv")).count, 1, "header only")
        XCTAssertEqual(try read(dir.appendingPathComponent("merged/summary.csv")), try read(dir.appendingPathComponent("second/summary.csv")))
    }

    /// A batch's output directory is a report's input: one page with every recording.
    func testReportOfABatchDirectory() throws {
        let dir = try study()
        XCTAssertEqual(try GaitBinary.run(["batch", "in", "--out", "out"], cwd: dir).status, 1)
        let run = try GaitBinary.run(["report", "out", "--out", "report.html"], cwd: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let page = try read(dir.appendingPathComponent("report.html"))
        for name in ["out/s01/walk.json", "out/s02/walk.json", "out/s03/walk.json", "out/slow.json"] {
            XCTAssertTrue(page.contains(name), name)
        }
        XCTAssertFalse(page.contains("summary.csv"), "only the documents are read")
        let empty = try GaitBinary.run(["report", "in/s04", "--out", "never.html"], cwd: dir)
        XCTAssertEqual(empty.status, 2, "a directory without documents is an error")
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("never.html").path))
    }

    /// Subject data come from --metadata per recording, over the command line's; a bad table stops
    /// the batch before anything is written, naming its line and column.
    func testMetadataGivesEachRecordingItsSubject() throws {
        let dir = try study()
        try "recording,height_m,age_years,sex\ns01/walk,1.62,71,F\nin/s03/walk.csv,,30,\n"
            .write(to: dir.appendingPathComponent("meta.csv"), atomically: true, encoding: .utf8)
        let run = try GaitBinary.run(["batch", "in", "--out", "out", "--metadata", "meta.csv", "--height", "1.80"], cwd: dir)
        XCTAssertEqual(run.status, 1, run.stderr)
        func subject(_ r: String) throws -> [String: Any] {
            try XCTUnwrap(GaitBinary.json(Data(contentsOf: dir.appendingPathComponent("out/\(r).json")))["subject"] as? [String: Any])
        }
        XCTAssertEqual(try subject("s01/walk")["height_m"] as? Double, 1.62)
        XCTAssertEqual(try subject("s01/walk")["sex"] as? String, "F")
        XCTAssertEqual(try subject("s03/walk")["height_m"] as? Double, 1.80)
        XCTAssertEqual(try subject("s03/walk")["age_years"] as? Double, 30)
        XCTAssertTrue(try subject("s02/walk")["age_years"] is NSNull, "not given anywhere: absent, not guessed")
        let notes = try XCTUnwrap(GaitBinary.json(Data(contentsOf: dir.appendingPathComponent("out/s02/walk.json")))["notes"] as? [String])
        XCTAssertFalse(notes.isEmpty, "the absence of subject data is reported")
        // summary.csv carries the same notes, so a spreadsheet reader sees them too.
        let summary = try csvRows(dir.appendingPathComponent("out/summary.csv"))
        let notesColumn = try XCTUnwrap(summary[0].firstIndex(of: "notes"))
        let row = try XCTUnwrap(summary.first { $0[0] == "s02/walk" })
        XCTAssertEqual(row[notesColumn].components(separatedBy: " | "), notes)

        try "recording,height_m\ns01/walk,1.62\ns02/walk,tall\n".write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try GaitBinary.run(["batch", "in", "--out", "never", "--metadata", "bad.csv"], cwd: dir)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.hasPrefix("gait: bad.csv:3:2: "), bad.stderr)
        XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("never").path))
    }
}

private extension URL {
    /// The URL, after creating its parent directory.
    func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}

/// The `.json` files under a folder, relative, listed by readdir(3) so that their bytes are the
/// file system's (Foundation's enumerator mangles some names; see `BatchInputs.files`).
private enum BatchInputsListing {
    static func json(under dir: String) throws -> [String] {
        var out: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            guard let handle = opendir(dir + "/" + folder) else { throw CocoaError(.fileReadNoPermission) }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                if Int32(entry.pointee.d_type) == Int32(DT_DIR) { pending.append(folder + name + "/") }
                else if PathText.removingSuffix(".json", from: name) != nil { out.append(folder + name) }
            }
        }
        return out.sorted(by: PathText.precedes)
    }
}
