import GaitCore

/// The human-readable form of a result (`--format text`): what was read, the summary, bouts,
/// flags with their evidence, and the research disclaimer.
public enum TextReport {
    public static func render(_ r: AnalysisResult) -> String {
        var out = "GaitKit analysis of \(r.input.path)\n"
        let i = r.input
        out += "Input: \(i.rows) rows, \(fmt(i.samplingRateHz, 3)) Hz (\(i.rateSource)), \(fmt(i.durationS, 1)) s, "
        out += "delimiter \(i.delimiter.debugDescription), acceleration in \(i.accUnits) (\(i.accUnitsSource))"
        if let g = i.gyroUnits { out += ", gyroscope in \(g) (\(i.gyroUnitsSource ?? ""))" }
        out += "\n"
        if !i.gaps.isEmpty {
            let split = i.gaps.filter { !$0.bridged }.count
            out += "Gaps: \(i.gaps.count) (\(i.gaps.count - split) bridged, \(split) split the recording into \(i.segments) segments)\n"
        }
        if i.badRowsSkipped > 0 { out += "Bad rows skipped: \(i.badRowsSkipped)\n" }
        for note in r.notes { out += "Note: \(note)\n" }
        let s = r.summary, m = s.measures
        out += "\nSummary: \(m.nSteps) steps in \(s.nBouts) bouts, \(fmt(s.walkingTimeS, 1)) s walking\n"
        out += line("Cadence", m.cadenceSpm, "steps/min", 1)
        out += line("Cadence from spectrum", m.spectralCadenceSpm, "steps/min", 1)
        out += line("Step time", m.stepTimeS, "s", 3)
        out += line("Step length", m.stepLengthM, "m", 3)
        out += line("Stride length", m.strideLengthM, "m", 3)
        out += line("Speed", m.speedMps, "m/s", 2)
        out += asym("Step-time asymmetry", m.stepTimeAsymmetry)
        out += asym("Step-length asymmetry", m.stepLengthAsymmetry)
        out += line("Stride-time CV", m.strideTimeCVPct, "%", 1)
        out += line("Step regularity (V)", m.stepRegularityV, "", 2)
        out += line("Stride regularity (V)", m.strideRegularityV, "", 2)
        out += line("Autocorrelation symmetry (V)", m.autocorrelationSymmetryV, "", 2)
        out += line("Harmonic ratio (V)", m.harmonicRatioV, "", 2)
        if !r.bouts.isEmpty {
            out += "\nBouts:\n"
            for b in r.bouts {
                out += "  #\(b.index) \(fmt(b.startS, 2))–\(fmt(b.endS, 2)) s: \(b.measures.nSteps) steps"
                if let c = b.measures.cadenceSpm { out += ", \(fmt(c, 1)) steps/min" }
                if let v = b.measures.speedMps { out += ", \(fmt(v, 2)) m/s" }
                if b.measures.isUnlikeWalking { out += "; may not be walking (not in the summary)" }
                out += "\n"
            }
        }
        out += turns(r.turns)
        out += "\nFlags: "
        if r.flags.isEmpty { out += "none\n" } else {
            out += "\(r.flags.count)\n"
            for f in r.flags {
                out += "  \(f.pattern)\(f.side.map { " (\($0.rawValue))" } ?? "")\(f.experimental ? " [experimental]" : ""): "
                out += "score \(fmt(f.score, 2)), confidence \(fmt(f.confidence, 2))\n"
                for e in f.evidence { out += "    \(e.metric) = \(fmt(e.value, 3)); reference \(e.reference) [\(e.source)]\n" }
            }
        }
        out += researchDisclaimer + "\n"
        return out
    }

    /// One line per turn; says so when turns were not assessed.
    private static func turns(_ turns: [Turn]?) -> String {
        guard let turns else { return "\nTurns: not assessed (no gyroscope)\n" }
        guard !turns.isEmpty else { return "\nTurns: none\n" }
        var out = "\nTurns:\n"
        for t in turns {
            out += "  \(fmt(t.startS, 2))–\(fmt(t.endS, 2)) s: \(fmt(abs(t.angleDeg), 0))° \(t.angleDeg > 0 ? "left" : "right"), "
            out += "peak \(fmt(t.peakAngularVelocityDegps, 0)) deg/s, \(t.nSteps) steps\n"
        }
        return out
    }

    private static func line(_ name: String, _ v: Double?, _ unit: String, _ d: Int) -> String {
        guard let v else { return "" }
        return "  \(name): \(fmt(v, d))\(unit.isEmpty ? "" : " " + unit)\n"
    }

    private static func asym(_ name: String, _ a: Asymmetry?) -> String {
        guard let a else { return "" }
        let side = a.longerSide.map { ", longer on \($0 == .left ? "left" : "right")" } ?? ", within measurement error"
        return "  \(name): \(fmt(a.pct, 1)) % (L/R \(fmt(a.ratio, 3))\(side))\n"
    }

    static func fmt(_ v: Double, _ d: Int) -> String { v.fixed(d) }
}
