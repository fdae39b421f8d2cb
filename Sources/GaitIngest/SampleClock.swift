import GaitCore

/// Places each row in time: seconds from the first sample of the recording, and a position on the
/// sample grid (t · rate; exact integers for counters and row numbers). Drops rows whose time
/// repeats (duplicates) or goes back (backward), counting both.
///
/// A date-time column without a zone that steps back or forward by one hour at a whole hour, as a
/// local-time clock does for daylight saving time, has the step undone (`daylightSavingStep`): the
/// rows after it keep elapsed time, where the step back would otherwise drop the hour it repeats.
///
/// A 16-bit sample counter that wraps (65535 → 0, as Xsens PacketCounter does in recordings over
/// 11 minutes at 100 Hz) is unwrapped: a drop of more than 32768 from a value ≤ 65535 counts as one
/// wrap, not as a backward step.
struct SampleClock {
    let format: TimeFormat
    let rate: Double

    private var started = false
    private var firstInteger: Int64 = 0
    private var firstSeconds: Double = 0
    private var lastInteger: Int64 = 0
    private var lastSeconds: Double = 0
    private var lastRawCounter: Int64 = 0
    private var maxRawCounter: Int64 = 0
    private var wrapOffset: Int64 = 0

    private(set) var duplicates = 0
    private(set) var backward = 0
    /// The daylight-saving steps undone, in order.
    private(set) var shifts: [ClockShift] = []
    /// Nanoseconds added to the file's date-times: the sum of `shifts`.
    private var shiftNs: Int64 = 0

    init(format: TimeFormat, rate: SamplingRate) {
        self.format = format
        self.rate = rate.hz
    }

    static let hourNs: Int64 = 3_600_000_000_000

    /// The shift that undoes a daylight-saving step from `last` (the previous row's time, shifted
    /// as placed) to `value` (this row's, shifted likewise), or nil when there is none. A step is
    /// one hour back or forward, at a whole hour of the file's clock (this row within two sample
    /// intervals after it), after which the time moves on by at most two sample intervals: the
    /// clock of a logger at `rate` that changed its hour. A real pause of the recording is never
    /// exactly an hour to the sample; a step of a clock with a zone cannot happen, because the
    /// parser takes each time to UTC.
    static func daylightSavingStep(from last: Int64, to value: Int64, rate: Double) -> Int64? {
        // Rates the analysis refuses (timestamps years apart) give no step here, nor a trap.
        let slackNs = 2e9 / rate
        guard slackNs.isFinite, slackNs > 0, slackNs < Double(hourNs) / 4 else { return nil }
        let slack = Int64(slackNs.rounded(.up))
        let intoHour = ((value % hourNs) + hourNs) % hourNs
        guard intoHour <= slack else { return nil }
        for shift in [hourNs, -hourNs] {
            let advance = value &+ shift &- last
            if advance > 0 && advance <= slack { return shift }
        }
        return nil
    }

    /// Where a row goes, or nil when it is dropped (then counted). `rowIndex` numbers the data
    /// rows from 0, bad ones included; it is the time when the file has no time column.
    @inline(__always)
    mutating func place(_ time: DecodedRow.Time, rowIndex: Int64) -> (t: Double, position: Double)? {
        switch time {
        case .none:
            return placeInteger(rowIndex, exactTicks: true)
        case .integer(let raw):
            if format == .counter {
                var value = raw &+ wrapOffset
                if started && raw < lastRawCounter && lastRawCounter <= 65535 && maxRawCounter <= 65535
                    && raw >= 0 && lastRawCounter - raw > 32768 {
                    wrapOffset &+= 65536
                    value = raw &+ wrapOffset
                }
                guard let placed = placeInteger(value, exactTicks: true) else { return nil }
                lastRawCounter = raw
                maxRawCounter = Swift.max(maxRawCounter, raw)
                return placed
            }
            guard format.isWallClock, started else { return placeInteger(raw, exactTicks: false) }
            var value = raw &+ shiftNs
            // Only a step back or of more than half an hour can be one (one comparison per row).
            if value < lastInteger || value &- lastInteger > Self.hourNs / 2,
               let shift = Self.daylightSavingStep(from: lastInteger, to: value, rate: rate) {
                let before = DateTimeParser.text(lastInteger &- shiftNs)
                shiftNs &+= shift
                value &+= shift
                let placed = placeInteger(value, exactTicks: false)
                shifts.append(ClockShift(atS: placed?.t ?? .nan, shiftS: Double(shift) / 1e9,
                                         clockBefore: before, clockAfter: DateTimeParser.text(raw)))
                return placed
            }
            return placeInteger(value, exactTicks: false)
        case .seconds(let s):
            if !started {
                started = true
                firstSeconds = s
                lastSeconds = s
                return (0, 0)
            }
            if s == lastSeconds { duplicates += 1; return nil }
            if s < lastSeconds { backward += 1; return nil }
            lastSeconds = s
            let t = s - firstSeconds
            return (t, t * rate)
        }
    }

    /// Counter ticks (`exactTicks`: one tick per sample) or integer nanoseconds.
    @inline(__always)
    private mutating func placeInteger(_ value: Int64, exactTicks: Bool) -> (t: Double, position: Double)? {
        if !started {
            started = true
            firstInteger = value
            lastInteger = value
            return (0, 0)
        }
        if value == lastInteger { duplicates += 1; return nil }
        if value < lastInteger { backward += 1; return nil }
        lastInteger = value
        let relative = value &- firstInteger
        if exactTicks {
            let p = Double(relative)
            return (p / rate, p)
        }
        let t = Double(relative) / 1e9
        return (t, t * rate)
    }

    /// Counts a row the grid builder dropped because it fell on the previous sample's position.
    mutating func countDuplicate() { duplicates += 1 }
}
