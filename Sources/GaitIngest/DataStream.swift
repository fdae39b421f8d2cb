import GaitCore

/// The reader once the layout is known: data lines in, uniform samples out.
struct DataStream {
    let layout: Layout
    let path: String
    let policy: BadRowPolicy
    private let decoder: RowDecoder
    private let accScale: Double
    private let gyroScale: Double
    private(set) var clock: SampleClock
    private(set) var grid: UniformGridBuilder
    /// Data rows read (good and bad; blank lines are not rows).
    private(set) var rows = 0
    private(set) var badRows = 0

    init(layout: Layout, options: ReaderOptions) {
        self.layout = layout
        path = options.path
        policy = options.onBadRow
        decoder = RowDecoder(fieldCount: layout.fieldCount, delimiter: layout.delimiter,
                             decimalSeparator: layout.decimalSeparator, timeField: layout.timeField,
                             accFields: layout.accFields, gyroFields: layout.gyroFields,
                             timeFormat: layout.timeFormat, columnNames: layout.columnNames)
        accScale = layout.accUnits.toSI
        gyroScale = layout.gyroUnits?.toSI ?? 1
        clock = SampleClock(format: layout.timeFormat, rate: layout.rate)
        grid = UniformGridBuilder(rate: layout.rate, hasGyro: !layout.gyroFields.isEmpty,
                                  maxBridgedGap: options.maxBridgedGap, pieceSize: options.maxPieceSamples)
    }

    /// One line of the file, without its line ending; `lineNumber` is 1-based in the file.
    @inline(__always)
    mutating func line(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, lineNumber: Int,
                       into out: inout [SampleStreamEvent]) throws(GaitError) {
        if start == end || base[start] == 32 || base[start] == 9 {
            var k = start
            while k < end && (base[k] == 32 || base[k] == 9) { k &+= 1 }
            if k == end { return }
        }
        let rowIndex = Int64(rows)
        rows &+= 1
        let row: DecodedRow
        do throws(BadRow) {
            row = try decoder.decode(base, start, end)
        } catch {
            if policy == .fail {
                throw GaitError(.invalidInput, error.message, file: path, line: lineNumber, column: error.column)
            }
            badRows &+= 1
            return
        }
        guard let (t, position) = clock.place(row.time, rowIndex: rowIndex) else { return }
        if !grid.add(t: t, position: position, acc: row.acc * accScale, gyr: row.gyr * gyroScale, into: &out) {
            clock.countDuplicate()
        }
    }

    mutating func finish(into out: inout [SampleStreamEvent]) {
        grid.finish(into: &out)
    }
}
