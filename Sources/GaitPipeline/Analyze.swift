#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GaitAnalysis
import GaitCore

extension GaitEngine {
    /// Run the engine over a whole file (or standard input for "-"), reading with read(2) into
    /// a reused 1 MiB buffer, and collect the complete result. `onEvent` sees each result as it
    /// becomes final (for streaming output).
    public static func analyze(path: String, options: EngineOptions,
                               onEvent: ((AnalysisEvent) -> Void)? = nil) throws(GaitError) -> AnalysisResult {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else {
            throw GaitError(.invalidInput, "cannot open: \(String(cString: strerror(errno)))", file: path)
        }
        defer { if fd != 0 { close(fd) } }
        var engine = GaitEngine(options: options)
        var collector = ResultCollector()
        var events = [AnalysisEvent]()
        let capacity = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress!, capacity)
            if n < 0 {
                if errno == EINTR { continue }
                throw GaitError(.invalidInput, "read failed: \(String(cString: strerror(errno)))", file: path)
            }
            if n == 0 { break }
            try engine.push(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), into: &events)
            collector.take(&events, onEvent)
        }
        let (summary, flags) = try engine.finish(into: &events)
        collector.take(&events, onEvent)
        return AnalysisResult(
            input: engine.input, subject: options.subject, notes: engine.notes, steps: collector.steps,
            strides: collector.strides, bouts: collector.bouts, summary: summary, flags: flags)
    }
}

/// Gathers emitted events into the result's lists.
public struct ResultCollector {
    public var steps: [Step] = []
    public var strides: [Stride] = []
    public var bouts: [Bout] = []

    public init() {}

    public mutating func take(_ events: inout [AnalysisEvent], _ onEvent: ((AnalysisEvent) -> Void)? = nil) {
        for e in events {
            switch e {
            case .step(let s): steps.append(s)
            case .stride(let s): strides.append(s)
            case .bout(let b): bouts.append(b)
            }
            onEvent?(e)
        }
        events.removeAll(keepingCapacity: true)
    }
}
