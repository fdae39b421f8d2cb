import Foundation
import GaitCore
import GaitOutput
import GaitTestSupport
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The HTML report renderer (`HTMLReport`), its point thinning (`MinMaxThinning`) and the reading
/// of analysis documents (`AnalysisDocument`). Expected values come from the inputs the tests
/// build, never from the renderer's own output.
final class ReportOutputTests: XCTestCase {
    /// A walk of `count` steps at 0.5 s, alternating sides, with bouts, turns and a flag.
    private func result(path: String = "walk.csv", steps count: Int = 200, notes: [String] = []) -> AnalysisResult {
        var input = InputInfo(path: path)
        input.samplingRateHz = 100
        input.durationS = 0.5 * Double(count) + 10
        input.gaps = [Gap(startS: 3, endS: 3.5, missingSamples: 49, bridged: true)]
        let steps = (0..<count).map { (i: Int) -> Step in
            let stepTime: Double? = i == 0 ? nil : 0.5 + 0.01 * Double(i % 7)
            let stepLength: Double? = i == 0 ? nil : 0.65
            return Step(icS: 5 + 0.5 * Double(i), side: i % 2 == 0 ? .left : .right, sideConfidence: 1,
                        stepTimeS: stepTime, stepLengthM: stepLength, bout: 0)
        }
        var measures = GaitMeasures()
        measures.nSteps = count
        measures.cadenceSpm = 120
        measures.speedMps = 1.3
        let bout = Bout(index: 0, startS: 5, endS: 5 + 0.5 * Double(count - 1), measures: measures)
        let flag = Flag(pattern: "antalgic", side: .left, score: 0.8, confidence: 0.9,
                        evidence: [Evidence(metric: "step_time_asymmetry_pct", value: 18.9, reference: "≤ 10 %", source: "Hodt-Billington 2012")],
                        experimental: true)
        return AnalysisResult(
            input: input, notes: notes, steps: steps, bouts: [bout],
            turns: [Turn(startS: 20, endS: 22, angleDeg: 180, meanAngularVelocityDegps: 90, peakAngularVelocityDegps: 150)],
            summary: Summary(walkingTimeS: bout.endS - bout.startS, nBouts: 1, measures: measures), flags: [flag])
    }

    private func svgs(_ html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// Paths, notes, names, flag and evidence text from a document are escaped: no tag from the
    /// input survives, and the text is still there, escaped.
    func testHostileStringsAreEscaped() {
        let hostile = "<script>alert('x')</script>&\"quoted\""
        var r = result(path: "/tmp/\(hostile).csv", notes: ["note \(hostile)"])
        r.flags[0].pattern = "<img src=x onerror=alert(1)>"
        r.flags[0].evidence[0].reference = "<b>\(hostile)</b>"
        var doc = r.json
        if case .object(var members) = doc {
            members.append(("<script>key</script>", .string(hostile)))
            doc = .object(members)
        }
        let html = HTMLReport.render([(name: "name \(hostile)", document: doc), (name: hostile, document: r.json)])
        XCTAssertFalse(html.lowercased().contains("<script"), "an unescaped <script> tag")
        XCTAssertFalse(html.lowercased().contains("<img"), "an unescaped <img> tag")
        XCTAssertFalse(html.contains("<b>"), "an unescaped <b> tag")
        let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;quoted&quot;"
        XCTAssertTrue(html.contains("/tmp/\(escaped).csv"), "the path is shown, escaped")
        XCTAssertTrue(html.contains("note \(escaped)"), "the note is shown, escaped")
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    /// Thinning caps the points per series and keeps, in every bin, the lowest and highest value
    /// (computed here by brute force over the same bins), hence the global extremes.
    func testThinningKeepsExtremesAndCapsCount() {
        var rng = SeededGenerator(seed: 42)
        let n = 600_000, maxPoints = 2000
        let x = (0..<n).map { Double($0) * 0.5 + Double.random(in: 0..<0.4, using: &rng) }
        var y = (0..<n).map { _ in 0.5 + 0.02 * rng.gaussian() }
        for spike in [1_234, 300_000, 599_999] { y[spike] = 3.0 }
        y[77_777] = -1
        let kept = MinMaxThinning.indices(x: x, y: y, maxPoints: maxPoints)
        XCTAssertLessThanOrEqual(kept.count, maxPoints)
        XCTAssertGreaterThan(kept.count, maxPoints * 9 / 10, "nearly every bin holds two points")
        XCTAssertEqual(kept, kept.sorted())
        for spike in [1_234, 300_000, 599_999, 77_777] { XCTAssertTrue(kept.contains(spike), "extreme at \(spike) kept") }
        let bins = maxPoints / 2
        let lo = x.min()!, hi = x.max()!
        var groups = [[Int]](repeating: [], count: bins)
        for i in 0..<n { groups[min(bins - 1, Int((x[i] - lo) / (hi - lo) * Double(bins)))].append(i) }
        let keptValues = Set(kept)
        var missing = (lowest: 0, highest: 0)
        for g in groups where !g.isEmpty {
            let ys = g.map { y[$0] }
            if !g.contains(where: { keptValues.contains($0) && y[$0] == ys.min()! }) { missing.lowest += 1 }
            if !g.contains(where: { keptValues.contains($0) && y[$0] == ys.max()! }) { missing.highest += 1 }
        }
        XCTAssertEqual(missing.lowest, 0, "bins whose lowest point was dropped")
        XCTAssertEqual(missing.highest, 0, "bins whose highest point was dropped")
    }

    /// Short series are drawn whole; points that are not finite are dropped.
    func testThinningKeepsShortSeriesWhole() {
        XCTAssertEqual(MinMaxThinning.indices(x: [0, 1, 2, 3], y: [1, .nan, 2, 3], maxPoints: 2000), [0, 2, 3])
        XCTAssertEqual(MinMaxThinning.indices(x: [], y: [], maxPoints: 2000), [])
        XCTAssertEqual(MinMaxThinning.indices(x: [5, 5, 5], y: [2, 9, 1], maxPoints: 2), [1, 2])
    }

    /// A long recording gives a page of bounded size: each drawn series holds at most 2000 dots,
    /// and the caption says the plot was thinned.
    func testLargeRecordingIsThinned() {
        let html = HTMLReport.render([(name: "week.csv", document: result(steps: 100_000).json)])
        for svg in svgs(html) {
            for path in svg.components(separatedBy: "<path").dropFirst() {
                let dots = path.components(separatedBy: "h0").count - 1
                XCTAssertLessThanOrEqual(dots, 2000)
            }
        }
        XCTAssertTrue(html.contains("Thinned"))
        XCTAssertLessThan(html.utf8.count, 400_000, "a 100 000-step report stays small")
    }

    /// A document whose fields are all missing or null renders, saying what is not available.
    func testNullAndMissingFields() throws {
        let nulls = """
            {"schema": "gait.analysis/1", "input": {"path": null, "rows": null, "duration_s": null, "gaps": null},
             "subject": null, "notes": null,
             "steps": [{"ic_s": null, "side": null, "step_time_s": null}, {"ic_s": 2, "side": null, "step_time_s": 0.5,
                        "step_length_m": null}, null, 7],
             "bouts": [{"start_s": null, "end_s": 3}, {"start_s": 1, "end_s": 3, "cadence_spm": null}],
             "turns": [{"start_s": null}], "summary": {"n_steps": null, "cadence_spm": null, "walking_time_s": null},
             "flags": [{"pattern": null, "side": null, "score": null, "evidence": null}, {"evidence": [{"metric": null}]}]}
            """
        for text in [nulls, #"{"schema": "gait.analysis/1"}"#, #"{"schema": "gait.analysis/1", "steps": {}, "flags": 3}"#] {
            let doc = try JSONReader.parse(Array(text.utf8), path: "nulls.json")
            let html = HTMLReport.render([(name: "a", document: doc), (name: "b", document: doc)])
            XCTAssertTrue(html.contains(researchDisclaimer))
            XCTAssertTrue(html.contains("No data to plot"), text)
            XCTAssertTrue(html.hasSuffix("</html>\n"))
        }
    }

    /// Whole numbers in a document (`2`, written without a fraction) are numbers to the plots.
    func testWholeNumbersArePlotted() throws {
        let text = """
            {"schema": "gait.analysis/1", "input": {"duration_s": 10},
             "steps": [{"ic_s": 1, "side": "L", "step_time_s": 1}, {"ic_s": 2, "side": "R", "step_time_s": 1}]}
            """
        let html = HTMLReport.render([(name: "ints", document: try JSONReader.parse(Array(text.utf8), path: "x"))])
        XCTAssertEqual(svgs(html).count, 1, "the step-time plot is drawn; the other three have no data")
        XCTAssertTrue(html.contains("left (1)") && html.contains("right (1)"))
    }

    /// Bouts marked `possibly_not_walking` (vibration, left out of the summary) are drawn as their
    /// own grey series in the per-bout plots, and the caption says how many and why.
    func testBoutsThatMayNotBeWalkingAreDrawnApart() throws {
        let text = """
            {"schema": "gait.analysis/1", "input": {"duration_s": 100},
             "bouts": [{"start_s": 1, "end_s": 30, "cadence_spm": 110, "possibly_not_walking": false},
                       {"start_s": 40, "end_s": 60, "cadence_spm": 150, "possibly_not_walking": true},
                       {"start_s": 70, "end_s": 90, "cadence_spm": 112}]}
            """
        let html = HTMLReport.render([(name: "ride", document: try JSONReader.parse(Array(text.utf8), path: "x"))])
        let cadence = try XCTUnwrap(svgs(html).first)
        XCTAssertTrue(cadence.contains("bout (2)"), "the walking bouts, the unmarked one included")
        XCTAssertTrue(cadence.contains("possibly not walking (1)"))
        XCTAssertTrue(cadence.contains("stroke=\"#777777\""), "drawn in grey")
        XCTAssertTrue(html.contains("In grey, 1 that may not be walking"))
        let plain = HTMLReport.render([(name: "walk.csv", document: result().json)])
        XCTAssertFalse(plain.contains("possibly not walking"))
        XCTAssertFalse(plain.contains("In grey"))
    }

    /// The page carries the disclaimer, its plots parse as XML, and it names nothing outside
    /// itself: no URL, no script, no external resource.
    func testSelfContainedWithDisclaimer() throws {
        let html = HTMLReport.render([(name: "walk.csv", document: result().json)])
        XCTAssertTrue(html.contains(researchDisclaimer))
        XCTAssertFalse(html.contains("http://"))
        XCTAssertFalse(html.contains("https://"))
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertFalse(html.contains("src="))
        XCTAssertFalse(html.contains("url("))
        let plots = svgs(html)
        XCTAssertEqual(plots.count, 4, "step time, step length, cadence and speed")
        #if canImport(FoundationXML) || canImport(Darwin)
        for svg in plots {
            // On Linux `parse()` can return true after an error; `parserError` tells.
            let parser = XMLParser(data: Data(svg.utf8))
            let parsed = parser.parse()
            XCTAssertTrue(parsed && parser.parserError == nil, "SVG is not well-formed XML: \(String(describing: parser.parserError))")
        }
        #endif
        XCTAssertTrue(html.contains("antalgic"))
        XCTAssertTrue(html.contains("experimental"))
        XCTAssertTrue(html.contains("step_time_asymmetry_pct"))
        XCTAssertTrue(html.contains("Hodt-Billington 2012"))
        XCTAssertFalse(html.contains("Overview"), "one recording has no overview table")
    }

    /// Several recordings: an overview table first, one row per recording, before the sections.
    func testOverviewTableForSeveralRecordings() throws {
        let html = HTMLReport.render([(name: "first.csv", document: result().json),
                                      (name: "second.json", document: result(steps: 50).json)])
        let table = try XCTUnwrap(html.range(of: "<table class=\"overview\">"))
        let end = try XCTUnwrap(html.range(of: "</table>", range: table.upperBound..<html.endIndex))
        let overview = html[table.lowerBound..<end.upperBound]
        XCTAssertTrue(overview.contains("first.csv") && overview.contains("second.json"))
        XCTAssertEqual(overview.components(separatedBy: "<tr>").count - 1, 3, "a header row and one row per recording")
        XCTAssertTrue(overview.contains(">200<") && overview.contains(">50<"), "each row has its step count")
        XCTAssertLessThan(table.lowerBound, try XCTUnwrap(html.range(of: "<section")).lowerBound)
    }

    /// `readBack` gives what parsing the written text gives (the reader as the oracle), for
    /// seeded numbers of every size, whole or not, finite or not.
    func testReadBackMatchesWriteThenParse() throws {
        var rng = SeededGenerator(seed: 7)
        var numbers: [JSONValue] = [.number(.nan), .number(.infinity), .number(2), .number(-0.0), .number(1e-7), .number(5e-7)]
        for _ in 0..<2000 {
            let magnitude = Double.random(in: -8...16, using: &rng)
            numbers.append(.number(rng.gaussian() * pow(10, magnitude)))
        }
        let value: JSONValue = .object([("a", .array(numbers)), ("b", .object([("c", .number(0.1234565)), ("d", .string("x"))]))])
        let writer = JSONWriter()
        XCTAssertEqual(writer.readBack(value), try JSONReader.parse(Array(writer.string(value).utf8), path: "x"))
    }

    /// Reading documents back: JSON is told from CSV by its first character; bad JSON and other
    /// schemas are refused naming the file (and line and column).
    func testAnalysisDocumentReading() throws {
        let dir = try TestPaths.temporaryDirectory()
        func file(_ name: String, _ text: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let good = try file("good.json", "\u{FEFF} \n" + JSONWriter().string(result().json))
        XCTAssertTrue(try AnalysisDocument.startsLikeJSON(path: good))
        XCTAssertEqual(try AnalysisDocument.read(path: good)["input"]?["path"], .string("walk.csv"))
        XCTAssertFalse(try AnalysisDocument.startsLikeJSON(path: try file("rec.csv", "time_s,acc_x\n0,1\n")))
        XCTAssertFalse(try AnalysisDocument.startsLikeJSON(path: try file("empty.csv", "")))
        let cases: [(String, String, String)] = [
            ("bad.json", "{\n  \"schema\": \"gait.analysis/1\",\n  \"steps\": [1, }\n", ":3:"),
            ("other.json", #"{"schema": "gait.batch/9"}"#, "gait.batch/9"),
            ("none.json", #"{"steps": []}"#, "schema"),
        ]
        for (name, text, expected) in cases {
            let path = try file(name, text)
            XCTAssertThrowsError(try AnalysisDocument.read(path: path), name) { error in
                let e = error as? GaitError
                XCTAssertEqual(e?.exitCode, 2)
                XCTAssertEqual(e?.file, path)
                XCTAssertTrue(e?.description.contains(expected) == true, e?.description ?? "")
            }
        }
        XCTAssertThrowsError(try AnalysisDocument.startsLikeJSON(path: dir.appendingPathComponent("absent.json").path)) {
            XCTAssertEqual(($0 as? GaitError)?.exitCode, 2)
        }
    }
}
