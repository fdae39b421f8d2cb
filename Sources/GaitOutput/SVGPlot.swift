#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GaitCore

/// One plot against time, drawn as inline SVG: axes with tick labels and units, light grid lines,
/// a legend, shaded time spans (turns) under the data, and series of dots or horizontal segments.
/// Series arrive already thinned (`MinMaxThinning`); this type only draws. No scripts, fonts or
/// links: the SVG is plain XML inside the page.
struct SVGPlot {
    enum Marks {
        /// One dot per point.
        case points(x: [Double], y: [Double])
        /// One horizontal segment per item, from `x0` to `x1` at `y` (a bout and its value).
        case segments(x0: [Double], x1: [Double], y: [Double])

        var yValues: [Double] {
            switch self {
            case .points(_, let y), .segments(_, _, let y): return y
            }
        }
    }

    struct Series {
        var label: String
        /// A CSS colour, written by this module (never taken from input).
        var colour: String
        var marks: Marks
    }

    /// Said to screen readers and shown as a tooltip.
    var title: String
    /// The y axis with its unit, e.g. "step time (s)".
    var yLabel: String
    /// The time axis, in seconds from the first sample.
    var xDomain: ClosedRange<Double>
    var series: [Series]
    /// Time spans shaded behind the data (turns), and their legend label.
    var spans: [(start: Double, end: Double)] = []
    private static let spanLabel = "turn"

    static let width = 760.0, height = 250.0
    private static let left = 64.0, right = 12.0, top = 30.0, bottom = 40.0
    private var plotWidth: Double { Self.width - Self.left - Self.right }
    private var plotHeight: Double { Self.height - Self.top - Self.bottom }

    var svg: String {
        let time = TimeAxis(spanS: xDomain.upperBound - xDomain.lowerBound)
        let yDomain = Self.paddedDomain(series.flatMap(\.marks.yValues))
        let px = { (t: Double) -> Double in
            Self.left + (t - self.xDomain.lowerBound) / (self.xDomain.upperBound - self.xDomain.lowerBound) * self.plotWidth
        }
        let py = { (v: Double) -> Double in
            Self.top + (yDomain.upperBound - v) / (yDomain.upperBound - yDomain.lowerBound) * self.plotHeight
        }
        var grid = "", ticks = "", labels = ""
        for v in Self.ticks(yDomain.lowerBound, yDomain.upperBound, target: 5) {
            let y = f(py(v.value))
            grid += "<line x1=\"\(f(Self.left))\" x2=\"\(f(Self.left + plotWidth))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            labels += "<text x=\"\(f(Self.left - 6))\" y=\"\(y)\" text-anchor=\"end\" dy=\"0.32em\">\(v.label)</text>"
        }
        let yBase = Self.top + plotHeight
        for v in Self.ticks(xDomain.lowerBound / time.seconds, xDomain.upperBound / time.seconds, target: 8) {
            let x = f(px(v.value * time.seconds))
            ticks += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(f(yBase))\" y2=\"\(f(yBase + 4))\"/>"
            labels += "<text x=\"\(x)\" y=\"\(f(yBase + 16))\" text-anchor=\"middle\">\(v.label)</text>"
        }
        // Styles are presentation attributes, so the SVG draws the same taken out of the page.
        var out = "<svg class=\"plot\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" width=\"\(Int(Self.width))\" "
        out += "height=\"\(Int(Self.height))\" role=\"img\" aria-label=\"\(ReportFormat.escape(title))\" "
        out += "font-family=\"sans-serif\" font-size=\"11\"><title>\(ReportFormat.escape(title))</title>"
        out += "<rect x=\"\(f(Self.left))\" y=\"\(f(Self.top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" "
        out += "fill=\"#fff\" stroke=\"#bbb\"/>"
        out += "<g \(Self.spanStyle)>\(shadedSpans(px))</g>"
        out += "<g stroke=\"#e6e6e6\">\(grid)</g><g stroke=\"#999\">\(ticks)</g><g fill=\"#444\">\(labels)"
        out += "<text x=\"\(f(Self.left + plotWidth / 2))\" y=\"\(f(Self.height - 4))\" text-anchor=\"middle\" font-size=\"12\">"
        out += "time (\(time.unit))</text>"
        out += "<text transform=\"translate(14 \(f(Self.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" "
        out += "font-size=\"12\">\(ReportFormat.escape(yLabel))</text></g>"
        for s in series { out += marks(s, px, py) }
        out += legend()
        out += "</svg>"
        return out
    }

    /// Styles of the data marks, as attributes so the SVG draws the same taken out of the page.
    private static let dotStyle = "fill=\"none\" stroke-width=\"4\" stroke-linecap=\"round\""
    private static let spanStyle = "fill=\"#ccc\" fill-opacity=\"0.6\""
    private static let segmentStyle = "fill=\"none\" stroke-width=\"3\" stroke-linecap=\"round\""

    /// Dots as zero-length round-capped path segments (a few bytes each, unlike `<circle>`);
    /// segments as horizontal lines.
    private func marks(_ s: Series, _ px: (Double) -> Double, _ py: (Double) -> Double) -> String {
        var d = ""
        switch s.marks {
        case .points(let x, let y):
            for i in x.indices { d += "M\(f(px(x[i]))) \(f(py(y[i])))h0" }
            return "<path \(Self.dotStyle) stroke=\"\(s.colour)\" d=\"\(d)\"/>"
        case .segments(let x0, let x1, let y):
            for i in x0.indices { d += "M\(f(px(x0[i]))) \(f(py(y[i])))H\(f(px(x1[i])))" }
            return "<path \(Self.segmentStyle) stroke=\"\(s.colour)\" d=\"\(d)\"/>"
        }
    }

    /// Spans clipped to the axis and merged where less than a pixel apart, so a day of turns
    /// draws as at most one rectangle per two pixels of width; each is at least a pixel wide.
    private func shadedSpans(_ px: (Double) -> Double) -> String {
        var merged: [(Double, Double)] = []
        for span in spans.sorted(by: { $0.start < $1.start }) {
            let a = max(px(max(span.start, xDomain.lowerBound)), Self.left)
            let b = min(max(px(min(span.end, xDomain.upperBound)), a + 1), Self.left + plotWidth)
            guard span.end >= xDomain.lowerBound, span.start <= xDomain.upperBound, a < b else { continue }
            if let last = merged.last, a <= last.1 + 1 { merged[merged.count - 1].1 = max(last.1, b) } else { merged.append((a, b)) }
        }
        return merged.map { a, b in
            "<rect x=\"\(f(a))\" y=\"\(f(Self.top))\" width=\"\(f(b - a))\" height=\"\(f(plotHeight))\"/>"
        }.joined()
    }

    private func legend() -> String {
        var out = "", x = Self.left
        let y = Self.top - 12
        for s in series {
            switch s.marks {
            case .points: out += "<path \(Self.dotStyle) stroke=\"\(s.colour)\" d=\"M\(f(x + 5)) \(f(y))h0\"/>"
            case .segments: out += "<path \(Self.segmentStyle) stroke=\"\(s.colour)\" d=\"M\(f(x)) \(f(y))h10\"/>"
            }
            out += "<text fill=\"#444\" x=\"\(f(x + 15))\" y=\"\(f(y))\" dy=\"0.32em\">\(ReportFormat.escape(s.label))</text>"
            x += 30 + 6.5 * Double(s.label.count)
        }
        if !spans.isEmpty {
            out += "<rect \(Self.spanStyle) x=\"\(f(x))\" y=\"\(f(y - 5))\" width=\"10\" height=\"10\"/>"
            out += "<text fill=\"#444\" x=\"\(f(x + 15))\" y=\"\(f(y))\" dy=\"0.32em\">\(ReportFormat.escape(Self.spanLabel))</text>"
        }
        return out
    }

    /// The data range with a margin; a single value gets a range around it.
    static func paddedDomain(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        let pad = hi > lo ? 0.06 * (hi - lo) : max(0.05 * abs(lo), 0.5)
        return (lo - pad)...(hi + pad)
    }

    /// Tick values at 1, 2 or 5 × 10^k inside [lo, hi], about `target` of them, with labels
    /// that carry just the decimals the step needs.
    static func ticks(_ lo: Double, _ hi: Double, target: Int) -> [(value: Double, label: String)] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [] }
        let raw = (hi - lo) / Double(max(target, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        let step = (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * magnitude
        let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
        var out: [(Double, String)] = []
        var k = (lo / step).rounded(.up)
        while k * step <= hi + step * 1e-9 {
            let v = k * step
            out.append((v, (abs(v) < step * 1e-9 ? 0 : v).fixed(decimals)))
            k += 1
        }
        return out
    }

    /// Coordinates with one decimal: a tenth of a pixel is finer than any screen shows.
    private func f(_ v: Double) -> String { v.fixed(1) }
}

/// The unit of the time axis: seconds for short recordings, minutes, then hours for long ones,
/// so tick labels stay short.
struct TimeAxis {
    let unit: String
    let seconds: Double

    init(spanS: Double) {
        switch spanS {
        case ..<(15 * 60): (unit, seconds) = ("s", 1)
        case ..<(5 * 3600): (unit, seconds) = ("min", 60)
        default: (unit, seconds) = ("h", 3600)
        }
    }
}
