import GaitCore

/// The plots of one recording, drawn from its `gait.analysis/1` document: step time and step
/// length per step (left and right apart), and cadence and speed per bout, with turns shaded on
/// the time axis. Each series is thinned to at most `maxPointsPerSeries` points, and the caption
/// under each plot says how many were drawn of how many.
enum ReportPlots {
    static let maxPointsPerSeries = 2000

    /// Colours of the sides (Okabe–Ito blue and vermillion, told apart with any colour vision)
    /// and of steps without a side and of per-bout values.
    static let leftColour = "#0072B2", rightColour = "#D55E00", otherColour = "#777777", boutColour = "#009E73"

    /// A per-step quantity: (contact time, value) by side.
    private struct SideSeries {
        var left: (x: [Double], y: [Double]) = ([], [])
        var right: (x: [Double], y: [Double]) = ([], [])
        var other: (x: [Double], y: [Double]) = ([], [])
        var count: Int { left.x.count + right.x.count + other.x.count }

        mutating func add(_ side: String?, _ x: Double, _ y: Double) {
            switch side {
            case "L": left.x.append(x); left.y.append(y)
            case "R": right.x.append(x); right.y.append(y)
            default: other.x.append(x); other.y.append(y)
            }
        }
    }

    /// The plots' HTML: each a figure with its SVG and caption, or a plain note where there is
    /// nothing to draw.
    static func html(_ document: JSONValue) -> String {
        var stepTime = SideSeries(), stepLength = SideSeries()
        var extent: (lo: Double, hi: Double)?
        func widen(_ t: Double) { extent = (min(extent?.lo ?? t, t), max(extent?.hi ?? t, t)) }
        for step in document["steps"]?.arrayValue ?? [] {
            guard let ic = step["ic_s"]?.doubleValue else { continue }
            widen(ic)
            let side = step["side"]?.stringValue
            if let t = step["step_time_s"]?.doubleValue { stepTime.add(side, ic, t) }
            if let l = step["step_length_m"]?.doubleValue { stepLength.add(side, ic, l) }
        }
        let bouts = (document["bouts"]?.arrayValue ?? []).compactMap { b -> (start: Double, end: Double, bout: JSONValue)? in
            guard let s = b["start_s"]?.doubleValue, let e = b["end_s"]?.doubleValue else { return nil }
            widen(s)
            widen(e)
            return (s, e, b)
        }
        let turnsValue = document["turns"]
        let turns = (turnsValue?.arrayValue ?? []).compactMap { t -> (start: Double, end: Double)? in
            guard let s = t["start_s"]?.doubleValue, let e = t["end_s"]?.doubleValue, e >= s else { return nil }
            return (s, e)
        }
        let duration = document["input"]?["duration_s"]?.doubleValue
        let domain: ClosedRange<Double>? = {
            if let duration, duration > 0 { return 0...max(duration, extent?.hi ?? 0) }
            if let extent, extent.hi > extent.lo { return extent.lo...extent.hi }
            return nil
        }()
        var out = "<p class=\"turns-note\">\(turnsNote(turnsValue, turns.count))</p>"
        out += stepPlot(stepTime, "Step time per step", "step time (s)", "step time", domain, turns)
        out += stepPlot(stepLength, "Step length per step", "step length (m)", "step length", domain, turns)
        out += boutPlot(bouts, "cadence_spm", "Cadence per bout", "cadence (steps/min)", domain, turns)
        out += boutPlot(bouts, "speed_mps", "Speed per bout", "speed (m/s)", domain, turns)
        return out
    }

    private static func turnsNote(_ value: JSONValue?, _ count: Int) -> String {
        guard let value, value.arrayValue != nil else { return "Turns were not assessed (no gyroscope): none are shaded." }
        return count == 0 ? "No turns were found." : "Turns (\(count)) are shaded grey on the time axis of every plot."
    }

    private static func stepPlot(_ data: SideSeries, _ title: String, _ yLabel: String, _ what: String,
                                 _ domain: ClosedRange<Double>?, _ turns: [(start: Double, end: Double)]) -> String {
        guard data.count > 0, let domain else { return noData(title, "no step in this recording has a \(what).") }
        var series: [SVGPlot.Series] = []
        var drawn = 0, thinned = false
        for (label, colour, xy) in [("left", leftColour, data.left), ("right", rightColour, data.right),
                                    ("side unknown", otherColour, data.other)] where !xy.x.isEmpty {
            let kept = MinMaxThinning.indices(x: xy.x, y: xy.y, maxPoints: maxPointsPerSeries)
            drawn += kept.count
            thinned = thinned || kept.count < xy.x.count
            series.append(.init(label: "\(label) (\(xy.x.count))", colour: colour,
                                marks: .points(x: kept.map { xy.x[$0] }, y: kept.map { xy.y[$0] })))
        }
        var caption = "One dot per step, at its initial contact, by the side of the foot making the contact: "
        caption += "\(data.count) steps with a \(what) (left \(data.left.x.count), right \(data.right.x.count)"
        caption += data.other.x.isEmpty ? ")." : ", side unknown \(data.other.x.count))."
        if thinned { caption += thinningNote(drawn: drawn, of: data.count) }
        let plot = SVGPlot(title: title, yLabel: yLabel, xDomain: domain, series: series, spans: turns)
        return figure(title, plot, caption)
    }

    private static func boutPlot(_ bouts: [(start: Double, end: Double, bout: JSONValue)], _ key: String, _ title: String,
                                 _ yLabel: String, _ domain: ClosedRange<Double>?, _ turns: [(start: Double, end: Double)]) -> String {
        let valued = bouts.compactMap { b in b.bout[key]?.doubleValue.map { (start: b.start, end: b.end, value: $0, bout: b.bout) } }
        guard !valued.isEmpty, let domain else {
            return noData(title, bouts.isEmpty ? "no walking bouts were found." : "no bout has a value.")
        }
        // Bouts the summary leaves out as possibly not walking (vibration) are drawn apart, in grey.
        let isNoted = { (b: (start: Double, end: Double, value: Double, bout: JSONValue)) in
            b.bout["possibly_not_walking"]?.boolValue == true
        }
        var series: [SVGPlot.Series] = []
        var drawn = 0
        for (noted, label, colour) in [(false, "bout", boutColour), (true, "possibly not walking", otherColour)] {
            let part = valued.filter { isNoted($0) == noted }
            guard !part.isEmpty else { continue }
            let kept = MinMaxThinning.indices(x: part.map { 0.5 * ($0.start + $0.end) }, y: part.map(\.value),
                                              maxPoints: maxPointsPerSeries)
            drawn += kept.count
            series.append(.init(label: "\(label) (\(part.count))", colour: colour,
                                marks: .segments(x0: kept.map { part[$0].start }, x1: kept.map { part[$0].end },
                                                 y: kept.map { part[$0].value })))
        }
        var caption = "One line per walking bout, from its start to its end, at the bout's value: \(valued.count) bout\(valued.count == 1 ? "" : "s")."
        let noted = valued.count(where: isNoted)
        if noted > 0 {
            caption += " In grey, \(noted) that may not be walking (vibration; left out of the summary and the flags)."
        }
        if drawn < valued.count { caption += thinningNote(drawn: drawn, of: valued.count) }
        let plot = SVGPlot(title: title, yLabel: yLabel, xDomain: domain, series: series, spans: turns)
        return figure(title, plot, caption)
    }

    private static func thinningNote(drawn: Int, of total: Int) -> String {
        " Thinned for size: each series is drawn as its lowest and highest value in each of \(maxPointsPerSeries / 2) "
            + "equal time bins, so extremes are kept (\(drawn) of \(total) points drawn)."
    }

    private static func figure(_ title: String, _ plot: SVGPlot, _ caption: String) -> String {
        "<figure><h4>\(title)</h4>\(plot.svg)<figcaption>\(caption)</figcaption></figure>\n"
    }

    private static func noData(_ title: String, _ why: String) -> String {
        "<figure class=\"nodata\"><h4>\(title)</h4><p>No data to plot: \(why)</p></figure>\n"
    }
}
