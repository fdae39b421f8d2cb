import GaitCore

/// Text helpers of the HTML report: escaping, numbers, durations, and readable names and units
/// for the serialized field names (derived from their unit suffixes, docs/output.md).
enum ReportFormat {
    /// Text safe inside HTML and SVG (XML) elements and quoted attributes. Control characters
    /// other than tab and line breaks, which neither HTML nor XML allows, become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F..<0xA0).contains(u.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// A number with `decimals` places; "–" for nil (not available).
    static func number(_ v: Double?, _ decimals: Int) -> String {
        guard let v, v.isFinite else { return notAvailable }
        return v.fixed(decimals)
    }

    /// What the report prints for a missing (null) value.
    static let notAvailable = "–"

    /// A duration in seconds as people read it: "52.6 s", "14 min 05 s", "3 h 12 min".
    static func duration(_ s: Double?) -> String {
        guard let s, s.isFinite, s >= 0 else { return notAvailable }
        if s < 120 { return "\(s.fixed(1)) s" }
        let whole = Int(s.rounded())
        if whole < 7200 { return "\(whole / 60) min \(twoDigits(whole % 60)) s" }
        let minutes = Int((s / 60).rounded())
        return "\(minutes / 60) h \(twoDigits(minutes % 60)) min"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A unit suffix of the serialized names, its printed unit and the decimals that suit it.
    private static let units: [(suffix: String, unit: String, decimals: Int)] = [
        ("_mps2", "m/s²", 2), ("_degps", "deg/s", 0), ("_mps", "m/s", 2), ("_spm", "steps/min", 1),
        ("_pct", "%", 1), ("_years", "years", 0), ("_deg", "°", 1), ("_hz", "Hz", 2), ("_s", "s", 3), ("_m", "m", 3),
    ]

    /// Words of field names printed otherwise than as written.
    private static let words: [String: String] = [
        "n": "number of", "v": "V", "ap": "AP", "ml": "ML", "cv": "CV", "rms": "RMS", "acc": "acceleration",
    ]

    /// A readable label, the unit and decimals for a serialized field name:
    /// `step_time_asymmetry_pct` → ("Step time asymmetry", "%", 1). Names without a unit suffix
    /// are dimensionless (ratios, regularities, counts).
    static func field(_ name: String) -> (label: String, unit: String, decimals: Int) {
        var stem = Substring(name), unit = "", decimals = 3
        if let u = units.first(where: { name.hasSuffix($0.suffix) }) {
            stem = name.dropLast(u.suffix.count)
            unit = u.unit
            decimals = u.decimals
        }
        // Counts: n_steps, n_bouts, giving_way_candidates, ...
        if unit.isEmpty && (name.hasPrefix("n_") || name.contains("candidates")) { decimals = 0 }
        let label = stem.split(separator: "_").map { words[String($0)] ?? String($0) }.joined(separator: " ")
        return (label.prefix(1).uppercased() + label.dropFirst(), unit, decimals)
    }

    /// A value of a document as table text: numbers with `decimals` places (a whole number
    /// written without a fraction alike), sides and other strings escaped, null as "–".
    static func value(_ v: JSONValue?, decimals: Int) -> String {
        switch v {
        case .int(let i)?: return decimals == 0 ? String(i) : number(Double(i), decimals)
        case .number(let d)?: return number(d, decimals)
        case .string(let s)?: return escape(s)
        case .bool(let b)?: return b ? "yes" : "no"
        default: return notAvailable
        }
    }
}
