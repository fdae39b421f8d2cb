import GaitCore

/// `gait report`: one self-contained HTML page for one or more recordings, drawn from their
/// `gait.analysis/1` documents (docs/output.md, "gait report"). Styles are inline, plots are inline
/// SVG drawn here, and the page has no script and no link to anything outside itself, so it opens
/// offline and can be mailed or archived as one file.
///
/// Every string taken from a document is HTML-escaped; every field may be missing or null (it
/// prints as "–"). Recordings are added one at a time and kept only as their finished HTML, so a
/// report over many long recordings holds one document in memory at a time.
public struct HTMLReport {
    public var title: String
    private var overviewRows: [String] = []
    private var sections: [String] = []

    public init(title: String = "GaitKit report") {
        self.title = title
    }

    /// What the report reads of a document: no strides, and of each step only these fields.
    /// Readers load documents through it (`AnalysisDocument.read(path:skipping:projecting:)`,
    /// `document(from:)`), so a week-long recording's million steps cost four numbers each.
    public static let unusedMembers: Set<String> = ["strides"]
    public static let usedFields: [String: Set<String>] = ["steps": ["ic_s", "side", "step_time_s", "step_length_m"]]

    /// The document the report draws, made from a fresh analysis's members with the same
    /// members left out and fields kept as a document read from a file.
    public static func document(from members: [(String, JSONMember)]) -> JSONValue {
        .object(members.map { key, member -> (String, JSONValue) in
            if unusedMembers.contains(key) { return (key, .null) }
            guard let keep = usedFields[key], case .items(let count, let element) = member else { return (key, member.value) }
            return (key, .array((0..<count).map { i in
                let e = element(i)
                guard case .object(let fields) = e else { return e }
                return .object(fields.filter { keep.contains($0.0) })
            }))
        })
    }

    /// The whole page for `recordings`, each named as given (usually the file as typed).
    public static func render(_ recordings: [(name: String, document: JSONValue)], title: String = "GaitKit report") -> String {
        var report = HTMLReport(title: title)
        for r in recordings { report.add(name: r.name, document: r.document) }
        return report.html()
    }

    /// Adds a recording's section (and its overview row).
    public mutating func add(name: String, document: JSONValue) {
        let id = "rec-\(sections.count + 1)"
        overviewRows.append(Self.overviewRow(name: name, id: id, document))
        sections.append(Self.section(name: name, id: id, document))
    }

    /// The page: title and disclaimer, an overview table when there are several recordings, then
    /// one section per recording.
    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(ReportFormat.escape(title))</title>\n<style>\(Self.css)</style>\n</head>\n<body>\n"
        out += "<h1>\(ReportFormat.escape(title))</h1>\n"
        out += "<p class=\"disclaimer\"><strong>\(ReportFormat.escape(researchDisclaimer))</strong> "
        out += "GaitKit supports research; it is not a medical device.</p>\n"
        out += "<p class=\"meta\">\(sections.count) recording\(sections.count == 1 ? "" : "s"). "
        out += "Times are seconds from the first sample of each recording; “\(ReportFormat.notAvailable)” marks a value "
        out += "that is not available (or, for a longer or larger side, a difference within measurement error).</p>\n"
        if sections.count > 1 {
            out += "<h2>Overview</h2>\n<div class=\"wide\"><table class=\"overview\">\n<thead><tr><th>recording</th>"
            out += "<th>walking time</th><th>steps</th><th>cadence<br>steps/min</th><th>speed<br>m/s</th>"
            out += "<th>stride length<br>m</th><th>step-time asymmetry<br>% (longer side)</th>"
            out += "<th>step-length asymmetry<br>% (longer side)</th><th>flags</th></tr></thead>\n<tbody>\n"
            out += overviewRows.joined()
            out += "</tbody>\n</table></div>\n"
        }
        out += sections.joined()
        out += "<footer><p>\(ReportFormat.escape(researchDisclaimer))</p><p>Made by gait report (GaitKit). "
        out += "Every field is described in docs/output.md.</p></footer>\n</body>\n</html>\n"
        return out
    }

    // MARK: Overview

    private static func overviewRow(name: String, id: String, _ d: JSONValue) -> String {
        let s = d["summary"]
        var out = "<tr><td><a href=\"#\(id)\">\(ReportFormat.escape(name))</a></td>"
        out += "<td>\(ReportFormat.duration(s?["walking_time_s"]?.doubleValue))</td>"
        out += "<td class=\"num\">\(ReportFormat.value(s?["n_steps"], decimals: 0))</td>"
        out += "<td class=\"num\">\(ReportFormat.value(s?["cadence_spm"], decimals: 1))</td>"
        out += "<td class=\"num\">\(ReportFormat.value(s?["speed_mps"], decimals: 2))</td>"
        out += "<td class=\"num\">\(ReportFormat.value(s?["stride_length_m"], decimals: 3))</td>"
        out += "<td class=\"num\">\(asymmetry(s, "step_time"))</td>"
        out += "<td class=\"num\">\(asymmetry(s, "step_length"))</td>"
        out += "<td>\(flagList(d["flags"]))</td></tr>\n"
        return out
    }

    /// "12.3 (L)"; the side left out where it is null (within measurement error).
    private static func asymmetry(_ summary: JSONValue?, _ stem: String) -> String {
        let pct = ReportFormat.value(summary?["\(stem)_asymmetry_pct"], decimals: 1)
        guard let side = summary?["\(stem)_longer_side"]?.stringValue else { return pct }
        return "\(pct) (\(ReportFormat.escape(side)))"
    }

    private static func flagList(_ flags: JSONValue?) -> String {
        let items = (flags?.arrayValue ?? []).map { f in
            let pattern = ReportFormat.escape(f["pattern"]?.stringValue ?? "unnamed")
            return f["side"]?.stringValue.map { "\(pattern) (\(ReportFormat.escape($0)))" } ?? pattern
        }
        return items.isEmpty ? "none" : items.joined(separator: ", ")
    }

    // MARK: One recording

    private static func section(name: String, id: String, _ d: JSONValue) -> String {
        var out = "<section id=\"\(id)\">\n<h2>\(ReportFormat.escape(name))</h2>\n"
        out += "<h3>What was read</h3>\n" + ReportSections.input(d["input"])
        out += "<h3>Notes</h3>\n" + ReportSections.notes(d["notes"])
        out += "<h3>Subject</h3>\n" + ReportSections.subject(d["subject"])
        out += "<h3>Summary</h3>\n" + ReportSections.summary(d["summary"])
        out += "<h3>Flags</h3>\n" + ReportSections.flags(d["flags"])
        out += "<h3>Plots</h3>\n" + ReportPlots.html(d)
        out += "</section>\n"
        return out
    }

    private static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#222;max-width:980px;\
        margin:0 auto;padding:1em 1.5em;line-height:1.4}
        h1{font-size:1.6em;margin-bottom:.3em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
        h3{margin:1.4em 0 .4em}h4{margin:.2em 0;font-size:1em}
        table{border-collapse:collapse;margin:.3em 0 .8em;font-size:.92em}
        th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        table.summary td:last-child{white-space:nowrap}
        div.wide{overflow-x:auto}table.overview{font-size:.82em}table.overview td:first-child{overflow-wrap:anywhere}
        code{font-size:.9em;color:#555}
        .disclaimer{background:#fff6dd;border:1px solid #e8cf7a;padding:.6em .8em}
        .meta,figcaption,.turns-note,footer{color:#555;font-size:.9em}
        .flag{border-left:4px solid #D55E00;padding:.1em .8em;margin:.6em 0}
        .experimental{background:#eee;border-radius:3px;padding:0 .4em;font-size:.85em}
        figure{margin:1em 0}figure.nodata p{color:#777;font-style:italic}
        svg.plot{max-width:100%;height:auto}
        footer{border-top:1px solid #ddd;margin-top:3em}
        @page{margin:1.2cm}@media print{body{max-width:none;padding:0;font-size:10pt}figure{break-inside:avoid}}
        """
}
