#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GaitCore

/// Reading back a `gait.analysis/1` document from a file (what `gait analyze --format json`
/// writes), and telling such a file from a recording without reading the recording.
public enum AnalysisDocument {
    /// Whether the file's first byte that is not white space (or a UTF-8 byte-order mark) is `{`:
    /// a JSON document, where a recording CSV starts with a header, a preamble or a number.
    /// Reads only as far as that byte.
    public static func startsLikeJSON(path: String) throws(GaitError) -> Bool {
        let fd = try open(path)
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var first = true
        while true {
            let n = try read(fd, into: &buffer, path: path)
            if n == 0 { return false }
            var chunk = buffer[0..<n]
            if first && chunk.starts(with: utf8ByteOrderMark) { chunk = chunk.dropFirst(3) }
            first = false
            for b in chunk where !JSONReader.isSpace(b) { return b == UInt8(ascii: "{") }
        }
    }

    /// The per-event lists of a document: what a reader that needs only the summary skips.
    public static let eventLists: Set<String> = ["steps", "strides", "bouts", "turns"]

    /// Writes `result`'s document and a final newline, member by member (`JSONWriter.stream`):
    /// a week's steps never become one JSON value or one string.
    public static func stream(_ result: AnalysisResult, to sink: (String) throws(GaitError) -> Void) throws(GaitError) {
        try JSONWriter().stream(object: result.jsonMembers, to: sink)
        try sink("\n")
    }

    /// `result`'s document as `read(path:skipping: eventLists)` gives it back: the event lists
    /// null, everything else as written.
    public static func withoutEventLists(_ result: AnalysisResult) -> JSONValue {
        .object(result.jsonMembers.map { ($0.0, eventLists.contains($0.0) ? .null : $0.1.value) })
    }

    /// Parses the file as JSON and checks that it is a `gait.analysis/1` document. Errors name
    /// the file (and the line and column of bad JSON). Top-level members named in `skipping`
    /// are checked for syntax and read as null (`JSONReader.parse`).
    public static func read(path: String, skipping: Set<String> = [],
                            projecting: [String: Set<String>] = [:]) throws(GaitError) -> JSONValue {
        let fd = try open(path)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try read(fd, into: &buffer, path: path)
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        // A byte-order mark is not JSON; skip it as `startsLikeJSON` does.
        let start = bytes.starts(with: utf8ByteOrderMark) ? 3 : 0
        let document = try JSONReader.parse(start == 0 ? bytes : Array(bytes[start...]), path: path, skipping: skipping,
                                           projecting: projecting)
        try check(document, path: path)
        return document
    }

    /// Refuses a document that is not a `gait.analysis/1` object.
    public static func check(_ document: JSONValue, path: String) throws(GaitError) {
        guard document.membersValue != nil else {
            throw GaitError(.invalidInput, "not a \(AnalysisResult.schema) document (the JSON is not an object)", file: path)
        }
        guard let schema = document["schema"] else {
            throw GaitError(.invalidInput, "not a \(AnalysisResult.schema) document (no \"schema\" field)", file: path)
        }
        guard schema.stringValue == AnalysisResult.schema else {
            let found = schema.stringValue.map { "\"\($0.prefix(40))\"" } ?? String(JSONWriter().line(schema).prefix(40))
            throw GaitError(.invalidInput, "not a \(AnalysisResult.schema) document (schema is \(found))", file: path)
        }
    }

    private static func open(_ path: String) throws(GaitError) -> Int32 {
        #if canImport(Glibc)
        let fd = Glibc.open(path, O_RDONLY)
        #else
        let fd = Darwin.open(path, O_RDONLY)
        #endif
        guard fd >= 0 else { throw GaitError(.invalidInput, "cannot open: \(errnoText())", file: path) }
        return fd
    }

    /// One read(2) into `buffer`, retried on EINTR; returns the byte count (0 at the end).
    private static func read(_ fd: Int32, into buffer: inout [UInt8], path: String) throws(GaitError) -> Int {
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.read(fd, raw.baseAddress, raw.count)
                #else
                Darwin.read(fd, raw.baseAddress, raw.count)
                #endif
            }
            if n >= 0 { return n }
            if errno != EINTR { throw GaitError(.invalidInput, "cannot read: \(errnoText())", file: path) }
        }
    }

}
