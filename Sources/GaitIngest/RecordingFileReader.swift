import GaitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a `CSVRecordingReader` over a file or standard input with `read(2)` into one reused
/// buffer (the fastest way measured on these machines; see swift-notes.md).
public enum RecordingFileReader {
    /// Reads `options.path` (`-` for standard input) in chunks of `chunkSize` bytes, handing each
    /// non-empty batch of events to `body` as soon as it is complete. Returns what the reader
    /// understood. Memory stays bounded whatever the file length.
    @discardableResult
    public static func read(options: ReaderOptions, chunkSize: Int = 1 << 16,
                            _ body: ([SampleStreamEvent]) throws(GaitError) -> Void) throws(GaitError) -> InputInfo {
        let path = options.path
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw GaitError(.invalidInput, "cannot open: \(String(cString: strerror(errno)))", file: path)
            }
        }
        defer { if fd != 0 { close(fd) } }
        var reader = CSVRecordingReader(options: options)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(chunkSize, 1), alignment: 16)
        defer { buffer.deallocate() }
        var events: [SampleStreamEvent] = []
        while true {
            let n = readBytes(fd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw GaitError(.invalidInput, "cannot read: \(String(cString: strerror(errno)))", file: path)
            }
            if n == 0 { break }
            try reader.push(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), into: &events)
            if !events.isEmpty {
                try body(events)
                events.removeAll(keepingCapacity: true)
            }
        }
        try reader.finish(into: &events)
        if !events.isEmpty { try body(events) }
        return reader.info
    }

    /// Reads the whole recording into memory: all events, and what the reader understood.
    public static func readAll(options: ReaderOptions) throws(GaitError) -> (events: [SampleStreamEvent], info: InputInfo) {
        var all: [SampleStreamEvent] = []
        let info = try read(options: options) { (events) throws(GaitError) in all.append(contentsOf: events) }
        return (all, info)
    }
}

/// `read(2)`, named apart from `RecordingFileReader.read`.
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
