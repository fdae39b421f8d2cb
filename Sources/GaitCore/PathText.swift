/// File paths taken apart by byte, as the file system takes them apart.
///
/// A Swift `Character` is a grapheme cluster: "/" or "." followed by a combining mark (U+0301,
/// say) is one `Character`, equal to neither, so `split(separator: "/")`, `lastIndex(of: "/")`
/// and `hasPrefix(".")` miss a separator, a dot or a hidden name that the kernel sees. A folder
/// named "\u{301}b" once made a batch skip the recording inside it without a word. Everything here
/// works on the UTF-8 bytes; the pieces are cut at ASCII bytes, so each is valid UTF-8 again.
public enum PathText {
    private static let slash = UInt8(ascii: "/")
    private static let dot = UInt8(ascii: ".")

    /// The components between "/" bytes, empty ones dropped: `a//b/` → ["a", "b"].
    public static func components(_ path: String) -> [String] {
        path.utf8.split(separator: slash).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The part after the last "/" byte; the whole path when it has none.
    public static func lastComponent(_ path: String) -> String {
        let bytes = Array(path.utf8)
        guard let k = bytes.lastIndex(of: slash) else { return path }
        return String(decoding: bytes[(k + 1)...], as: UTF8.self)
    }

    /// The part before the last "/" byte ("" for "/name"), or nil when the path has none.
    public static func parent(_ path: String) -> String? {
        let bytes = Array(path.utf8)
        guard let k = bytes.lastIndex(of: slash) else { return nil }
        return String(decoding: bytes[..<k], as: UTF8.self)
    }

    /// Whether a file name (no folder) starts with the byte ".", which hides it from `ls`.
    public static func isHidden(_ name: String) -> Bool { name.utf8.first == dot }

    /// The name without its extension: up to the last "." after the last "/", unless that dot
    /// starts the name (`.profile` has no extension). `s01/walk.csv` → `s01/walk`.
    public static func strippingExtension(_ path: String) -> String {
        let bytes = Array(path.utf8)
        let nameStart = (bytes.lastIndex(of: slash) ?? -1) + 1
        guard let k = bytes.lastIndex(of: dot), k > nameStart else { return path }
        return String(decoding: bytes[..<k], as: UTF8.self)
    }

    /// The extension of the last component, without its dot, or nil (see `strippingExtension`).
    public static func pathExtension(_ path: String) -> String? {
        let stem = strippingExtension(path)
        guard stem.utf8.count < path.utf8.count else { return nil }
        return String(decoding: Array(path.utf8)[(stem.utf8.count + 1)...], as: UTF8.self)
    }

    /// `path` without `suffix` when it ends with exactly those bytes, else nil.
    public static func removingSuffix(_ suffix: String, from path: String) -> String? {
        let bytes = Array(path.utf8), tail = Array(suffix.utf8)
        guard bytes.count >= tail.count, bytes.suffix(tail.count).elementsEqual(tail) else { return nil }
        return String(decoding: bytes.dropLast(tail.count), as: UTF8.self)
    }

    /// A total order for names: Swift's `<` (canonical, so "é" and "e\u{301}" are equal), then
    /// the bytes, so that names the file system tells apart never tie and a sort is the same
    /// whatever order the directory listed them in.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        if a != b { return a < b }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Whether two paths are the same bytes. Swift's `==` is canonical equivalence, under which
    /// two different files ("café.csv" in NFC and in NFD) can compare equal.
    public static func sameBytes(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
}
