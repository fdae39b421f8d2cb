import GaitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a delimited-text IMU recording incrementally and hands out uniformly sampled motion in SI
/// units, split into gap-free segments.
///
/// Feed bytes with `push(_:)` in chunks of any size, then call `finish()`. The events — a
/// `.segmentStart`, its `.samples` pieces, a `.segmentEnd`, and so on — are identical whatever the
/// chunking: pieces are cut only every `ReaderOptions.maxPieceSamples` samples and at segment
/// ends, and every decision is taken on whole lines.
///
/// ## Layouts read
/// - Delimiter tab, comma or semicolon (or the one a `sep=X` or `"sep=X"` first line names); decimal commas
///   with a tab or semicolon delimiter when no number uses a point; fields may be double-quoted
///   (and then hold the delimiter); spaces around fields ignored; columns not used may hold text.
/// - Preamble lines before the header (e.g. Xsens `Acquisition frequency: 100 Hz`, ActiGraph's
///   dashed block), one header line, optionally a units row (`s, g, g, g`, or any line that names
///   no sensor column under one that does, as Shimmer's `ms, m/(s^2), mV, kOhms, …`), or no header
///   at all. Without a header `--columns` must name the columns by 0-based index, except where
///   the first column holds date-times and 3 or 6 numbers follow (Axivity's OMGUI export): those
///   are taken as x, y, z and the gyroscope's x, y, z (not where the last three read as
///   GENEActiv's light, button and temperature), and the output's notes say so.
/// - Header names as exporters write them (`HeaderVocabulary`): `Acc_X`, `accX`, `ax`,
///   `Accelerometer X`, Shimmer's device-named `Shimmer_40AC_Accel_LN_X_CAL`, MetaWear's
///   `x-axis (g)`. Columns of two devices are refused rather than chosen among.
/// - Acceleration in g, m/s² or mg (thousandths of g), named in the header or a units row, or
///   told by the gravity a worn sensor reads (about 1, 9.81 or 1000); units named in the header
///   over values that are gravity in other units are refused, naming both.
/// - UTF-8 with or without BOM, LF or CRLF line ends, blank lines anywhere (not rows).
/// - Time: a sample counter (PacketCounter, 16-bit wrap unwrapped), seconds,
///   milliseconds/microseconds/nanoseconds (relative or since the epoch, integers kept exact),
///   ISO 8601 date-times (and GENEActiv's `2019-01-01 10:00:00:010`, milliseconds after a colon),
///   ActiGraph-style `M/d/yyyy H:mm:ss.fff`, or no time column.
///
/// ## How each decision is made
/// The first lines (at most 256 lines or 64 KiB, or the whole input if shorter) are buffered and
/// the layout is decided once, from them: see `LayoutDetector` (delimiter, header, preamble,
/// columns) and `LayoutDetector+Decisions.swift` (time format, rate, units). One exception: where
/// the angular-rate units are detected, the reader keeps buffering until four blocks of 256 rows
/// have moved and decides them there (at most 32,768 lines; no output meanwhile).
/// Options override detection. `info` reports every decision and how it was made.
///
/// ## Times and gaps
/// Times are seconds from the first sample read (contract, "Times"). A counter gives
/// t = (counter − first) / rate and missing counter values are lost samples; without a time
/// column row i is at i / rate (a bad row skipped there is a lost sample too). Samples are put on
/// the grid `segment start + n / rate`; rows off the grid are linearly interpolated onto it. A
/// stretch without data between two rows whose length is at most `maxBridgedGap` (default 0.5 s:
/// up to 49 lost samples at 100 Hz) is bridged by linear interpolation; a longer one ends the
/// segment and the next row starts a new one. Both are listed in `info.gaps`. A row whose time
/// equals the previous one is a duplicate, one whose time goes back is backward: both are dropped
/// and counted.
///
/// ## Bad rows
/// A row with the wrong number of fields, or an empty, non-numeric, NaN or infinite value in a
/// column used, either throws `GaitError(.invalidInput)` naming the file, the 1-based line in the
/// file and the 1-based column (`onBadRow: .fail`, the default) or is dropped and counted
/// (`.skip`). Columns not used (e.g. Mag_X) are not read.
///
/// ## Complexity
/// O(n) time in the input size, one pass over the bytes, numbers parsed on bytes in place
/// (`RowDecoder.decodeFast`; no `String` per row); columns not used are skipped, not parsed.
/// Throughput: `Benchmarks/ingest.sh` (figures in Benchmarks/README.md). Memory is
/// bounded independently of the input length: the detection buffer (≤ 256 lines / 64 KiB; while
/// the angular-rate units wait for rows that move, ≤ 32,768 lines / 8 MiB), one
/// partial line (≤ 1 MiB; a longer line is an error), one row of interpolation state and one
/// output piece. Only `info.gaps` grows, by one entry per gap.
///
/// After an error the reader throws the same error from every later call.
public struct CSVRecordingReader: Sendable {
    public let options: ReaderOptions
    /// Longest line accepted, in bytes.
    public static let maxLineLength = 1 << 20

    private var partial: [UInt8] = []
    private var lineNumber = 0
    private var detectionLines: [[UInt8]] = []
    private var detectionBytes = 0
    /// The layout decided from the first lines while its angular-rate units wait for rows that move.
    private var gyroWait: GyroUnitsWait? = nil
    private var stream: DataStream? = nil
    private var failure: GaitError? = nil
    private var finished = false

    public init(options: ReaderOptions) {
        self.options = options
    }

    /// Reads the next bytes of the input and returns the events they complete.
    public mutating func push(_ bytes: UnsafeRawBufferPointer) throws(GaitError) -> [SampleStreamEvent] {
        var out: [SampleStreamEvent] = []
        try push(bytes, into: &out)
        return out
    }

    /// Reads the next bytes of the input, appending the events they complete to `events`. Events
    /// completed before an error are kept in `events`.
    public mutating func push(_ bytes: UnsafeRawBufferPointer, into events: inout [SampleStreamEvent]) throws(GaitError) {
        precondition(!finished, "push after finish")
        if let failure { throw failure }
        do throws(GaitError) {
            try consume(bytes, into: &events)
        } catch {
            failure = error
            throw error
        }
    }

    /// Ends the input: reads a last line without a line end, and closes the open segment.
    public mutating func finish() throws(GaitError) -> [SampleStreamEvent] {
        var out: [SampleStreamEvent] = []
        try finish(into: &out)
        return out
    }

    public mutating func finish(into events: inout [SampleStreamEvent]) throws(GaitError) {
        precondition(!finished, "finish called twice")
        if let failure { throw failure }
        do throws(GaitError) {
            if !partial.isEmpty {
                var line = partial
                partial = []
                try line.withUnsafeBufferPointer { (buf) throws(GaitError) in
                    try handleLine(buf.baseAddress!, 0, buf.count, into: &events)
                }
                line.removeAll()
            }
            if stream == nil {
                if var wait = gyroWait {
                    wait.endBlock()
                    wait.conclude()
                    try startStreaming(wait.layout, into: &events)
                } else {
                    // A short input: its rows were all the detection saw.
                    var layout = try LayoutDetector.detect(detectionLines, options: options)
                    layout.settleGyroUnits()
                    try startStreaming(layout, into: &events)
                }
            }
            stream!.finish(into: &events)
            finished = true
        } catch {
            failure = error
            throw error
        }
    }

    /// What the reader understood of the input so far (complete after `finish()`).
    public var info: InputInfo {
        var info = InputInfo(path: options.path)
        guard let stream else { return info }
        let layout = stream.layout
        info.rows = stream.rows
        info.samplingRateHz = layout.rate.hz
        info.rateSource = layout.rateSource
        info.delimiter = layout.delimiterName
        info.columns = layout.columnsUsed
        info.columnsAssumed = layout.columnsAssumed
        info.gyroscopeIgnored = layout.gyroscopeIgnored
        info.timeFormat = layout.timeFormat.rawValue
        info.accUnits = layout.accUnits.rawValue
        info.accUnitsSource = layout.accUnitsSource
        info.gyroUnits = layout.gyroUnits?.rawValue
        info.gyroUnitsSource = layout.gyroUnitsSource
        info.preambleLines = layout.preambleLines
        info.gaps = stream.grid.gaps
        info.segments = stream.grid.segments
        info.badRowsSkipped = stream.badRows
        info.duplicateTimestamps = stream.clock.duplicates
        info.backwardTimestamps = stream.clock.backward
        info.clockShifts = stream.clock.shifts
        info.durationS = stream.grid.lastSampleTime.map { $0 + layout.rate.period } ?? 0
        return info
    }

    // MARK: Lines

    private mutating func consume(_ bytes: UnsafeRawBufferPointer, into out: inout [SampleStreamEvent]) throws(GaitError) {
        guard let raw = bytes.baseAddress, bytes.count > 0 else { return }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let count = bytes.count
        var start = 0
        while start < count {
            guard let hit = memchr(base + start, 10, count - start) else { break }
            let end = start + (UnsafeRawPointer(hit) - UnsafeRawPointer(base + start))
            if partial.isEmpty {
                try handleLine(base, start, end, into: &out)
            } else {
                var line = partial
                partial = []
                line.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
                try checkLength(line.count)
                try line.withUnsafeBufferPointer { (buf) throws(GaitError) in
                    try handleLine(buf.baseAddress!, 0, buf.count, into: &out)
                }
                line.removeAll(keepingCapacity: true)
                partial = line
            }
            start = end + 1
        }
        if start < count {
            partial.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
            try checkLength(partial.count)
        }
    }

    private func checkLength(_ length: Int) throws(GaitError) {
        if length > Self.maxLineLength {
            throw GaitError(.invalidInput, "line longer than \(Self.maxLineLength) bytes: not a delimited-text recording",
                            file: options.path, line: lineNumber + 1)
        }
    }

    @inline(__always)
    private mutating func handleLine(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                                     into out: inout [SampleStreamEvent]) throws(GaitError) {
        lineNumber &+= 1
        if end - start > Self.maxLineLength {
            throw GaitError(.invalidInput, "line longer than \(Self.maxLineLength) bytes: not a delimited-text recording",
                            file: options.path, line: lineNumber)
        }
        var s = start, e = end
        if e > s && base[e &- 1] == 13 { e &-= 1 }
        if stream != nil {
            try stream!.line(base, s, e, lineNumber: lineNumber, into: &out)
            return
        }
        if lineNumber == 1 && e - s >= 3 && base[s] == 0xEF && base[s + 1] == 0xBB && base[s + 2] == 0xBF { s += 3 }
        detectionLines.append(Array(UnsafeBufferPointer(start: base + s, count: e - s)))
        detectionBytes += e - s + 1
        if gyroWait != nil {
            // The angular-rate units wait for blocks of rows that move (`GyroUnitsWait`).
            // A bad row ends the wait where it fails the input, so that it is reported at once.
            let good = gyroWait!.add(detectionLines[detectionLines.count - 1])
            let full = detectionLines.count >= LayoutDetector.maxMotionWaitLines
                || detectionBytes >= LayoutDetector.maxMotionWaitBytes
            if gyroWait!.settled || full || (!good && options.onBadRow == .fail) {
                gyroWait!.conclude()
                try startStreaming(gyroWait!.layout, into: &out)
            }
            return
        }
        if detectionLines.count >= LayoutDetector.maxLines || detectionBytes >= LayoutDetector.maxBytes {
            let layout = try LayoutDetector.detect(detectionLines, options: options)
            if layout.gyroUnitsAwaitMotion {
                gyroWait = GyroUnitsWait(layout: layout)
            } else {
                try startStreaming(layout, into: &out)
            }
        }
    }

    /// Replays the buffered data rows under `layout` and reads every later line with it.
    private mutating func startStreaming(_ layout: Layout, into out: inout [SampleStreamEvent]) throws(GaitError) {
        let lines = detectionLines
        detectionLines = []
        gyroWait = nil
        var stream = DataStream(layout: layout, options: options)
        for k in layout.dataStart..<lines.count {
            try lines[k].withUnsafeBufferPointer { (buf) throws(GaitError) in
                let base = buf.baseAddress ?? UnsafePointer(bitPattern: 1)!
                try stream.line(base, 0, buf.count, lineNumber: k + 1, into: &out)
            }
        }
        self.stream = stream
    }
}
