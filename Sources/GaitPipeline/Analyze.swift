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
    /// becomes final (for streaming output). With `collect` false the result's steps, strides and
    /// bouts are left empty, so memory stays bounded however long the recording: for callers that
    /// write each event as it comes.
    public static func analyze(path: String, options: EngineOptions, collect: Bool = true,
                               onEvent: (AnalysisEvent) throws(GaitError) -> Void = { _ in }) throws(GaitError) -> AnalysisResult {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else {
            throw GaitError(.invalidInput, "cannot open: \(String(cString: strerror(errno)))", file: path)
        }
        defer { if fd != 0 { close(fd) } }
        var engine = GaitEngine(options: options)
        var collector = ResultCollector(keep: collect)
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
            try collector.take(&events, onEvent)
        }
        return try engine.finish(&events, collector: &collector, onEvent)
    }

    /// The whole engine over bytes already in memory (a simulated recording, a test's input): the
    /// result `analyze(path:options:)` gives for a file holding these bytes.
    public static func analyze(bytes: [UInt8], options: EngineOptions) throws(GaitError) -> AnalysisResult {
        var engine = GaitEngine(options: options)
        var collector = ResultCollector()
        var events = [AnalysisEvent]()
        do {
            try bytes.withUnsafeBytes { raw in try engine.push(raw, into: &events) }
        } catch let e as GaitError { throw e } catch { throw GaitError(.analysisFailed, "\(error)") }
        return try engine.finish(&events, collector: &collector) { _ in }
    }

    /// Flushes the engine and gathers the remaining events into the complete result.
    private mutating func finish(_ events: inout [AnalysisEvent], collector: inout ResultCollector,
                                 _ onEvent: (AnalysisEvent) throws(GaitError) -> Void) throws(GaitError) -> AnalysisResult {
        let (summary, flags) = try finish(into: &events)
        try collector.take(&events, onEvent)
        return AnalysisResult(
            input: input, subject: options.subject, notes: notes, steps: collector.steps,
            strides: collector.strides, bouts: collector.bouts, turns: turnsAssessed ? collector.turns : nil,
            summary: summary, flags: flags)
    }
}

/// Gathers emitted events into the result's lists.
public struct ResultCollector {
    public var steps: [Step] = []
    public var strides: [Stride] = []
    public var bouts: [Bout] = []
    public var turns: [Turn] = []
    /// False: pass events on without keeping them.
    public let keep: Bool

    public init(keep: Bool = true) { self.keep = keep }

    /// Moves `events` into the lists (when keeping) and hands each to `onEvent`.
    public mutating func take(_ events: inout [AnalysisEvent],
                              _ onEvent: (AnalysisEvent) throws(GaitError) -> Void) throws(GaitError) {
        defer { events.removeAll(keepingCapacity: true) }
        for e in events {
            if keep { append(e) }
            try onEvent(e)
        }
    }

    /// Without a callback nothing can throw.
    public mutating func take(_ events: inout [AnalysisEvent]) {
        for e in events { append(e) }
        events.removeAll(keepingCapacity: true)
    }

    private mutating func append(_ e: AnalysisEvent) {
        switch e {
        case .step(let s): steps.append(s)
        case .stride(let s): strides.append(s)
        case .bout(let b): bouts.append(b)
        case .turn(let t): turns.append(t)
        }
    }
}
