import Foundation
import GaitCore
import GaitOutput
import GaitTestSupport
import XCTest

final class OutputTests: XCTestCase {
    /// JSON written by JSONWriter parses back to the same values (Foundation as the oracle).
    /// Fixed-point text rounds half away from zero, and values too large for 64-bit integers once
    /// scaled (a rate from timestamps 1e-30 s apart, say) are written rather than trapping.
    func testFixedPointText() {
        XCTAssertEqual(2.5.fixed(0), "3")
        XCTAssertEqual((-0.125).fixed(2), "-0.13")
        XCTAssertEqual(0.014.fixed(3), "0.014")
        XCTAssertEqual(Double.nan.fixed(1), "n/a")
        XCTAssertEqual(1e30.fixed(3), "1e+30")
        XCTAssertEqual((-1e17).fixed(3), "-1e+17")
    }

    func testJSONRoundTrip() throws {
        let value: JSONValue = .object([
            ("a", .number(1.25)), ("b", .null), ("c", .string("quote \" back\\slash\nline\u{1}")),
            ("d", .array([.int(-3), .bool(true), .number(1e-9), .number(.nan)])),
            ("e", .object([("x", .number(123456.0000004))])),
        ])
        let text = JSONWriter().string(value)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(parsed["a"] as? Double, 1.25)
        XCTAssertTrue(parsed["b"] is NSNull)
        XCTAssertEqual(parsed["c"] as? String, "quote \" back\\slash\nline\u{1}")
        let d = try XCTUnwrap(parsed["d"] as? [Any])
        XCTAssertEqual(d[0] as? Int, -3)
        XCTAssertEqual(d[2] as? Double, 0)  // rounded to 6 decimals
        XCTAssertTrue(d[3] is NSNull, "NaN is written as null")
        XCTAssertEqual((parsed["e"] as? [String: Any])?["x"] as? Double, 123456)
        XCTAssertFalse(JSONWriter().line(value).contains("\n"))
    }

    /// Autocorrelation symmetry is |stride − step regularity| on each axis, whichever is larger,
    /// and null where a regularity is missing.
    func testAutocorrelationSymmetry() {
        var m = GaitMeasures()
        (m.stepRegularityV, m.strideRegularityV, m.stepRegularityAP) = (0.5, 0.75, 0.8)
        XCTAssertEqual(m.autocorrelationSymmetryV ?? .nan, 0.25, accuracy: 1e-12)
        XCTAssertNil(m.autocorrelationSymmetryAP)
        m.strideRegularityAP = 0.6
        XCTAssertEqual(m.autocorrelationSymmetryAP ?? .nan, 0.2, accuracy: 1e-12)
        let field = GaitMeasures.fields.first { $0.name == "autocorrelation_symmetry_ap" }
        XCTAssertNotNil(field, "the field is written")
    }

    /// Each of the three asymmetries is written as a symmetry index and an L / R ratio.
    func testStanceTimeRatioIsWritten() throws {
        var m = GaitMeasures()
        m.stanceTimeAsymmetry = Asymmetry(left: 0.66, right: 0.6, resolution: 0.01)
        let field = try XCTUnwrap(GaitMeasures.fields.first { $0.name == "stance_time_ratio" })
        guard case .number(let ratio) = field.value(m) else { return XCTFail("\(field.value(m))") }
        XCTAssertEqual(ratio, 1.1, accuracy: 1e-12)
        XCTAssertEqual(field.value(GaitMeasures()), .null)
    }

    /// JSONReader reads back what JSONWriter wrote, to the same value and the same text, and
    /// decodes what other writers produce (escapes, surrogate pairs, exponents, whitespace).
    func testJSONReaderReadsWhatTheWriterWrote() throws {
        let value: JSONValue = .object([
            ("a", .number(1.25)), ("b", .null), ("c", .string("quote \" back\\slash\nline\u{1} é 😀")),
            ("d", .array([.int(-3), .bool(true), .bool(false), .number(-0.000125), .array([]), .object([])])),
            ("e", .object([("x", .number(123456.5)), ("y", .array([.object([("z", .int(0))])]))])),
        ])
        let text = JSONWriter().string(value)
        let back = try JSONReader.parse(Array(text.utf8), path: "doc.json")
        XCTAssertEqual(back, value)
        XCTAssertEqual(JSONWriter().string(back), text)
        let foreign = #" { "k" : [1E2, -0.5e-1, "\u00e9\ud83d\ude00\/\t"] , "n":null } "#
        XCTAssertEqual(try JSONReader.parse(Array(foreign.utf8), path: "x"),
                       .object([("k", .array([.number(100), .number(-0.05), .string("é😀/\t")])), ("n", .null)]))
    }

    /// Streaming an object member by member gives exactly the text of writing it whole, at every
    /// layout depth, and hands long arrays over one element at a time.
    func testStreamedObjectEqualsTheWholeValue() throws {
        let steps = (0..<500).map { Step(icS: Double($0) * 0.55, side: $0 % 2 == 0 ? .left : .right, sideConfidence: 0.9) }
        let members: [(String, JSONMember)] = [
            ("schema", .value(.string("x"))), ("empty", .items(count: 0) { _ in .null }), ("steps", .records(steps)),
            ("nested", .value(.object([("a", .array([.int(1), .object([("b", .null)])]))]))),
            ("numbers", .items(count: 3) { .number(Double($0) / 3) }),
        ]
        for depth in [-1, 0, 1, 2, 3] {
            let writer = JSONWriter(indentDepth: depth)
            var pieces: [String] = []
            try writer.stream(object: members) { pieces.append($0) }
            XCTAssertEqual(pieces.joined(), writer.string(.object(members.map { ($0.0, $0.1.value) })), "depth \(depth)")
            XCTAssertGreaterThan(pieces.count, 500, "one piece per element at most")
            XCTAssertLessThan(pieces.map(\.utf8.count).max()!, 400, "no piece holds more than one element")
        }
        var none: [String] = []
        try JSONWriter().stream(object: []) { none.append($0) }
        XCTAssertEqual(none.joined(), JSONWriter().string(.object([])))
    }

    /// Skipped top-level members read as null and everything else as before; their syntax is
    /// still checked, with the same positions in errors.
    func testJSONReaderSkipsNamedMembers() throws {
        let text = #"{"a": [1, {"b": "x\"y"}, [[]]], "steps": [{"ic_s": 1.5, "s": "\u00e9"}, {}], "c": {"steps": 2}}"#
        let full = try JSONReader.parse(Array(text.utf8), path: "d")
        let skipped = try JSONReader.parse(Array(text.utf8), path: "d", skipping: ["steps"])
        XCTAssertEqual(skipped["steps"], .null)
        XCTAssertEqual(skipped["a"], full["a"])
        XCTAssertEqual(skipped["c"], full["c"], "only top-level members are skipped")
        let projected = try JSONReader.parse(Array(text.utf8), path: "d", projecting: ["steps": ["ic_s"], "a": ["b"]])
        XCTAssertEqual(projected["steps"], .array([.object([("ic_s", .number(1.5))]), .object([])]))
        XCTAssertEqual(projected["a"], full["a"], "elements that are not objects, and kept keys, are whole")
        XCTAssertEqual(projected["c"], full["c"])
        for bad in [#"{"steps": [1, 2}"#, #"{"steps": ["\q"]}"#, #"{"steps": [tru]}"#, #"{"steps": {"k" 1}}"#] {
            var built: GaitError?, scanned: GaitError?
            do { _ = try JSONReader.parse(Array(bad.utf8), path: "d") } catch { built = error }
            do { _ = try JSONReader.parse(Array(bad.utf8), path: "d", skipping: ["steps"]) } catch { scanned = error }
            XCTAssertNotNil(scanned, bad)
            XCTAssertEqual(scanned?.line, built?.line, bad)
            XCTAssertEqual(scanned?.column, built?.column, bad)
        }
    }

    /// Bad JSON is refused with the file, line and column of the offending byte.
    func testJSONReaderErrorsNameLineAndColumn() {
        let cases: [(String, Int, Int)] = [
            ("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8),
            ("[1, 2", 1, 6),
            ("{\"a\" 1}", 1, 6),
            ("[1] x", 1, 5),
            ("\"\\ud800\"", 1, 7),
            ("01x", 1, 2),
        ]
        for (text, line, column) in cases {
            XCTAssertThrowsError(try JSONReader.parse(Array(text.utf8), path: "bad.json"), text) { error in
                let e = error as? GaitError
                XCTAssertEqual(e?.file, "bad.json", text)
                XCTAssertEqual(e?.line, line, text)
                XCTAssertEqual(e?.column, column, text)
                XCTAssertEqual(e?.exitCode, 2, text)
            }
        }
    }

    func testCSVQuotingAndNulls() {
        let steps = [Step(icS: 1.5, side: .left, sideConfidence: 0.9), Step(icS: 2.0)]
        let csv = CSVWriter.table(steps)
        let header = "ic_s,fc_s,side,side_confidence,step_time_s,step_length_m,bout,in_turn,support_min_g,giving_way_candidate\n"
        XCTAssertEqual(csv, header + "1.5,,L,0.9,,,,,,false\n2,,,,,,,,,false\n")
        XCTAssertEqual(CSVWriter.table([Step(icS: 3, inTurn: true), Step(icS: 4, inTurn: false)]),
                       header + "3,,,,,,,true,,false\n4,,,,,,,false,,false\n")
        XCTAssertEqual(CSVWriter.field(.string("a,b \"c\"")), "\"a,b \"\"c\"\"\"")
    }

    /// Every text the writer quotes reads back whole through `CSVTable`, as `gait merge` reads
    /// `errors.csv` and spreadsheets read any table. The cases are those where a `Character` is
    /// not the byte the CSV grammar looks at: "\r\n" (one `Character`), and a quote or comma
    /// followed by a combining mark (one `Character` each); before the writer tested bytes, each of
    /// these went out unquoted or with its quote not doubled, and the row came back split or
    /// refused.
    func testCSVFieldsReadBackWhole() throws {
        let texts = ["plain", "a,b", "say \"hi\"", "two\nlines", "crlf\r\nline", "cr\ronly", "q\"\u{301}x",
                     ",\u{301}", "\"\u{301}", "end\r\n", "\u{FEFF}x", "", " spaced "]
        let header = CSVWriter.header(["key", "text", "after"])
        var body = ""
        for (i, t) in texts.enumerated() { body += CSVWriter.row([.int(i), .string(t), .string("z")]) }
        let table = try CSVTable.parse(Array((header + body).utf8), path: "t.csv")
        XCTAssertEqual(table.header, ["key", "text", "after"])
        XCTAssertEqual(table.rows.count, texts.count)
        for (i, row) in table.rows.enumerated() where i < texts.count {
            XCTAssertEqual(row.fields, [String(i), texts[i], "z"], "text \(i): \(texts[i].debugDescription)")
        }
    }

    /// An atomic write that fails midway leaves nothing behind; one that succeeds leaves the file.
    /// The temporary names of interrupted atomic writes are told from documents and hidden files.
    func testInterruptedWriteNames() {
        XCTAssertTrue(AtomicFile.isInterruptedWrite(".walk.json.tmp-a1B2c3"))
        for name in ["walk.json", ".hidden.csv", ".walk.json.tmp-a1B2c", "walk.json.tmp-a1B2c3", ".walk.json.tmp-a1B2c!"] {
            XCTAssertFalse(AtomicFile.isInterruptedWrite(name), name)
        }
    }

    func testAtomicFileLeavesNoPartialFile() throws {
        let dir = try TestPaths.temporaryDirectory()
        let path = dir.appendingPathComponent("out.csv").path
        struct Boom: Error {}
        XCTAssertThrowsError(try AtomicFile.write(to: path) { sink throws(GaitError) in
            try sink(Array("half".utf8))
            throw GaitError(.invalidInput, "stopped")
        })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
        try AtomicFile.write("whole\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "whole\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.csv"])
    }

    func testErrorDescriptionNamesFileLineColumn() {
        let e = GaitError(.invalidInput, "expected a number", file: "a.csv", line: 12, column: 3)
        XCTAssertEqual(e.description, "a.csv:12:3: expected a number")
        XCTAssertEqual(e.exitCode, 2)
        XCTAssertEqual(GaitError(.analysisFailed, "x").exitCode, 1)
    }

    /// An error is one line whatever its file name or the input it quotes holds: "\r\n" is one
    /// `Character`, equal to neither "\r" nor "\n", and went through unchanged before.
    func testErrorDescriptionIsOneLine() {
        let e = GaitError(.invalidInput, "found 'x\r\ny' and 'a\nb\rc\u{2028}d\u{85}e'", file: "odd\r\nname.csv", line: 2, column: 1)
        XCTAssertEqual(e.description, "odd name.csv:2:1: found 'x y' and 'a b c d e'")
        XCTAssertFalse(e.description.unicodeScalars.contains { $0 == "\n" || $0 == "\r" })
    }
}
