import GaitCore

/// Serializes `JSONValue` as UTF-8 JSON (RFC 8259). Objects and arrays at depth ≤ `indentDepth`
/// are laid out one member per line, deeper ones on a single line: a 10 000-step result stays
/// one step per line, readable and diffable. Non-finite numbers are written as null.
public struct JSONWriter: Sendable {
    public var indentDepth: Int
    /// Decimal places kept in numbers (1e-6 s is far below any sampling interval).
    public var decimals: Int

    public init(indentDepth: Int = 2, decimals: Int = 6) {
        self.indentDepth = indentDepth
        self.decimals = decimals
    }

    public func string(_ value: JSONValue) -> String {
        var out = ""
        write(value, depth: 0, into: &out)
        return out
    }

    /// Writes the object of `members` exactly as `string(.object(...))` would, passing the text to
    /// `sink` in pieces (one per array element at most) so that no long array is ever held as a
    /// value or as one string.
    public func stream(object members: [(String, JSONMember)], to sink: (String) throws(GaitError) -> Void) throws(GaitError) {
        guard !members.isEmpty else { try sink("{}"); return }
        var out = "{"
        for (k, (key, member)) in members.enumerated() {
            separate(k, depth: 0, into: &out)
            Self.escape(key, into: &out)
            out += ": "
            guard case .items(let count, let element) = member, count > 0 else {
                write(member.value, depth: 1, into: &out)
                continue
            }
            out += "["
            for i in 0..<count {
                separate(i, depth: 1, into: &out)
                write(element(i), depth: 2, into: &out)
                try sink(out)
                out = ""
            }
            close("]", depth: 1, into: &out)
        }
        close("}", depth: 0, into: &out)
        try sink(out)
    }

    /// One line, no layout: for NDJSON.
    public func line(_ value: JSONValue) -> String {
        var w = self
        w.indentDepth = -1
        return w.string(value)
    }

    private func write(_ value: JSONValue, depth: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d): out += Self.format(d, decimals: decimals)
        case .string(let s): Self.escape(s, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (k, item) in items.enumerated() {
                separate(k, depth: depth, into: &out)
                write(item, depth: depth + 1, into: &out)
            }
            close("]", depth: depth, into: &out)
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (k, (key, item)) in members.enumerated() {
                separate(k, depth: depth, into: &out)
                Self.escape(key, into: &out)
                out += ": "
                write(item, depth: depth + 1, into: &out)
            }
            close("}", depth: depth, into: &out)
        }
    }

    /// What goes before the k-th element of a container at `depth`: a comma after the first, and
    /// a new line where the container is laid out.
    private func separate(_ k: Int, depth: Int, into out: inout String) {
        let layout = depth < indentDepth
        if k > 0 { out += layout ? "," : ", " }
        if layout { newline(depth + 1, &out) }
    }

    /// The end of a non-empty container at `depth`.
    private func close(_ bracket: String, depth: Int, into out: inout String) {
        if depth < indentDepth { newline(depth, &out) }
        out += bracket
    }

    private func newline(_ depth: Int, _ out: inout String) {
        out += "\n"
        out += String(repeating: "  ", count: depth)
    }

    /// Shortest decimal form of `d` rounded to `decimals` places; null when not finite.
    public static func format(_ d: Double, decimals: Int) -> String {
        guard d.isFinite else { return "null" }
        let scale = pow10(decimals)
        let r = (d * scale).rounded() / scale
        if r == r.rounded(), abs(r) < 1e15 { return String(Int64(r)) }
        return String(r)
    }

    private static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        // Most strings (every key, sides, patterns) need no escape: append them whole.
        if !s.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
