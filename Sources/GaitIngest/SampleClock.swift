import GaitCore

/// Places each row in time: seconds from the first sample of the recording, and a position on the
/// sample grid (t · rate; exact integers for counters and row numbers). Drops rows whose time
/// repeats (duplicates) or goes back (backward), counting both.
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

    init(format: TimeFormat, rate: SamplingRate) {
        self.format = format
        self.rate = rate.hz
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
            return placeInteger(raw, exactTicks: false)
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
