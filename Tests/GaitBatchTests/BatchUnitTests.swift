import Foundation
import GaitBatch
import GaitCore
import GaitIngest
import GaitOutput
import GaitTestSupport
import XCTest

/// The parts of `gait batch` that decide what is run and how it is named, without analysing.
final class BatchInputsTests: XCTestCase {
    private func touch(_ dir: URL, _ relative: String) throws {
        let url = dir.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("t,ax,ay,az\n".utf8).write(to: url)
    }

    /// Recordings are named by their file name; files of the same name in different subject
    /// folders take as many folders as tell them apart; a directory is searched recursively for
    /// recording extensions only, skipping hidden entries; a file given twice is run once.
    func testRecordingNamesAreFileNamesMadeUnique() throws {
        let dir = try TestPaths.temporaryDirectory()
        for f in ["s01/walk.csv", "s02/walk.csv", "s02/notes.md", "s02/.hidden.csv", ".cache/x.csv", "s03/deep/run.TXT",
                  "a/x/trial.csv", "b/x/trial.csv"] {
            try touch(dir, f)
        }
        let inputs = try BatchInputs.resolve([dir.path, dir.appendingPathComponent("s01/walk.csv").path])
        XCTAssertEqual(inputs.map(\.recording), ["a/x/trial", "b/x/trial", "run", "s01/walk", "s02/walk"])
        XCTAssertEqual(inputs[2].path, dir.path + "/s03/deep/run.TXT")

        let files = try BatchInputs.resolve([dir.appendingPathComponent("s02/walk.csv").path, dir.appendingPathComponent("s01/walk.csv").path])
        XCTAssertEqual(files.map(\.recording), ["s01/walk", "s02/walk"])
        let apart = try BatchInputs.resolve([dir.appendingPathComponent("s01/walk.csv").path, dir.appendingPathComponent("s03/deep/run.TXT").path])
        XCTAssertEqual(apart.map(\.recording), ["run", "walk"])
    }

    /// Names are cut at "/" and "." bytes, as the file system cuts them, and files are told apart
    /// by their bytes. Before: a folder named U+0301 + "b" was listed by Foundation with an
    /// absolute path and its recording was dropped without a word; "café.csv" in NFC and in NFD,
    /// two files, compared equal as Swift strings and one was dropped; a name starting with "."
    /// and a combining mark was not hidden.
    func testNamesAreCutAndToldApartByByte() throws {
        let dir = try TestPaths.temporaryDirectory().path
        func create(_ relative: String) {
            var folder = dir
            for part in PathText.components(relative).dropLast() {
                folder += "/" + part
                mkdir(folder, 0o755)
            }
            let file = fopen(dir + "/" + relative, "w")
            XCTAssertNotNil(file, relative)
            fputs("t,ax,ay,az\n", file)
            fclose(file)
        }
        let mark = "\u{301}"
        let nfc = "caf\u{E9}.csv", nfd = "cafe\u{301}.csv"
        XCTAssertTrue(nfc == nfd && !PathText.sameBytes(nfc, nfd), "the two names compare equal as strings")
        for f in ["a/walk.csv", mark + "b/walk.csv", nfc, nfd, "." + mark + "hidden.csv", "run." + mark + "csv"] { create(f) }

        let inputs = try BatchInputs.resolve([dir])
        XCTAssertEqual(inputs.map(\.recording.utf8).map(Array.init),
                       ["a/walk", "cafe\u{301}", "caf\u{E9}~2", mark + "b/walk"].map { Array($0.utf8) })
        XCTAssertEqual(inputs.map(\.path.utf8).map(Array.init),
                       [dir + "/a/walk.csv", dir + "/" + nfd, dir + "/" + nfc, dir + "/" + mark + "b/walk.csv"].map { Array($0.utf8) })
        // Named on the command line, the folder's name stays one component.
        let given = try BatchInputs.resolve([dir + "/" + mark + "b/walk.csv", dir + "/a/walk.csv"])
        XCTAssertEqual(given.map(\.recording.utf8).map(Array.init), ["a/walk", mark + "b/walk"].map { Array($0.utf8) })
        // The same file twice, by bytes, is still one recording.
        XCTAssertEqual(try BatchInputs.resolve([dir + "/" + nfc, dir + "/" + nfc]).count, 1)
        // A file already named like the suffix keeps its name; the twin takes the next number.
        create("caf\u{E9}~2.csv")
        let suffixed = try BatchInputs.resolve([dir + "/" + nfc, dir + "/" + nfd, dir + "/caf\u{E9}~2.csv"])
        XCTAssertEqual(suffixed.map(\.recording.utf8).map(Array.init),
                       ["cafe\u{301}", "caf\u{E9}~2", "caf\u{E9}~3"].map { Array($0.utf8) })
        XCTAssertEqual(suffixed.map { Array(PathText.lastComponent($0.path).utf8) },
                       ["cafe\u{301}.csv", "caf\u{E9}~2.csv", "caf\u{E9}.csv"].map { Array($0.utf8) })
    }

    /// A link to a file is a recording; a link to a folder is not entered, so a link back up the
    /// tree cannot loop.
    func testLinksToFilesAreTakenAndLinksToFoldersAreNotEntered() throws {
        let dir = try TestPaths.temporaryDirectory()
        try touch(dir, "real/s1/walk.csv")
        try touch(dir, "in/own.csv")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir.path + "/in/linked.csv", withDestinationPath: "../real/s1/walk.csv")
        try fm.createSymbolicLink(atPath: dir.path + "/in/folder", withDestinationPath: "../real/s1")
        try fm.createSymbolicLink(atPath: dir.path + "/in/loop", withDestinationPath: "..")
        let inputs = try BatchInputs.resolve([dir.path + "/in"])
        XCTAssertEqual(inputs.map(\.recording), ["linked", "own"])
    }

    func testPathTextCutsAtBytes() {
        let mark = "\u{301}"
        XCTAssertEqual(PathText.components("/a//" + mark + "b/c.csv").count, 3)
        XCTAssertEqual(Array(PathText.lastComponent("x/" + mark + "b").utf8), Array((mark + "b").utf8))
        XCTAssertEqual(PathText.parent("x/" + mark + "b").map { Array($0.utf8) }, Array("x".utf8))
        XCTAssertEqual(PathText.parent("/b"), "")
        XCTAssertNil(PathText.parent("b"))
        XCTAssertTrue(PathText.isHidden("." + mark + "x"))
        XCTAssertEqual(Array(PathText.strippingExtension("d.x/walk." + mark + "csv").utf8), Array("d.x/walk".utf8))
        XCTAssertEqual(PathText.strippingExtension("d.x/.profile"), "d.x/.profile")
        XCTAssertEqual(PathText.strippingExtension("a.b.csv"), "a.b")
        XCTAssertEqual(PathText.pathExtension("walk.CSV"), "CSV")
        XCTAssertNil(PathText.pathExtension(".profile"))
        XCTAssertEqual(PathText.removingSuffix(".json", from: "s01/walk.json"), "s01/walk")
        XCTAssertNil(PathText.removingSuffix(".json", from: "walk.json" + mark))
        XCTAssertTrue(PathText.precedes("cafe\u{301}", "caf\u{E9}") && !PathText.precedes("caf\u{E9}", "cafe\u{301}"))
        XCTAssertTrue(AtomicFile.isInterruptedWrite(".a.json.tmp-a1B2c3"))
        XCTAssertFalse(AtomicFile.isInterruptedWrite("." + mark + "a.json.tmp-a1B2c" + mark))
    }

    /// The batch's own output directory, inside an input directory, is not searched: a second
    /// run must not analyse the first one's summary.csv.
    func testTheOutputDirectoryIsNotAnInput() throws {
        let dir = try TestPaths.temporaryDirectory()
        try touch(dir, "s01/walk.csv")
        try touch(dir, "results/summary.csv")
        try touch(dir, "results/errors.csv")
        let inputs = try BatchInputs.resolve([dir.path], excluding: dir.path + "/./results")
        XCTAssertEqual(inputs.map(\.recording), ["walk"])
        XCTAssertEqual(try BatchInputs.resolve([dir.path]).count, 3, "without the exclusion they would be taken")
    }

    /// Two files differing only in extension keep their extensions rather than overwrite each other.
    func testSameStemKeepsTheExtension() throws {
        let dir = try TestPaths.temporaryDirectory()
        try touch(dir, "a.csv")
        try touch(dir, "a.txt")
        try touch(dir, "b.csv")
        XCTAssertEqual(try BatchInputs.resolve([dir.path]).map(\.recording), ["a.csv", "a.txt", "b"])
        // A contrived clash that no number of folders resolves falls back to the whole path.
        try touch(dir, "a.csv.dat")
        let clash = try BatchInputs.resolve([dir.path])
        XCTAssertEqual(Set(clash.map(\.recording)).count, 4, "\(clash.map(\.recording))")
    }

    func testMissingInputsAndStandardInputAreUsageErrors() throws {
        XCTAssertThrowsError(try BatchInputs.resolve(["/nonexistent/x.csv"])) { XCTAssertEqual(($0 as? GaitError)?.exitCode, 2) }
        XCTAssertThrowsError(try BatchInputs.resolve(["-"])) { XCTAssertEqual(($0 as? GaitError)?.kind, .usage) }
        let empty = try TestPaths.temporaryDirectory()
        XCTAssertThrowsError(try BatchInputs.resolve([empty.path])) { XCTAssertEqual(($0 as? GaitError)?.kind, .usage) }
    }

    /// Shards are disjoint, cover every input, and differ in size by at most one.
    func testShardsPartitionTheInputs() throws {
        let inputs = (0..<23).map { BatchInput(path: "f\($0).csv", recording: String(format: "r%02d", $0)) }
        for n in [1, 2, 5, 30] {
            var seen: [String] = []
            var sizes: [Int] = []
            for k in 1...n {
                let part = BatchInputs.shard(inputs, k: k, of: n)
                seen += part.map(\.recording)
                sizes.append(part.count)
            }
            XCTAssertEqual(seen.sorted(), inputs.map(\.recording), "n = \(n)")
            XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1, "n = \(n)")
        }
        XCTAssertEqual(try BatchInputs.parseShard("2/8").k, 2)
        for bad in ["0/3", "4/3", "1/0", "a/b", "3", "1/2/3"] {
            XCTAssertThrowsError(try BatchInputs.parseShard(bad), bad)
        }
    }
}

final class BatchMetadataTests: XCTestCase {
    private let inputs = [
        BatchInput(path: "data/s01/walk.csv", recording: "s01/walk"),
        BatchInput(path: "data/s02/walk.csv", recording: "s02/walk"),
        BatchInput(path: "data/s03/fast.csv", recording: "s03/fast"),
    ]

    /// Rows match by path, recording name or unique file name; table values override the command
    /// line's field by field; empty cells fall back; unknown keys are reported, not fatal.
    func testRowsMatchAndOverrideTheCommandLine() throws {
        let text = """
            recording,Height_m,age,sex,sensor_height_m
            data/s01/walk.csv,1.80,34,M,
            s02/walk,,61,F,0.98
            fast.csv,1.62,,,
            s99/none,1.7,,,
            """
        let table = try BatchMetadata.parse(Array(text.utf8), path: "meta.csv", inputs: inputs)
        let defaults = Subject(heightM: 1.75, sensorHeightM: nil, ageYears: 40, sex: nil)
        XCTAssertEqual(table.subject(for: "s01/walk", defaults: defaults), Subject(heightM: 1.80, ageYears: 34, sex: "M"))
        XCTAssertEqual(table.subject(for: "s02/walk", defaults: defaults), Subject(heightM: 1.75, sensorHeightM: 0.98, ageYears: 61, sex: "F"))
        XCTAssertEqual(table.subject(for: "s03/fast", defaults: defaults), Subject(heightM: 1.62, ageYears: 40))
        XCTAssertEqual(table.unmatchedKeys, ["s99/none"])
    }

    /// Sensor columns, for batches from several devices: each value given overrides the command
    /// line's reader option for that recording, empty cells keep it.
    func testSensorColumnsOverrideTheReaderOptions() throws {
        let text = """
            recording,units,gyro_units,time_units,accelerometer_only
            s01/walk,mg,deg/s,ms,
            s02/walk,,,,TRUE
            s03/fast,,,,
            """
        let table = try BatchMetadata.parse(Array(text.utf8), path: "meta.csv", inputs: inputs)
        let defaults = ReaderOptions(path: "x.csv", accUnits: .g, gyroUnits: .radiansPerSecond)
        let first = table.readerOptions(for: "s01/walk", defaults: defaults)
        XCTAssertEqual(first.accUnits, .milliG)
        XCTAssertEqual(first.gyroUnits, .degreesPerSecond)
        XCTAssertEqual(first.timeUnits, .milliseconds)
        XCTAssertFalse(first.ignoreGyroscope)
        XCTAssertEqual(first.path, "x.csv")
        let second = table.readerOptions(for: "s02/walk", defaults: defaults)
        XCTAssertEqual(second.accUnits, .g)
        XCTAssertEqual(second.gyroUnits, .radiansPerSecond)
        XCTAssertTrue(second.ignoreGyroscope)
        XCTAssertEqual(table.readerOptions(for: "s03/fast", defaults: defaults), defaults)
        XCTAssertNil(table.sensors["s03/fast"])
    }

    /// Two files whose names are one text in NFC and NFD: a key with the exact bytes of one means
    /// that one; a key that matches both only as text is refused, never given to either.
    func testKeysForNamesOfOneTextPickByBytes() throws {
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}"
        let twins = [BatchInput(path: "in/\(nfd).csv", recording: nfd), BatchInput(path: "in/\(nfc).csv", recording: nfc + "~2")]
        let exact = try BatchMetadata.parse(Array("file,height_m\n\(nfc).csv,1.62\nin/\(nfd).csv,1.91\n".utf8), path: "m.csv", inputs: twins)
        XCTAssertEqual(exact.subject(for: nfc + "~2", defaults: Subject()).heightM, 1.62)
        XCTAssertEqual(exact.subject(for: nfd, defaults: Subject()).heightM, 1.91)
        // ệ in NFC, in NFD, and with its two marks in the other order: all one text; the key in
        // the third spelling is exactly neither file's name.
        let composed = "\u{1EC7}", decomposed = "e\u{323}\u{302}", reordered = "e\u{302}\u{323}"
        XCTAssertTrue(composed == reordered && decomposed == reordered)
        let three = [BatchInput(path: "in/\(composed).csv", recording: composed),
                     BatchInput(path: "in/\(decomposed).csv", recording: decomposed + "~2")]
        XCTAssertThrowsError(try BatchMetadata.parse(Array("file,height_m\n\(reordered).csv,1.62\n".utf8), path: "m.csv", inputs: three)) { error in
            XCTAssertTrue("\(error)".contains("names 2 recordings") && "\(error)".contains("m.csv:2:1"), "\(error)")
        }
        let other = [BatchInput(path: "a/\(nfd).csv", recording: nfd), BatchInput(path: "b/\(nfd).csv", recording: "b/" + nfd)]
        XCTAssertThrowsError(try BatchMetadata.parse(Array("file,height_m\n\(nfc).csv,1.62\n".utf8), path: "m.csv", inputs: other)) { error in
            XCTAssertTrue("\(error)".contains("names 2 recordings"), "\(error)")
        }
    }

    /// Bad values name the file, line and column; an ambiguous file name and a recording described
    /// twice are refused.
    func testBadTablesNameLineAndColumn() {
        let cases: [(String, Int, Int)] = [
            ("file,height_m\ns01/walk,175\n", 2, 2),
            ("file,sex\ns01/walk,female\n", 2, 2),
            ("file,age_years\n\ns03/fast,abc\n", 3, 2),
            ("file,height_m\nwalk.csv,1.7\n", 2, 1),
            ("file,height_m\ns01/walk,1.7\ndata/s01/walk.csv,1.8\n", 3, 1),
            ("name,height_m\ns01/walk,1.7\n", 1, 0),
            ("file,height_m\n\"s01/walk,1.7\n", 2, 1),
            ("file,units\ns01/walk,G\n", 2, 2),
            ("file,height_m,gyro_units\ns01/walk,1.7,dps\n", 2, 3),
            ("file,time_units\ns01/walk,sec\n", 2, 2),
            ("file,accelerometer_only\ns01/walk,maybe\n", 2, 2),
        ]
        for (text, line, column) in cases {
            XCTAssertThrowsError(try BatchMetadata.parse(Array(text.utf8), path: "meta.csv", inputs: inputs), text) { error in
                let e = error as? GaitError
                XCTAssertEqual(e?.kind, .usage, text)
                XCTAssertEqual(e?.file, "meta.csv", text)
                XCTAssertEqual(e?.line, line, text)
                XCTAssertEqual(e?.column ?? 0, column, text)
            }
        }
    }
}

final class BatchMergeTests: XCTestCase {
    /// An `errors.csv` row narrower or wider than its header (a hand edit, or a line break that
    /// went out unquoted) is refused with its line, and nothing is written; a well-formed one,
    /// with a quoted line break, merges.
    func testErrorsTableRowsMustMatchTheHeader() throws {
        let dir = try TestPaths.temporaryDirectory()
        let header = BatchTables.errorColumns.joined(separator: ",") + "\n"
        let good = "\"in/odd\r\nname.csv\",1,no data rows,,\"odd\r\nname\",invalid_input\n"
        for (rows, line) in [("in/a.csv,1,bad,,a\n", 2), (good + "in/b.csv,1,bad,,b,invalid_input,extra\n", 5),
                             ("in/odd\r\nname.csv,1,no data rows,,odd\r\nname,invalid_input\n", 2)] {
            let shard = dir.appendingPathComponent("shard-\(line)-\(rows.count)")
            try FileManager.default.createDirectory(at: shard, withIntermediateDirectories: true)
            try Data((header + rows).utf8).write(to: shard.appendingPathComponent("errors.csv"))
            let out = dir.appendingPathComponent("out-\(line)-\(rows.count)").path
            XCTAssertThrowsError(try BatchMerge.merge([shard.path], into: out), rows) { error in
                let e = error as? GaitError
                XCTAssertEqual(e?.line, line, rows)
                XCTAssertEqual(e?.file, shard.path + "/errors.csv", rows)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "nothing written")
        }
        let shard = dir.appendingPathComponent("good")
        try FileManager.default.createDirectory(at: shard, withIntermediateDirectories: true)
        try Data((header + good).utf8).write(to: shard.appendingPathComponent("errors.csv"))
        let report = try BatchMerge.merge([shard.path], into: dir.appendingPathComponent("merged").path)
        XCTAssertEqual(report.failures, 1)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("merged/errors.csv"), encoding: .utf8), header + good)
    }
}

final class BatchTablesTests: XCTestCase {
    /// Every summary field of the document has a column of the same name, none twice.
    func testSummaryColumnsAreUniqueAndIncludeEverySummaryField() {
        let columns = BatchTables.summaryColumns
        XCTAssertEqual(Set(columns).count, columns.count, "duplicate column names")
        for f in Summary.fields { XCTAssertTrue(columns.contains(f.name), f.name) }
        XCTAssertEqual(Array(BatchTables.errorColumns.prefix(3)), ["path", "line", "message"], "the contract's columns come first")
    }

    /// A summary row reads its values from the document by name; flags are split into the
    /// experimental and the others; missing sections give empty cells.
    func testSummaryRowFromADocument() throws {
        let doc = """
            {"schema": "gait.analysis/1", "input": {"path": "x.csv", "rows": 12000, "duration_s": 119.99},
             "subject": {"height_m": 1.7, "sex": null},
             "summary": {"walking_time_s": 100.5, "n_steps": 190, "cadence_spm": 113.4},
             "notes": ["guarded: needs a gyroscope (pelvic roll and yaw); not assessed", "sex not given, so: the norm, for both"],
             "flags": [{"pattern": "antalgic", "side": "L", "experimental": false},
                       {"pattern": "guarded", "side": null, "experimental": false},
                       {"pattern": "knee_giving_way", "side": "R", "experimental": true}]}
            """
        let value = try JSONReader.parse(Array(doc.utf8), path: "x.json")
        let row = BatchTables.summaryRow(recording: "s01/x", document: value)
        let columns = BatchTables.summaryColumns
        XCTAssertEqual(row.count, columns.count)
        func cell(_ name: String) -> JSONValue { row[columns.firstIndex(of: name)!] }
        XCTAssertEqual(cell("recording"), .string("s01/x"))
        XCTAssertEqual(cell("path"), .string("x.csv"))
        XCTAssertEqual(cell("rows"), .int(12000))
        XCTAssertEqual(cell("height_m"), .number(1.7))
        XCTAssertEqual(cell("sex"), .null)
        XCTAssertEqual(cell("n_steps"), .int(190))
        XCTAssertEqual(cell("cadence_spm"), .number(113.4))
        XCTAssertEqual(cell("speed_mps"), .null)
        XCTAssertEqual(cell("n_flags"), .int(2))
        XCTAssertEqual(cell("flags"), .string("antalgic:L;guarded"))
        XCTAssertEqual(cell("experimental_flags"), .string("knee_giving_way:R"))
        XCTAssertEqual(cell("notes"), .string("guarded: needs a gyroscope (pelvic roll and yaw); not assessed | sex not given, so: the norm, for both"))
        XCTAssertEqual(CSVWriter.field(cell("notes")), "\"guarded: needs a gyroscope (pelvic roll and yaw); not assessed | sex not given, so: the norm, for both\"",
                       "a note with a comma is quoted")
    }
}
