import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// A line chart rendered as SVG by hand (no dependencies, no scripts): axes with units, optional
/// log scales, one `<g class="series">` per line, and a legend. Pure: the same input gives the same bytes.
public struct LineChart: Sendable {
    public enum Scale: Sendable { case linear, log }

    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        /// Per x: the 95% CI of the point's median and the trials behind it, drawn as an error bar
        /// and named in the tooltip. Points without one had a single trial.
        public var intervals: [Double: (low: Double, high: Double, trials: Int)]
        public init(
            name: String, points: [(x: Double, y: Double)],
            intervals: [Double: (low: Double, high: Double, trials: Int)] = [:]
        ) {
            self.name = name
            self.points = points
            self.intervals = intervals
        }
    }

    public var id: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xScale: Scale
    public var yScale: Scale
    /// Tick positions on x; nil picks them from the scale.
    public var xTicks: [Double]?
    public var formatX: @Sendable (Double) -> String
    public var formatY: @Sendable (Double) -> String
    public var series: [Series]

    public var width = 620.0
    public var height = 380.0
    package let plotLeft = 74.0
    package let legendWidth = 140.0
    package let plotTop = 42.0
    package let plotBottomMargin = 52.0

    public init(
        id: String, title: String, xLabel: String, yLabel: String, xScale: Scale, yScale: Scale,
        xTicks: [Double]? = nil, formatX: @escaping @Sendable (Double) -> String,
        formatY: @escaping @Sendable (Double) -> String, series: [Series]
    ) {
        self.id = id
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.xTicks = xTicks
        self.formatX = formatX
        self.formatY = formatY
        self.series = series
    }

    /// Colour-blind-safe palette (Okabe–Ito, then Tableau) in registry order, so a strategy keeps its colour.
    package static let palette = [
        "#000000", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#999933", "#882255",
    ]
    package static let dashes = ["", "6 3", "", "2 3", "", "8 3 2 3", "", "4 4", ""]

    /// `standalone` adds the XML declaration and namespace a file on its own needs.
    public func svg(standalone: Bool = false) -> String {
        let plotRight = width - legendWidth - 16
        let plotBottom = height - plotBottomMargin
        let visible = series.map { s in s.points.filter { accepts($0.x, xScale) && accepts($0.y, yScale) } }
        let xs = visible.flatMap { $0.map(\.x) }
        let ys = visible.flatMap { $0.map(\.y) }
        var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        out +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(escape(id))\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        out += "width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"Helvetica, Arial, sans-serif\" "
        out += "font-size=\"12\" role=\"img\" aria-label=\"\(escape(title))\">\n"
        out += "<title>\(escape(title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"\(n(plotLeft))\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>\n"
        guard let xRange = range(xs, xScale), let yRange = range(ys, yScale) else {
            out += "<text x=\"\(n(width / 2))\" y=\"\(n(height / 2))\" text-anchor=\"middle\" fill=\"#666\">"
            out += "no data</text>\n</svg>\n"
            return out
        }
        let xAxis = Axis(scale: xScale, range: xRange, from: plotLeft, to: plotRight)
        let yAxis = Axis(scale: yScale, range: yRange, from: plotBottom, to: plotTop)

        // Grid and tick labels.
        out += "<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">\n"
        let yTicks = yAxis.ticks()
        for tick in yTicks {
            out += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(yAxis.map(tick)))\" x2=\"\(n(plotRight))\" "
            out += "y2=\"\(n(yAxis.map(tick)))\"/>\n"
        }
        let xTickValues = (xTicks ?? xAxis.ticks()).filter { $0 >= xRange.0 && $0 <= xRange.1 }
        for tick in xTickValues {
            out += "<line x1=\"\(n(xAxis.map(tick)))\" y1=\"\(n(plotTop))\" x2=\"\(n(xAxis.map(tick)))\" "
            out += "y2=\"\(n(plotBottom))\"/>\n"
        }
        out += "</g>\n<g class=\"axes\" fill=\"#333\">\n"
        out +=
            "<line x1=\"\(n(plotLeft))\" y1=\"\(n(plotBottom))\" x2=\"\(n(plotRight))\" y2=\"\(n(plotBottom))\" stroke=\"#333\"/>\n"
        out +=
            "<line x1=\"\(n(plotLeft))\" y1=\"\(n(plotTop))\" x2=\"\(n(plotLeft))\" y2=\"\(n(plotBottom))\" stroke=\"#333\"/>\n"
        for tick in yTicks {
            out += "<text x=\"\(n(plotLeft - 6))\" y=\"\(n(yAxis.map(tick) + 4))\" text-anchor=\"end\">"
            out += "\(escape(formatY(tick)))</text>\n"
        }
        for tick in xTickValues {
            out += "<text x=\"\(n(xAxis.map(tick)))\" y=\"\(n(plotBottom + 16))\" text-anchor=\"middle\">"
            out += "\(escape(formatX(tick)))</text>\n"
        }
        let xTitle = xLabel + (xScale == .log ? " (log scale)" : "")
        let yTitle = yLabel + (yScale == .log ? " (log scale)" : "")
        out += "<text x=\"\(n((plotLeft + plotRight) / 2))\" y=\"\(n(height - 12))\" text-anchor=\"middle\">"
        out += "\(escape(xTitle))</text>\n"
        out += "<text transform=\"translate(14 \(n((plotTop + plotBottom) / 2))) rotate(-90)\" text-anchor=\"middle\">"
        out += "\(escape(yTitle))</text>\n</g>\n"

        // One group per series, then the legend.
        for (index, points) in visible.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let dash = Self.dashes[index % Self.dashes.count]
            let name = escape(series[index].name)
            out += "<g class=\"series\" data-series=\"\(name)\" stroke=\"\(color)\" fill=\"\(color)\">\n"
            let sorted = points.sorted { $0.x < $1.x }
            let path = sorted.map { "\(n(xAxis.map($0.x))),\(n(yAxis.map($0.y)))" }.joined(separator: " ")
            out += "<polyline points=\"\(path)\" fill=\"none\" stroke-width=\"2\""
            out += dash.isEmpty ? "/>\n" : " stroke-dasharray=\"\(dash)\"/>\n"
            for point in sorted {
                let interval = series[index].intervals[point.x]
                if let interval, accepts(interval.low, yScale), accepts(interval.high, yScale) {
                    // The error bar: the CI of the median across trials, with caps.
                    let x = n(xAxis.map(point.x))
                    let (top, bottom) = (yAxis.map(interval.high), yAxis.map(interval.low))
                    out += "<path class=\"error-bar\" d=\"M\(x) \(n(top)) V\(n(bottom)) M\(n(xAxis.map(point.x) - 4)) "
                    out +=
                        "\(n(top)) h8 M\(n(xAxis.map(point.x) - 4)) \(n(bottom)) h8\" stroke-width=\"1.5\" fill=\"none\"/>\n"
                }
                let spread =
                    interval.map {
                        " [95% CI \(escape(formatY($0.low))), \(escape(formatY($0.high)))], n=\($0.trials) trials"
                    } ?? ", 1 trial"
                out += "<circle cx=\"\(n(xAxis.map(point.x)))\" cy=\"\(n(yAxis.map(point.y)))\" r=\"3\">"
                out +=
                    "<title>\(name) at \(escape(formatX(point.x))) \(escape(xLabel)): \(escape(formatY(point.y)))\(spread)"
                out += "</title></circle>\n"
            }
            out += "</g>\n"
        }
        let legendX = plotRight + 18
        out += "<g class=\"legend\">\n"
        for (index, item) in series.enumerated() {
            let y = plotTop + 8 + Double(index) * 20
            let color = Self.palette[index % Self.palette.count]
            let dash = Self.dashes[index % Self.dashes.count]
            out += "<line x1=\"\(n(legendX))\" y1=\"\(n(y))\" x2=\"\(n(legendX + 24))\" y2=\"\(n(y))\" "
            out += "stroke=\"\(color)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>\n"
            out += "<circle cx=\"\(n(legendX + 12))\" cy=\"\(n(y))\" r=\"3\" fill=\"\(color)\"/>\n"
            out += "<text x=\"\(n(legendX + 30))\" y=\"\(n(y + 4))\">\(escape(item.name))</text>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }

    private func accepts(_ value: Double, _ scale: Scale) -> Bool { value.isFinite && (scale == .linear || value > 0) }

    private func range(_ values: [Double], _ scale: Scale) -> (Double, Double)? {
        guard var low = values.min(), var high = values.max() else { return nil }
        if scale == .linear { low = min(low, 0) }
        if high == low { high = scale == .log ? low * 10 : low + 1 }
        return (low, high)
    }

    private func n(_ value: Double) -> String { String(format: "%.1f", value) }

    package func escape(_ text: String) -> String { Escaping.html(text) }
}
