import GaitCore

/// The tables of one recording in the HTML report: what was read, notes, subject, summary and
/// flags. Each takes its part of the document (nil or null when absent) and returns HTML; strings
/// from the document are escaped, missing values print as "–".
enum ReportSections {
    private typealias F = ReportFormat

    /// Gaps listed one by one up to this many; the rest are counted.
    static let gapsListed = 10

    static func input(_ input: JSONValue?) -> String {
        guard let i = input, i.membersValue != nil else { return "<p>The document does not say what was read.</p>\n" }
        var rows: [(String, String)] = []
        rows.append(("path", text(i["path"])))
        rows.append(("rows read", F.value(i["rows"], decimals: 0)))
        var rate = F.value(i["sampling_rate_hz"], decimals: 3) + " Hz"
        if let source = i["rate_source"]?.stringValue { rate += " (\(F.escape(source)))" }
        rows.append(("sampling rate", rate))
        rows.append(("duration", F.duration(i["duration_s"]?.doubleValue)))
        var units = "acceleration in \(text(i["acc_units"]))" + source(i["acc_units_source"])
        if let gyro = i["gyro_units"]?.stringValue {
            units += ", angular rate in \(F.escape(gyro))" + source(i["gyro_units_source"])
        } else {
            units += ", no gyroscope"
        }
        rows.append(("units", units))
        rows.append(("delimiter", text(i["delimiter"])))
        rows.append(("time column", text(i["time_format"])))
        let columns = (i["columns"]?.membersValue ?? []).map { "\(F.escape($0.0)) = \(text($0.1))" }
        rows.append(("columns", columns.isEmpty ? F.notAvailable : columns.joined(separator: ", ")))
        rows.append(("gaps", gaps(i["gaps"], segments: i["segments"])))
        rows.append(("bad rows skipped", F.value(i["bad_rows_skipped"], decimals: 0)))
        rows.append(("duplicate / backward timestamps",
                     "\(F.value(i["duplicate_timestamps"], decimals: 0)) / \(F.value(i["backward_timestamps"], decimals: 0))"))
        return table(rows)
    }

    private static func source(_ v: JSONValue?) -> String {
        v?.stringValue.map { " (\(F.escape($0)))" } ?? ""
    }

    /// A string value escaped, or "–".
    private static func text(_ v: JSONValue?) -> String { v?.stringValue.map(F.escape) ?? F.notAvailable }

    private static func gaps(_ gaps: JSONValue?, segments: JSONValue?) -> String {
        guard let list = gaps?.arrayValue else { return F.notAvailable }
        guard !list.isEmpty else { return "none" }
        let bridged = list.filter { $0["bridged"]?.boolValue == true }.count
        var out = "\(list.count) (\(bridged) bridged by interpolation, \(list.count - bridged) splitting the recording; "
        out += "\(F.value(segments, decimals: 0)) segments analysed)<ul class=\"gaps\">"
        for g in list.prefix(gapsListed) {
            out += "<li>\(F.number(g["start_s"]?.doubleValue, 2))–\(F.number(g["end_s"]?.doubleValue, 2)) s: "
            out += "\(F.value(g["missing_samples"], decimals: 0)) samples missing"
            out += g["bridged"]?.boolValue == true ? ", bridged</li>" : ", split</li>"
        }
        if list.count > gapsListed { out += "<li>and \(list.count - gapsListed) more</li>" }
        return out + "</ul>"
    }

    static func notes(_ notes: JSONValue?) -> String {
        let items = (notes?.arrayValue ?? []).compactMap(\.stringValue)
        guard !items.isEmpty else { return "<p>No assumptions were noted.</p>\n" }
        return "<ul class=\"notes\">" + items.map { "<li>\(F.escape($0))</li>" }.joined() + "</ul>\n"
    }

    static func subject(_ subject: JSONValue?) -> String {
        let fields = ["height_m", "sensor_height_m", "age_years", "sex"]
        let rows = fields.map { name -> (String, String) in
            let f = F.field(name)
            guard let v = subject?[name], v != .null else { return (label(f.label, name), "not given") }
            return (label(f.label, name), F.value(v, decimals: min(f.decimals, 2)) + (f.unit.isEmpty ? "" : " " + f.unit))
        }
        return table(rows)
    }

    /// Every summary field in the document's order, with a readable name, its serialized name,
    /// the value and the unit (from the name's suffix).
    static func summary(_ summary: JSONValue?) -> String {
        guard let members = summary?.membersValue, !members.isEmpty else { return "<p>The document has no summary.</p>\n" }
        var out = "<table class=\"summary\">\n<thead><tr><th>measure</th><th>value</th><th>unit</th></tr></thead>\n<tbody>\n"
        for (name, value) in members {
            let f = F.field(name)
            var shown = F.value(value, decimals: f.decimals)
            if name == "walking_time_s", let t = value.doubleValue {
                shown = F.number(t, 1) + (t >= 120 ? " (\(F.duration(t)))" : "")
            }
            out += "<tr><td>\(label(f.label, name))</td><td class=\"num\">\(shown)</td><td>\(F.escape(f.unit))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Each flag with its pattern, side, score, confidence, experimental marker and evidence;
    /// the disclaimer after them.
    static func flags(_ flags: JSONValue?) -> String {
        let disclaimer = "<p class=\"disclaimer\">\(F.escape(researchDisclaimer))</p>\n"
        guard let list = flags?.arrayValue else { return "<p>The document has no flags section.</p>\n" + disclaimer }
        guard !list.isEmpty else { return "<p>No pattern was flagged.</p>\n" + disclaimer }
        var out = ""
        for flag in list {
            out += "<div class=\"flag\"><h4>\(text(flag["pattern"]))"
            if let side = flag["side"]?.stringValue { out += ", side \(F.escape(side))" }
            if flag["experimental"]?.boolValue == true { out += " <span class=\"experimental\">experimental</span>" }
            out += "</h4>\n<p>score \(F.number(flag["score"]?.doubleValue, 2)), "
            out += "confidence \(F.number(flag["confidence"]?.doubleValue, 2))"
            if let severity = flag["severity"]?.stringValue { out += ", severity \(F.escape(severity))" }
            out += "</p>\n"
            let evidence = flag["evidence"]?.arrayValue ?? []
            if evidence.isEmpty {
                out += "<p>No evidence listed.</p>\n"
            } else {
                out += "<table class=\"evidence\">\n<thead><tr><th>metric</th><th>value</th><th>reference</th><th>source</th>"
                out += "</tr></thead>\n<tbody>\n"
                for e in evidence {
                    out += "<tr><td><code>\(text(e["metric"]))</code></td><td class=\"num\">\(F.value(e["value"], decimals: 3))</td>"
                    out += "<td>\(text(e["reference"]))</td><td>\(text(e["source"]))</td></tr>\n"
                }
                out += "</tbody>\n</table>\n"
            }
            out += "</div>\n"
        }
        return out + disclaimer
    }

    /// A readable label with the serialized name beside it, for looking the field up in
    /// docs/output.md.
    private static func label(_ label: String, _ name: String) -> String {
        "\(F.escape(label)) <code>\(F.escape(name))</code>"
    }

    private static func table(_ rows: [(String, String)]) -> String {
        "<table class=\"fields\">\n<tbody>\n" + rows.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>\n" }.joined()
            + "</tbody>\n</table>\n"
    }
}
