import Foundation
import GaitCore
import GaitTestSupport
import XCTest

/// `gait report`, run as a user runs it: from a recording, from the JSON `gait analyze` wrote,
/// several at once, and with bad inputs.
final class ReportEndToEndTests: XCTestCase {
    private let sample = TestPaths.sampleData.appendingPathComponent("normal-1.3mps.csv")

    private func html(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The value cell that follows a field's name in the report's tables.
    private func shownValue(of field: String, in html: String) throws -> String {
        let name = try XCTUnwrap(html.range(of: "<code>\(field)</code>"), "\(field) is not in the report")
        let cell = try XCTUnwrap(html.range(of: "<td class=\"num\">", range: name.upperBound..<html.endIndex))
        let end = try XCTUnwrap(html.range(of: "</td>", range: cell.upperBound..<html.endIndex))
        return String(html[cell.upperBound..<end.lowerBound])
    }

    /// A recording and the JSON `gait analyze` wrote for it give the same report (but for the
    /// name), with plots, the disclaimer and the step count of the JSON.
    func testReportFromRecordingAndFromItsJSON() throws {
        let dir = try TestPaths.temporaryDirectory()
        let json = dir.appendingPathComponent("normal.json")
        let analyze = try GaitBinary.run(["analyze", sample.path, "--format", "json", "--out", json.path])
        XCTAssertEqual(analyze.status, 0, analyze.stderr)
        let document = try GaitBinary.json(try Data(contentsOf: json))
        let steps = try XCTUnwrap((document["summary"] as? [String: Any])?["n_steps"] as? Int)
        let listed = try XCTUnwrap(document["steps"] as? [[String: Any]]).count
        XCTAssertEqual(steps, listed)

        let fromCSV = dir.appendingPathComponent("from-csv.html"), fromJSON = dir.appendingPathComponent("from-json.html")
        for (input, out) in [(sample, fromCSV), (json, fromJSON)] {
            let run = try GaitBinary.run(["report", input.path, "--out", out.path])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.isEmpty && run.stderr.isEmpty, run.stderr)
            let page = try html(out)
            XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
            XCTAssertTrue(page.contains("<svg"))
            XCTAssertTrue(page.contains(researchDisclaimer))
            XCTAssertEqual(try shownValue(of: "n_steps", in: page), String(steps))
            XCTAssertFalse(page.contains("http://") || page.contains("https://"), "no external URL")
            XCTAssertFalse(page.lowercased().contains("<script"))
        }
        XCTAssertEqual(try html(fromJSON).replacingOccurrences(of: json.path, with: sample.path), try html(fromCSV),
                       "the recording and its JSON draw the same report")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(),
                       ["from-csv.html", "from-json.html", "normal.json"], "no temporary file left behind")
    }

    /// Two files: an overview table naming both, then a section for each.
    func testTwoFilesGiveAnOverview() throws {
        let dir = try TestPaths.temporaryDirectory()
        let out = dir.appendingPathComponent("two.html")
        let other = TestPaths.sampleData.appendingPathComponent("accelerometer-only.csv")
        let run = try GaitBinary.run(["report", sample.path, other.path, "--out", out.path, "--height", "1.75"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let page = try html(out)
        let table = try XCTUnwrap(page.range(of: "<table class=\"overview\">"), "no overview table")
        let end = try XCTUnwrap(page.range(of: "</table>", range: table.upperBound..<page.endIndex))
        let overview = page[table.lowerBound..<end.upperBound]
        XCTAssertTrue(overview.contains(sample.path), "overview names \(sample.lastPathComponent)")
        XCTAssertTrue(overview.contains(other.path), "overview names \(other.lastPathComponent)")
        XCTAssertEqual(page.components(separatedBy: "<section").count - 1, 2)
        XCTAssertTrue(page.contains("not assessed"), "the accelerometer-only recording has no turns assessed")
    }

    /// Invalid JSON, another schema and a missing file: exit 2, one line naming the file, and no
    /// report written, even when the other inputs are good.
    func testBadInputsWriteNothing() throws {
        let dir = try TestPaths.temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\n  \"schema\": \"gait.analysis/1\",\n  \"steps\": [1, }\n".utf8).write(to: bad)
        let other = dir.appendingPathComponent("other.json")
        try Data(#"{"schema": "something/2"}"#.utf8).write(to: other)
        let missing = dir.appendingPathComponent("absent.csv")
        let out = dir.appendingPathComponent("report.html")
        for (input, location) in [(bad, "\(bad.path):3:"), (other, other.path), (missing, missing.path)] {
            let run = try GaitBinary.run(["report", sample.path, input.path, "--out", out.path])
            XCTAssertEqual(run.status, 2, "\(input.lastPathComponent): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(location), run.stderr)
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, "one line: \(run.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "no report after \(input.lastPathComponent)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["bad.json", "other.json"],
                       "nothing else written")
        XCTAssertEqual(try GaitBinary.run(["report", "--out", out.path]).status, 2, "no input is a usage error")
    }
}
