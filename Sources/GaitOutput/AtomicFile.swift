#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GaitCore

/// Writes a file so that it is either absent or complete: the bytes go to a temporary file in
/// the same directory, which is flushed and then renamed over the destination (rename(2) is
/// atomic within a file system). A crash or error mid-write leaves no half-written output.
public enum AtomicFile {
    /// The temporary file of a write to `dir/name` is `dir/.name.tmp-XXXXXX` (mkstemp's six letters).
    private static let temporaryMark = ".tmp-"

    /// Whether `name` (a file name, no directory) is the temporary file of a write that never
    /// finished (the process was killed): hidden, `.tmp-` and mkstemp's six letters or digits.
    public static func isInterruptedWrite(_ name: String) -> Bool {
        let bytes = Array(name.utf8), mark = Array(temporaryMark.utf8)
        return PathText.isHidden(name) && bytes.count >= mark.count + 6
            && bytes.dropLast(6).suffix(mark.count).elementsEqual(mark)
            && bytes.suffix(6).allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    public static func write(_ text: String, to path: String) throws(GaitError) {
        var bytes = Array(text.utf8)
        try write(bytes: &bytes, to: path)
    }

    public static func write(bytes: inout [UInt8], to path: String) throws(GaitError) {
        let copy = bytes
        try write(to: path) { sink throws(GaitError) in try sink(copy) }
    }

    /// Text made in pieces of any size, written in writes of about 64 KiB (`TextChunks`); the
    /// file appears at `path` complete, or not at all if `body` or a write fails.
    public static func writeText(to path: String, _ body: (_ sink: (String) throws(GaitError) -> Void) throws(GaitError) -> Void) throws(GaitError) {
        try write(to: path) { bytes throws(GaitError) in
            try TextChunks.pass(body) { text throws(GaitError) in try bytes(Array(text.utf8)) }
        }
    }

    /// Stream a file's contents through `body`, which calls the sink with successive pieces; the
    /// file appears at `path` complete, or not at all if `body` or a write fails.
    public static func write(to path: String, _ body: (_ sink: ([UInt8]) throws(GaitError) -> Void) throws(GaitError) -> Void) throws(GaitError) {
        let dir = PathText.parent(path) ?? "."
        let base = PathText.lastComponent(path)
        var template = Array("\(dir.isEmpty ? "/" : dir)/.\(base)\(temporaryMark)XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw GaitError(.invalidInput, "cannot create a file in \(dir): \(errnoText())", file: path) }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = true
        let sink = { (bytes: [UInt8]) throws(GaitError) -> Void in
            let written = bytes.withUnsafeBytes { raw -> Bool in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc_write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { return false }
                    offset += n
                }
                return true
            }
            if !written { throw GaitError(.invalidInput, "cannot write: \(errnoText())", file: path) }
        }
        do {
            try body(sink)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        if ok && fsync(fd) != 0 { ok = false }
        let err = errnoText()
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw GaitError(.invalidInput, "cannot write: \(ok ? errnoText() : err)", file: path)
        }
        // Default permissions for a new file (mkstemp creates 0600).
        let mask = umask(0)
        umask(mask)
        chmod(path, 0o666 & ~mask)
    }

}

/// The text of the current `errno`, for the module's file errors.
func errnoText() -> String { String(cString: strerror(errno)) }

/// The UTF-8 byte-order mark, which the module's readers skip at the start of a file.
let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

@inline(__always) private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}

/// Text made in many small pieces, passed on in pieces of about 64 KiB: few writes, bounded memory.
public enum TextChunks {
    public static let size = 1 << 16

    /// Runs `body`, handing what it sinks to `write` in chunks of at least `size` bytes (the
    /// last one smaller).
    public static func pass(_ body: (_ sink: (String) throws(GaitError) -> Void) throws(GaitError) -> Void,
                            to write: (String) throws(GaitError) -> Void) throws(GaitError) {
        // `write` is only called while `body` runs (Swift cannot see that a closure handed to one
        // non-escaping parameter and capturing another does not escape).
        try withoutActuallyEscaping(write) { (write: @escaping (String) throws(GaitError) -> Void) throws(GaitError) in
            var pending = ""
            try body { text throws(GaitError) in
                pending += text
                if pending.utf8.count >= size { try write(pending); pending = "" }
            }
            if !pending.isEmpty { try write(pending) }
        }
    }
}
