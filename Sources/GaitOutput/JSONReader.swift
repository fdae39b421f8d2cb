import GaitCore

/// Parses UTF-8 JSON (RFC 8259) into `JSONValue`, keeping object keys in their order. It reads
/// back what `JSONWriter` writes (the batch tables and `gait merge` rebuild summary rows from the
/// per-recording documents; `gait report` reads them), and any other valid JSON.
///
/// Numbers without a fraction or exponent that fit an `Int` become `.int`, all others `.number`,
/// so a document written by `JSONWriter` and read back serializes to the same text. Errors name
/// the file, line and column of the offending byte.
public struct JSONReader {
    private let bytes: [UInt8]
    private let path: String
    private var i = 0
    private var depth = 0
    /// Top-level keys whose values are scanned, not built.
    private var skippedKeys: Set<String> = []
    /// Top-level keys whose array elements keep only some of their keys.
    private var projections: [String: Set<String>] = [:]
    /// The keys kept in the objects being read, while inside a projected array.
    private var kept: Set<String>?
    /// Nesting deeper than this is refused rather than recursed into (the analysis documents are
    /// four levels deep).
    private static let maxDepth = 256

    /// Parses a whole document; `path` names it in error messages. The values of the top-level
    /// object's members named in `skipping` are checked for syntax but not built (they read as
    /// null): a batch needs a week-long document's summary, not its million steps.
    /// `projecting` does the same inside arrays of objects: for a top-level member named there, each
    /// element object keeps only the listed keys.
    public static func parse(_ bytes: [UInt8], path: String, skipping: Set<String> = [],
                             projecting: [String: Set<String>] = [:]) throws(GaitError) -> JSONValue {
        var reader = JSONReader(bytes: bytes, path: path)
        reader.skippedKeys = skipping
        reader.projections = projecting
        reader.skipSpace()
        let value = try reader.value()
        reader.skipSpace()
        guard reader.i == bytes.count else { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    /// The next value. With `build` false its syntax is checked all the same, but nothing is
    /// built (it reads as null): skipped and projected-out members cost no allocation.
    private mutating func value(build: Bool = true) throws(GaitError) -> JSONValue {
        guard i < bytes.count else { throw error("the JSON ends where a value was expected") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(build: build)
        case UInt8(ascii: "["): return try array(build: build)
        case UInt8(ascii: "\""): let s = try string(build: build); return build ? .string(s) : .null
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number(build: build)
        default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[i])))'")
        }
    }

    private mutating func object(build: Bool) throws(GaitError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        var members: [(String, JSONValue)] = []
        skipSpace()
        if peek(UInt8(ascii: "}")) { i += 1; return build ? .object(members) : .null }
        while true {
            skipSpace()
            guard peek(UInt8(ascii: "\"")) else { throw error("expected a quoted key") }
            let key = try string(build: build)
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after a key") }
            i += 1
            skipSpace()
            if !build {
                _ = try value(build: false)
            } else if depth == 1 && skippedKeys.contains(key) {
                members.append((key, try value(build: false)))
            } else if depth == 1, let keep = projections[key] {
                kept = keep
                defer { kept = nil }
                members.append((key, try value()))
            } else if depth == 3, let kept, !kept.contains(key) {
                _ = try value(build: false)  // an element of a projected array: a key not kept
            } else {
                members.append((key, try value()))
            }
            skipSpace()
            if peek(UInt8(ascii: ",")) { i += 1; continue }
            if peek(UInt8(ascii: "}")) { i += 1; return build ? .object(members) : .null }
            throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func array(build: Bool) throws(GaitError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if peek(UInt8(ascii: "]")) { i += 1; return build ? .array(items) : .null }
        while true {
            skipSpace()
            let item = try value(build: build)
            if build { items.append(item) }
            skipSpace()
            if peek(UInt8(ascii: ",")) { i += 1; continue }
            if peek(UInt8(ascii: "]")) { i += 1; return build ? .array(items) : .null }
            throw error("expected ',' or ']' in an array")
        }
    }

    /// A string's contents; with `build` false the escapes are checked and nothing is kept.
    private mutating func string(build: Bool = true) throws(GaitError) -> String {
        i += 1  // opening quote
        var out: [UInt8] = []
        func keep(_ b: UInt8) { if build { out.append(b) } }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return build ? String(decoding: out, as: UTF8.self) : "" }
            if b < 0x20 { throw error("control character inside a string") }
            if b != UInt8(ascii: "\\") { keep(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { break }
            switch bytes[i] {
            case UInt8(ascii: "\""): keep(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): keep(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): keep(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): keep(0x08)
            case UInt8(ascii: "f"): keep(0x0C)
            case UInt8(ascii: "n"): keep(0x0A)
            case UInt8(ascii: "r"): keep(0x0D)
            case UInt8(ascii: "t"): keep(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    guard i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate in a \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in a \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                if build { out.append(contentsOf: Array(String(Character(u)).utf8)) }
            default: throw error("invalid escape in a string")
            }
            i += 1
        }
        throw error("the JSON ends inside a string")
    }

    /// The four hex digits after `\u`; leaves `i` on the last of them.
    private mutating func hex4() throws(GaitError) -> UInt32 {
        guard i + 4 < bytes.count else { throw error("the JSON ends inside a \\u escape") }
        var v: UInt32 = 0
        for k in 1...4 {
            let b = bytes[i + k]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in a \\u escape")
            }
            v = v << 4 | UInt32(d)
        }
        i += 4
        return v
    }

    /// A number; its grammar is checked either way, and only with `build` is its text converted
    /// (a text the grammar accepts always converts: an overflow gives ±infinity, not nil).
    private mutating func number(build: Bool) throws(GaitError) -> JSONValue {
        let start = i
        var integral = true
        if peek(UInt8(ascii: "-")) { i += 1 }
        if peek(UInt8(ascii: "0")) {
            i += 1
            if i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
                throw error("invalid number: a leading zero")
            }
        } else {
            guard digits() > 0 else { throw error("invalid number") }
        }
        if peek(UInt8(ascii: ".")) {
            integral = false
            i += 1
            guard digits() > 0 else { throw error("invalid number: no digits after '.'") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            integral = false
            i += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { i += 1 }
            guard digits() > 0 else { throw error("invalid number: no digits in the exponent") }
        }
        guard build else { return .null }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if integral, let n = Int(text) { return .int(n) }
        guard let d = Double(text) else { throw error("invalid number '\(text)'") }
        return .number(d)
    }

    private mutating func digits() -> Int {
        var n = 0
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1; n += 1 }
        return n
    }

    private mutating func literal(_ word: String) throws(GaitError) {
        let n = word.utf8.count
        guard i + n <= bytes.count, bytes[i..<i + n].elementsEqual(word.utf8) else { throw error("invalid literal") }
        i += n
    }

    private mutating func enter() throws(GaitError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    }

    private func peek(_ b: UInt8) -> Bool { i < bytes.count && bytes[i] == b }

    /// JSON's whitespace: space, line feed, carriage return, tab.
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    private mutating func skipSpace() {
        while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
    }

    /// An error at the current byte, with its 1-based line and column (in bytes).
    private func error(_ message: String) -> GaitError {
        var line = 1
        var lineStart = 0
        for k in 0..<min(i, bytes.count) where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        return GaitError(.invalidInput, message, file: path, line: line, column: i - lineStart + 1)
    }
}
