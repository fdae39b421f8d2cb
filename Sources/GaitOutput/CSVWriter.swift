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

    /// `s` as one CSV field, quoted where it holds a comma, quote or line break. The test is on
    /// UTF-8 bytes, as `CSVTable` reads them: by `Character`, "\r\n" is one character equal to
    /// neither "\r" nor "\n", and a quote or comma followed by a combining mark is one character
    /// equal to neither, so such fields went out unquoted and broke the row
    /// (`OutputTests.testCSVFieldsReadBackWhole`; Fuzz/ `fuzz-tables` checks the round trip).
    static func quoted(_ s: String) -> String {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard s.utf8.contains(where: special) else { return s }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(s.utf8.count + 2)
        for b in s.utf8 {
            out.append(b)
            if b == UInt8(ascii: "\"") { out.append(b) }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
