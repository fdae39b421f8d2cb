import GaitCore

/// Facts read from the lines before the header (`Acquisition frequency: 100 Hz`, ActiGraph's
/// `--- ... at 30 Hz ---`, `Sample Rate: 100 Hz`, `sampling_rate=100`, `Fs = 128`).
enum PreambleMetadata {
    /// Words after which a number is a sampling rate, matched as whole words (`fs` is not `offset`).
    private static let rateKeys = ["sampling frequency", "acquisition frequency", "sample frequency", "frequency",
                                   "samplerate", "sample rate", "sampling rate", "sample_rate", "sampling_rate",
                                   "rate", "freq", "fs", "hz"]

    /// The sampling rate a preamble line states, in hertz, or nil.
    ///
    /// A number directly followed by `Hz` wins (`... at 30 Hz`); otherwise a number right after a
    /// rate word and separators (`:`, `=`, spaces, brackets, a `Hz` unit) is taken. Only rates in
    /// (0, `SamplingRate.maximumHz`] are accepted.
    static func rate(in line: String) -> Double? {
        let bytes = Array(line.lowercased().utf8)
        if let hz = numberBeforeHz(bytes) { return hz }
        for key in rateKeys {
            let k = Array(key.utf8)
            var from = 0
            while let at = find(k, in: bytes, from: from) {
                from = at + 1
                let before = at == 0 ? UInt8(ascii: " ") : bytes[at - 1]
                guard !isLetter(before) else { continue }
                var i = at + k.count
                guard i >= bytes.count || !isLetter(bytes[i]) else { continue }
                while i < bytes.count {
                    let c = bytes[i]
                    if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: ":") || c == UInt8(ascii: "=")
                        || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
                        || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "\"") {
                        i += 1
                    } else if c == UInt8(ascii: "h") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "z") {
                        i += 2
                    } else {
                        break
                    }
                }
                if let (value, _) = number(bytes, at: i), plausible(value) { return value }
            }
        }
        return nil
    }

    /// Whether a line states a day-first date format (`date format d/M/yyyy`), a month-first one
    /// (`M/d/yyyy`), or neither (nil).
    static func dayFirst(in line: String) -> Bool? {
        let lower = line.lowercased()
        guard lower.contains("date format") else { return nil }
        if lower.contains("d/m/y") || lower.contains("dd/mm/y") { return true }
        if lower.contains("m/d/y") || lower.contains("mm/dd/y") { return false }
        return nil
    }

    private static func numberBeforeHz(_ bytes: [UInt8]) -> Double? {
        var i = 0
        while i < bytes.count {
            if isDigit(bytes[i]) && i > 0 && (isLetter(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: ".")) {
                // Part of a word or version (`GT3X`, `v6.13.4`): skip the whole run.
                while i < bytes.count && (isDigit(bytes[i]) || bytes[i] == UInt8(ascii: ".")) { i += 1 }
                continue
            }
            if isDigit(bytes[i]) {
                if let (value, end) = number(bytes, at: i) {
                    var j = end
                    while j < bytes.count && bytes[j] == UInt8(ascii: " ") { j += 1 }
                    if j + 1 < bytes.count, bytes[j] == UInt8(ascii: "h"), bytes[j + 1] == UInt8(ascii: "z"),
                       j + 2 >= bytes.count || !isLetter(bytes[j + 2]), plausible(value) {
                        return value
                    }
                    i = end
                    continue
                }
            }
            i += 1
        }
        return nil
    }

    /// A plain decimal `digits[.digits]` at `i`, and the index after it.
    private static func number(_ bytes: [UInt8], at i: Int) -> (Double, Int)? {
        var j = i
        while j < bytes.count && isDigit(bytes[j]) { j += 1 }
        guard j > i else { return nil }
        if j + 1 < bytes.count && bytes[j] == UInt8(ascii: ".") && isDigit(bytes[j + 1]) {
            j += 1
            while j < bytes.count && isDigit(bytes[j]) { j += 1 }
        }
        let value = bytes.withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, i, j) }
        return value.map { ($0, j) }
    }

    private static func plausible(_ hz: Double) -> Bool { hz > 0 && hz <= SamplingRate.maximumHz }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
