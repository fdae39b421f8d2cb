extension Double {
    /// Fixed-point text with `decimals` places, rounded half away from zero; "n/a" when not
    /// finite. Used by every human-readable report (text output, validation tables). Beyond
    /// what 64-bit integers hold once scaled (|x| · 10^decimals ≥ 2^63), Swift's own shortest text.
    public func fixed(_ decimals: Int) -> String {
        guard isFinite else { return "n/a" }
        var p = 1.0
        for _ in 0..<decimals { p *= 10 }
        let r = (abs(self) * p).rounded()
        guard r < 0x1p63 else { return "\(self)" }
        let whole = (r / p).rounded(.down)
        let frac = Int(r - whole * p)
        let fracText = decimals > 0 ? "." + String(repeating: "0", count: decimals - String(frac).count) + String(frac) : ""
        return (self < 0 && r > 0 ? "-" : "") + String(Int64(whole)) + fracText
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (CSV fields, header names, options).
    public func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
