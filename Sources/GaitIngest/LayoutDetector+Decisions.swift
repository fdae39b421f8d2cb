import GaitCore

/// Time format, sampling rate and units, decided from the buffered data rows.
///
/// - Time format: `--time-units` for a time column of numbers (refused for date-times). Else a
///   column named like a counter (PacketCounter, counter, sample, index, frame)
///   holding integers is a sample counter. A time column named with a unit (`time_ms`,
///   `Timestamp (ns)`, units row `ms`) has that unit. Any other time column of integers that
///   step by 1 is a counter. Otherwise the magnitude of the first value decides: ≥ 10¹⁷
///   nanoseconds, ≥ 10¹⁴ microseconds, ≥ 10¹¹ milliseconds (since the epoch), else seconds —
///   except integer times whose median step exceeds 0.2, which are milliseconds (`0, 10, 20, …`).
///   A column whose values are not numbers but ISO 8601 date-times is `iso8601`; one of slashed
///   dates (ActiGraph `5/1/2024 10:00:00.010`) is month-first unless only day-first reads all
///   rows, or, where both read, the preamble says `date format d/M/yyyy`. Timestamps that give
///   a rate above `SamplingRate.maximumHz` are refused, naming the rate in the next larger unit.
/// - Rate: `--rate` when given. Counters and files without time need it or a preamble rate.
///   Timestamps: the preamble rate when within 5 % of the timestamps' rate, else the timestamps'
///   rate: sample periods spanned (each interval rounded to a whole number of median intervals)
///   over the time spanned, rounded to a whole hertz when within 0.2 % of one.
/// - Acceleration units: `--units`, else a unit in the header or units row, else the median
///   |a| of the buffered rows: 0.5–2 → g, 4.9–19.6 → m/s², 490–1960 → mg, otherwise an error
///   asking for `--units`. A header's unit over values whose median is gravity in another unit
///   is refused, naming both (`unitsOfGravity`).
/// - Angular-rate units: `--gyro-units`, else a unit in the header or units row, else detected
///   from blocks of 256 rows, by the ratio of the 99th percentile of |ω| to the SD of |a| in g
///   (floored at 0.001 g):
///   - deg/s as soon as a block's 99th percentile of |ω| exceeds 35 (≈ 2000 deg/s, the full scale
///     of common MEMS gyroscopes, so no rad/s reading gets there);
///   - else, over the first `movingBlocksForGyroUnits` (4) blocks that move (SD of |a| at least
///     `motionSDg`, 0.05 g), deg/s when their median ratio exceeds 35, else rad/s. The reader
///     buffers meanwhile (`GyroUnitsWait`, up to `maxMotionWaitLines` lines); with fewer moving
///     blocks by then, or at the end of the input, their median decides;
///   - with no block that moves, the still rows' rule: deg/s when the first block's ratio exceeds
///     200 (a still sensor shows little rotation in rad/s for the little change in |a| it shows).
///
///   Measured (2026-11-21, numpy on the raw files): over the 80 Voisard lower-back recordings
///   (rad/s) the median ratio of the first four moving blocks is 4.2–16.1, so 243 and more in
///   deg/s. The simulator's guarded walkers in deg/s (pelvic motion × 0.5 and × 0.3, 0.5–1.7 m/s)
///   give 56–323; until then the first block alone decided at 200, which read all five severe
///   and one of the five moderate ones as rad/s (`AngularRateCheck` in GaitPipeline's
///   `GaitEngine.swift` then refused them). Foot sensors turn more for the same |a|: give
///   `--gyro-units` for them. On the Voisard set the first 256 rows have an SD of |a| of
///   0.0016–0.065 g (79 of 80 under 0.05 g), and every trial's most moving window 0.14–0.5 g.
extension LayoutDetector {
    static func decide(_ layout: inout Layout, lines: [[UInt8]], blank: [Bool], options: ReaderOptions) throws(GaitError) {
        let path = options.path
        let probe = probeDecoder(layout)
        var accs: [SIMD3<Double>] = [], gyrs: [SIMD3<Double>] = [], timeTexts: [String] = []
        var firstFailure: (line: Int, bad: BadRow)? = nil
        for k in layout.dataStart..<lines.count where !blank[k] {
            do throws(BadRow) {
                let row = try decode(probe, lines[k])
                accs.append(row.acc)
                gyrs.append(row.gyr)
                if let f = layout.timeField { timeTexts.append(RowDecoder.fields(lines[k], delimiter: layout.delimiter)[f]) }
            } catch {
                if firstFailure == nil { firstFailure = (k + 1, error) }
            }
        }
        // A bad row among the first ones fails before any decision that it could have disturbed.
        if let (line, bad) = firstFailure, options.onBadRow == .fail || accs.isEmpty {
            throw GaitError(.invalidInput, bad.message, file: path, line: line, column: bad.column)
        }
        guard !accs.isEmpty else { throw GaitError(.invalidInput, "the input has a header but no data rows", file: path) }
        ignoreGyroscopeIfUnused(&layout, gyrs: gyrs, options: options)

        layout.timeFormat = try timeFormat(layout, timeTexts, units: options.timeUnits, path: path)
        try decideRate(&layout, lines: lines, blank: blank, options: options)
        try decideUnits(&layout, accs: accs, gyrs: gyrs, options: options)
    }

    /// Buffered rows of zeros that tell a gyroscope that is off (`ignoreGyroscopeIfUnused`).
    static let zeroGyroscopeRows = 100

    /// Drops the gyroscope columns when `--accelerometer-only` asks, or when every value of them
    /// in the buffered rows, at least `zeroGyroscopeRows` of them, is exactly 0: a gyroscope that
    /// is off or absent, whose columns some exports keep. A working gyroscope's noise is never
    /// exactly 0 on three axes for a hundred rows, even at rest; fewer rows cannot tell. Read as
    /// rates, zeros gave the SampleData walk no turns and a `guarded` flag (pelvic rotation 0°
    /// against a healthy 17.2 ± 4.4°); dropped, the recording is analysed as accelerometer-only,
    /// and a note says so.
    private static func ignoreGyroscopeIfUnused(_ layout: inout Layout, gyrs: [SIMD3<Double>], options: ReaderOptions) {
        guard !layout.gyroFields.isEmpty else { return }
        let names = layout.gyroFields.map { layout.columnNames[$0] }.joined(separator: ", ")
        if options.ignoreGyroscope {
            layout.gyroscopeIgnored = "the gyroscope columns (\(names)) were not used, as --accelerometer-only asks"
        } else if gyrs.count >= zeroGyroscopeRows, gyrs.allSatisfy({ $0 == .zero }) {
            layout.gyroscopeIgnored = "the gyroscope columns (\(names)) hold only zeros in the first \(gyrs.count) rows (a gyroscope "
                + "that is off): the recording was analysed without them, as accelerometer-only"
        } else {
            return
        }
        layout.gyroFields = []
    }

    /// A decoder of the layout's motion columns only, before the time format is known.
    fileprivate static func probeDecoder(_ layout: Layout) -> RowDecoder {
        RowDecoder(fieldCount: layout.fieldCount, delimiter: layout.delimiter, decimalSeparator: layout.decimalSeparator,
                   timeField: nil, accFields: layout.accFields, gyroFields: layout.gyroFields, timeFormat: .none,
                   columnNames: layout.columnNames)
    }

    fileprivate static func decode(_ decoder: RowDecoder, _ line: [UInt8]) throws(BadRow) -> DecodedRow {
        try line.withUnsafeBufferPointer { (buf) throws(BadRow) -> DecodedRow in
            guard let base = buf.baseAddress else { throw BadRow(message: "empty row", column: nil) }
            return try decoder.decode(base, 0, buf.count)
        }
    }

    private static func timeFormat(_ layout: Layout, _ texts: [String], units: TimeUnits?, path: String) throws(GaitError) -> TimeFormat {
        guard let field = layout.timeField else { return .none }
        let separator = layout.decimalSeparator
        let numbers = texts.compactMap { text -> Double? in
            var t = text
            return t.withUTF8 { buf in
                buf.baseAddress.flatMap { DecimalParser.parse($0, 0, buf.count, decimalSeparator: separator) }
            }
        }.filter(\.isFinite)
        if numbers.count * 2 <= texts.count {
            func share(_ parse: (UnsafePointer<UInt8>, Int) -> Int64?) -> Int {
                texts.filter { text in
                    var t = text
                    return t.withUTF8 { buf in buf.baseAddress.flatMap { parse($0, buf.count) } != nil }
                }.count
            }
            if units != nil {
                throw GaitError(.usage, "--time-units applies to a time column of numbers; \(layout.columnNames[field]) holds "
                                    + "'\(texts.first ?? "")'", file: path, line: layout.dataStart + 1, column: field + 1)
            }
            if share({ DateTimeParser.iso8601($0, 0, $1) }) * 2 > texts.count { return .iso8601 }
            let monthFirst = share { DateTimeParser.slashed($0, 0, $1, dayFirst: false) }
            let dayFirst = share { DateTimeParser.slashed($0, 0, $1, dayFirst: true) }
            if monthFirst * 2 > texts.count || dayFirst * 2 > texts.count {
                if monthFirst == dayFirst, let stated = layout.metadataDayFirst { return stated ? .dayMonthYear : .monthDayYear }
                return dayFirst > monthFirst ? .dayMonthYear : .monthDayYear
            }
            throw GaitError(.invalidInput, "cannot read the time column \(layout.columnNames[field]): found '\(texts.first ?? "")'",
                            file: path, line: layout.dataStart + 1, column: field + 1)
        }
        if let units { return units.format }
        let integers = numbers.filter { $0 == $0.rounded() && abs($0) < 9e15 }.count
        let integral = integers == numbers.count
        var steps = zip(numbers.dropFirst(), numbers).map { $0 - $1 }.filter { $0 > 0 }
        steps.sort()
        let medianStep = steps.isEmpty ? 0 : steps[steps.count / 2]
        // A counter-named column of mostly integers is a counter (the odd non-integer is a bad row).
        if layout.meanings[field] == .counter && integers * 2 > numbers.count { return .counter }
        if let hint = layout.timeHints[field] { return hint.format }
        if integral && medianStep == 1 { return .counter }
        let magnitude = abs(numbers[0])
        if magnitude >= 1e17 { return .nanoseconds }
        if magnitude >= 1e14 { return .microseconds }
        if magnitude >= 1e11 { return .milliseconds }
        if integral && medianStep > 0.2 { return .milliseconds }
        return .seconds
    }

    private static func decideRate(_ layout: inout Layout, lines: [[UInt8]], blank: [Bool], options: ReaderOptions) throws(GaitError) {
        let path = options.path
        // The command line checks `--rate` itself; this holds for every caller of the library, so
        // that a bridged gap can never be asked for more than maxBridgedGap × maximumHz samples.
        if let rate = options.rate, rate.hz > SamplingRate.maximumHz {
            throw GaitError(.usage, "the sampling rate given, \(rate.hz.fixed(0)) Hz, is above the "
                                + "\(SamplingRate.maximumHz.fixed(0)) Hz of any motion sensor", file: path)
        }
        let counter = layout.timeFormat == .counter
        if layout.timeFormat == .none || counter {
            let prefix = counter ? "counter+" : ""
            if let rate = options.rate {
                layout.rate = rate
                layout.rateSource = prefix + "option"
            } else if let hz = layout.metadataRate {
                layout.rate = SamplingRate(hz: hz)
                layout.rateSource = prefix + "metadata"
            } else if counter {
                throw GaitError(.invalidInput,
                                "the time column \(layout.columnNames[layout.timeField!]) is a sample counter and the file "
                                    + "states no sampling rate: pass --rate",
                                file: path)
            } else {
                throw GaitError(.invalidInput, "the file has no time column and states no sampling rate: pass --rate", file: path)
            }
            return
        }
        // Timestamps: read them with the final decoder.
        let decoder = RowDecoder(fieldCount: layout.fieldCount, delimiter: layout.delimiter,
                                 decimalSeparator: layout.decimalSeparator, timeField: layout.timeField,
                                 accFields: layout.accFields, gyroFields: layout.gyroFields,
                                 timeFormat: layout.timeFormat, columnNames: layout.columnNames)
        var times: [Double] = []
        var firstInteger: Int64? = nil, firstSeconds: Double? = nil
        for k in layout.dataStart..<lines.count where !blank[k] {
            guard let row = try? decode(decoder, lines[k]) else { continue }
            switch row.time {
            case .integer(let n):
                firstInteger = firstInteger ?? n
                times.append(Double(n &- firstInteger!) / 1e9)
            case .seconds(let s):
                firstSeconds = firstSeconds ?? s
                times.append(s - firstSeconds!)
            case .none: break
            }
        }
        let estimate = estimateRate(times)
        if let rate = options.rate {
            layout.rate = rate
            layout.rateSource = "option"
        } else if let meta = layout.metadataRate, estimate.map({ abs($0 - meta) <= 0.05 * meta }) ?? true {
            layout.rate = SamplingRate(hz: meta)
            layout.rateSource = "metadata"
        } else if let estimate {
            guard estimate <= SamplingRate.maximumHz else {
                let remedy = TimeUnits(layout.timeFormat)?.remedy(forRate: estimate, plausible: 1...SamplingRate.maximumHz)
                    ?? "check the time column's units (--time-units s|ms|us|ns names them)"
                throw GaitError(.invalidInput,
                                "the timestamps give a sampling rate of \(estimate.fixed(0)) Hz, above the "
                                    + "\(SamplingRate.maximumHz.fixed(0)) Hz of any motion sensor: \(remedy)",
                                file: path)
            }
            layout.rate = SamplingRate(hz: estimate)
            layout.rateSource = "timestamps"
        } else {
            throw GaitError(.invalidInput, "cannot tell the sampling rate: fewer than two increasing timestamps; pass --rate", file: path)
        }
    }

    /// Rate from increasing timestamps in seconds, or nil with fewer than two: the number of
    /// sample periods spanned (each interval counted as a whole number of median intervals, so a
    /// gap counts as the samples it lost and jitter averages out) over the time spanned.
    static func estimateRate(_ times: [Double]) -> Double? {
        let steps = zip(times.dropFirst(), times).map { $0 - $1 }.filter { $0 > 0 }
        guard !steps.isEmpty else { return nil }
        let median = steps.sorted()[steps.count / 2]
        let periods = steps.map { Swift.max(1, ($0 / median).rounded()) }.reduce(0, +)
        let rate = periods / steps.reduce(0, +)
        guard rate.isFinite, rate > 0 else { return nil }
        let whole = rate.rounded()
        return whole >= 1 && abs(rate - whole) <= 0.002 * rate ? whole : rate
    }

    private static func decideUnits(_ layout: inout Layout, accs: [SIMD3<Double>], gyrs: [SIMD3<Double>],
                                    options: ReaderOptions) throws(GaitError) {
        let accHints = layout.accFields.map { layout.accHints[$0] }
        if let units = options.accUnits {
            layout.accUnits = units
            layout.accUnitsSource = "option"
        } else if let hint = accHints[0], accHints.allSatisfy({ $0 == hint }) {
            // A header that names one unit over values that read as gravity in another is wrong
            // about one of them (a magnetometer's mG taken for milli-g, m/s² labelled g); values
            // that read as gravity in no unit (a logger's leading zeros) leave the header trusted.
            let median = medianMagnitude(accs)
            if let read = unitsOfGravity(median), read != hint {
                throw GaitError(.invalidInput,
                                "the header gives the acceleration in \(hint.rawValue), but the median |a| of the first \(accs.count) "
                                    + "rows, \(median.fixed(3)), is gravity in \(read.rawValue) (in \(hint.rawValue) it would be "
                                    + "\((median * hint.toSI / standardGravity).fixed(3)) g, where a worn sensor reads about 1 g); "
                                    + "pass --units \(read.rawValue) if the values are right",
                                file: options.path)
            }
            layout.accUnits = hint
            layout.accUnitsSource = "header"
        } else {
            let median = medianMagnitude(accs)
            guard let units = unitsOfGravity(median) else {
                throw GaitError(.invalidInput,
                                "cannot tell the acceleration units: the median |a| of the first \(accs.count) rows is "
                                    + "\(median), neither about 1 (g), 9.81 (m/s²) nor 1000 (mg); pass --units g, --units m/s2 or --units mg",
                                file: options.path)
            }
            layout.accUnits = units
            layout.accUnitsSource = "detected"
        }
        guard !layout.gyroFields.isEmpty else { return }
        let gyroHints = layout.gyroFields.map { layout.gyroHints[$0] }
        if let units = options.gyroUnits {
            layout.gyroUnits = units
            layout.gyroUnitsSource = "option"
        } else if let hint = gyroHints[0], gyroHints.allSatisfy({ $0 == hint }) {
            layout.gyroUnits = hint
            layout.gyroUnitsSource = "header"
        } else {
            let evidence = gyroEvidence(accs: accs, gyrs: gyrs, accScale: layout.accUnits.toSI)
            // Beyond any gyroscope's rad/s the still rule already says deg/s, and that settles it.
            layout.gyroUnits = evidence.stillUnits
            layout.gyroUnitsSource = "detected"
            if evidence.p99 <= AngularRateUnits.fullScaleRadiansPerSecond {
                layout.gyroUnitsAwaitMotion = true
                if evidence.accSDg >= motionSDg { layout.gyroMovingRatios = [evidence.ratio] }
            }
        }
    }

    /// The units in which a median |a| of `median` is about 1 g, the gravity every worn sensor
    /// reads: within a factor 2 of 1 (g), 9.81 (m/s²) or 1000 (mg). The three ranges lie a factor
    /// 2.4 or more apart, so no value is in two. nil when it is in none.
    static func unitsOfGravity(_ median: Double) -> AccelerationUnits? {
        AccelerationUnits.allCases.first { units in
            let g = median * units.toSI / standardGravity
            return (0.5...2).contains(g)
        }
    }

    static func medianMagnitude(_ accs: [SIMD3<Double>]) -> Double {
        let magnitudes = accs.map { ($0 * $0).sum().squareRoot() }.sorted()
        return magnitudes[magnitudes.count / 2]
    }

    /// SD of |a| (g) below which rows count as still for the angular-rate units.
    static let motionSDg = 0.05

    /// Blocks of rows that move whose median ratio decides the angular-rate units.
    static let movingBlocksForGyroUnits = 4
    /// Median ratio (99th percentile of |ω| over the SD of |a| in g, moving blocks) above which
    /// the rates are deg/s.
    static let movingRatioForDegrees = 35.0
    /// The same ratio on still rows, where only the sensors' noise speaks.
    static let stillRatioForDegrees = 200.0

    /// One block's evidence: the 99th percentile of |ω| in the file's units, the SD of |a| in g,
    /// their ratio (the SD floored at 0.001 g), and the units the still-rows rule gives.
    fileprivate static func gyroEvidence(accs: [SIMD3<Double>], gyrs: [SIMD3<Double>], accScale: Double)
        -> (p99: Double, accSDg: Double, ratio: Double, stillUnits: AngularRateUnits) {
        let rates = gyrs.map { ($0 * $0).sum().squareRoot() }.sorted()
        let p99 = rates[Swift.min(rates.count - 1, Int((Double(rates.count - 1) * 0.99).rounded()))]
        let norms = accs.map { ($0 * $0).sum().squareRoot() * accScale / standardGravity }
        let mean = norms.reduce(0, +) / Double(norms.count)
        let sd = (norms.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(norms.count)).squareRoot()
        let ratio = p99 / Swift.max(sd, 0.001)
        let still: AngularRateUnits = p99 > AngularRateUnits.fullScaleRadiansPerSecond || ratio > stillRatioForDegrees
            ? .degreesPerSecond : .radiansPerSecond
        return (p99, sd, ratio, still)
    }

    /// The units the moving blocks' median ratio gives, or nil without a moving block.
    fileprivate static func unitsOfMovingRatios(_ ratios: [Double]) -> AngularRateUnits? {
        guard !ratios.isEmpty else { return nil }
        let s = ratios.sorted(), n = s.count
        let median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        return median > movingRatioForDegrees ? .degreesPerSecond : .radiansPerSecond
    }
}

/// The reader's wait for rows that move, where the angular-rate units are detected
/// (`Layout.gyroUnitsAwaitMotion`; the rule in `LayoutDetector+Decisions.swift`): lines are looked
/// at one by one as they are buffered, in blocks of `LayoutDetector.maxLines` rows, until
/// `movingBlocksForGyroUnits` blocks have moved (their median ratio decides), a block turns
/// beyond any gyroscope's rad/s (deg/s), or the buffer is full or the input ends
/// (`Layout.settleGyroUnits`).
struct GyroUnitsWait {
    private(set) var layout: Layout
    /// The units were decided: the wait is over.
    var settled: Bool { !layout.gyroUnitsAwaitMotion }
    private let probe: RowDecoder
    private var accs: [SIMD3<Double>] = [], gyrs: [SIMD3<Double>] = []

    init(layout: Layout) {
        self.layout = layout
        probe = LayoutDetector.probeDecoder(layout)
        if layout.gyroMovingRatios.count >= LayoutDetector.movingBlocksForGyroUnits { self.layout.settleGyroUnits() }
    }

    /// Looks at the next buffered line; false when it is a bad row (which the reader reports
    /// when it replays the line).
    mutating func add(_ line: [UInt8]) -> Bool {
        if LayoutDetector.isBlank(line) { return true }
        guard let row = try? LayoutDetector.decode(probe, line) else { return false }
        accs.append(row.acc)
        gyrs.append(row.gyr)
        if accs.count >= LayoutDetector.maxLines { endBlock() }
        return true
    }

    /// Weighs the rows of the current block, however few (at the end of the input): a block that
    /// turns beyond any gyroscope's rad/s settles deg/s; one that moves (SD of |a| at least
    /// `motionSDg`) adds its ratio, and enough of them settle the units.
    mutating func endBlock() {
        if !settled, !accs.isEmpty {
            let evidence = LayoutDetector.gyroEvidence(accs: accs, gyrs: gyrs, accScale: layout.accUnits.toSI)
            if evidence.p99 > AngularRateUnits.fullScaleRadiansPerSecond {
                layout.gyroUnits = .degreesPerSecond
                layout.gyroUnitsAwaitMotion = false
            } else if evidence.accSDg >= LayoutDetector.motionSDg {
                layout.gyroMovingRatios.append(evidence.ratio)
                if layout.gyroMovingRatios.count >= LayoutDetector.movingBlocksForGyroUnits { layout.settleGyroUnits() }
            }
        }
        accs.removeAll(keepingCapacity: true)
        gyrs.removeAll(keepingCapacity: true)
    }

    /// Decides on what was seen (`Layout.settleGyroUnits`): the buffer is full or the input ended.
    mutating func conclude() { layout.settleGyroUnits() }
}

extension Layout {
    /// Ends a wait for the angular-rate units (`gyroUnitsAwaitMotion`): the moving blocks' median
    /// ratio decides where any moved, else the still rows' rule already in `gyroUnits` stands.
    /// Nothing to do where the units were not awaited.
    mutating func settleGyroUnits() {
        guard gyroUnitsAwaitMotion else { return }
        if let units = LayoutDetector.unitsOfMovingRatios(gyroMovingRatios) { gyroUnits = units }
        gyroUnitsAwaitMotion = false
    }
}
