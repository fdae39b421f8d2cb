import Foundation
import GaitCore
@testable import GaitIngest
import GaitTestSupport

/// An event in a form that compares bit for bit.
enum EventRecord: Equatable, CustomStringConvertible {
    case start(time: UInt64, rate: UInt64, hasGyro: Bool)
    case samples(rate: UInt64, firstIndex: Int, acc: [UInt64], gyr: [UInt64])
    case end

    init(_ event: SampleStreamEvent) {
        switch event {
        case .segmentStart(let s):
            self = .start(time: s.startTime.bitPattern, rate: s.rate.hz.bitPattern, hasGyro: s.hasGyro)
        case .samples(let m):
            self = .samples(rate: m.rate.hz.bitPattern, firstIndex: m.firstIndex,
                            acc: m.acc.flatMap { [$0.x.bitPattern, $0.y.bitPattern, $0.z.bitPattern] },
                            gyr: m.gyr.flatMap { [$0.x.bitPattern, $0.y.bitPattern, $0.z.bitPattern] })
        case .segmentEnd:
            self = .end
        }
    }

    var description: String {
        switch self {
        case .start(let t, let r, let g): "start(t: \(Double(bitPattern: t)), rate: \(Double(bitPattern: r)), gyro: \(g))"
        case .samples(_, let first, let acc, _): "samples(first: \(first), n: \(acc.count / 3))"
        case .end: "end"
        }
    }
}

/// One segment with its samples joined, for assertions on values.
struct Segment {
    var startTime: Double
    var rate: Double
    var hasGyro: Bool
    var acc: [SIMD3<Double>] = []
    var gyr: [SIMD3<Double>] = []
    var ended = false

    func time(_ n: Int) -> Double { startTime + Double(n) / rate }
}

enum Ingest {
    /// Reads `bytes` pushed in chunks of `chunk` bytes (0: all at once).
    static func read(_ bytes: [UInt8], chunk: Int = 0, options: ReaderOptions = ReaderOptions(path: "test.csv"))
        throws -> (events: [SampleStreamEvent], info: InputInfo)
    {
        var reader = CSVRecordingReader(options: options)
        var events: [SampleStreamEvent] = []
        let size = chunk <= 0 ? Swift.max(bytes.count, 1) : chunk
        var start = 0
        while start < bytes.count {
            let end = Swift.min(start + size, bytes.count)
            try bytes[start..<end].withUnsafeBytes { raw in try reader.push(raw, into: &events) }
            start = end
        }
        try reader.finish(into: &events)
        return (events, reader.info)
    }

    static func read(_ text: String, chunk: Int = 0, options: ReaderOptions = ReaderOptions(path: "test.csv"))
        throws -> (events: [SampleStreamEvent], info: InputInfo)
    {
        try read(Array(text.utf8), chunk: chunk, options: options)
    }

    /// The events as segments, checking their order (start, pieces with consecutive indices, end).
    static func segments(_ events: [SampleStreamEvent]) -> [Segment] {
        var result: [Segment] = []
        for event in events {
            switch event {
            case .segmentStart(let s):
                precondition(result.last?.ended ?? true, "segment started inside a segment")
                result.append(Segment(startTime: s.startTime, rate: s.rate.hz, hasGyro: s.hasGyro))
            case .samples(let m):
                precondition(!(result.last?.ended ?? true), "samples outside a segment")
                precondition(m.firstIndex == result[result.count - 1].acc.count, "pieces not consecutive")
                precondition(m.rate.hz == result[result.count - 1].rate, "piece rate differs from segment rate")
                result[result.count - 1].acc += m.acc
                result[result.count - 1].gyr += m.gyr
            case .segmentEnd:
                precondition(!(result.last?.ended ?? true), "end without start")
                result[result.count - 1].ended = true
            }
        }
        precondition(result.allSatisfy(\.ended), "segment not ended")
        return result
    }

    /// Fixed-point formatting in the POSIX locale, so fixtures do not depend on the machine's locale.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }
}
