import GaitCore

/// Writes records as CSV (RFC 4180): a header of the records' field names, then one row per
/// record. Null is an empty field; text with a comma, quote or line break is quoted.
public enum CSVWriter {
    public static func table<R: FieldRecord>(_ records: [R], decimals: Int = 6) -> String {
        var out = header(R.fields.map(\.name))
        for r in records { out += row(R.fields.map { $0.value(r) }, decimals: decimals) }
        return out
    }

    public static func header(_ names: [String]) -> String {
        names.map(quoted).joined(separator: ",") + "\n"
    }

    public static func row(_ values: [JSONValue], decimals: Int = 6) -> String {
        values.map { field($0, decimals: decimals) }.joined(separator: ",") + "\n"
    }

    public static func field(_ v: JSONValue, decimals: Int = 6) -> String {
        switch v {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .number(let d): let s = JSONWriter.format(d, decimals: decimals); return s == "null" ? "" : s
        case .string(let s): return quoted(s)
        case .array, .object: return quoted(JSONWriter().line(v))
        }
    }

    static func quoted(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
