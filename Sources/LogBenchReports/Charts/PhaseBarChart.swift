import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// Where each strategy's time per log goes at the headline concurrency: one horizontal bar per
/// strategy, split into phases (`Phase`) as shares of its mean latency, the mean written beside it.
/// Read from the document's summaries (median over trials of each phase's mean).
public struct PhaseBarChart: Sendable {
    public struct Bar: Sendable {
        package init(name: String, meanNs: Double, phases: [String: Double]) {
            self.name = name
            self.meanNs = meanNs
            self.phases = phases
        }

        public var name: String
        public var meanNs: Double
        /// Phase name → mean ns per log.
        public var phases: [String: Double]
    }

    public var id = "phases"
    public var title: String
    public var bars: [Bar]

    public init?(document: ResultDocument) {
        let mode = document.matrix?.mode ?? .threads
        let summaries = (document.summaries ?? []).filter { ($0.mode ?? .threads) == mode && $0.phaseMeansNs != nil }
        guard let headline = summaries.map(\.concurrency).max() else { return nil }
        let at = summaries.filter { $0.concurrency == headline }
        bars = document.designOrder(at.map(\.strategy)).compactMap { name in
            guard let summary = at.first(where: { $0.strategy == name }), let phases = summary.phaseMeansNs,
                let mean = summary.metric(.latencyMeanNs)?.median
            else { return nil }
            return Bar(name: name, meanNs: mean, phases: phases)
        }
        guard !bars.isEmpty else { return nil }
        title = "Where the time per log goes at c=\(headline) (share of mean latency)"
    }

    package static let colors = [
        "wait": "#D55E00", "read": "#56B4E9", "decode": "#0072B2", "encode": "#009E73", "write": "#E69F00",
        "commit": "#CC79A7", "schedule": "#F0E442", "other": "#BBBBBB",
    ]

    /// Legend entries per row: the legend wraps instead of running past the chart's edge.
    static let legendPerRow = 6

    public func svg(standalone: Bool = false) -> String {
        let left = 130.0
        let barWidth = 380.0
        let rowHeight = 26.0
        let top = 48.0
        let legendRows = (Phase.allCases.count + Self.legendPerRow - 1) / Self.legendPerRow
        let height = top + Double(bars.count) * rowHeight + 38 + Double(legendRows) * 18
        let width = 620.0
        func n(_ value: Double) -> String { String(format: "%.1f", value) }
        func escape(_ text: String) -> String { Escaping.html(text) }
        var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        out += "width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"Helvetica, Arial, sans-serif\" "
        out += "font-size=\"12\" role=\"img\" aria-label=\"\(escape(title))\">\n<title>\(escape(title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"16\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>\n"
        for (row, bar) in bars.enumerated() {
            let y = top + Double(row) * rowHeight
            out += "<text x=\"\(n(left - 8))\" y=\"\(n(y + 15))\" text-anchor=\"end\">\(escape(bar.name))</text>\n"
            let total = bar.phases.values.reduce(0, +)
            var x = left
            for phase in Phase.allCases {
                guard let value = bar.phases[phase.name], value > 0, total > 0 else { continue }
                let w = barWidth * value / total
                out += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(rowHeight - 6))\" "
                out += "fill=\"\(Self.colors[phase.name] ?? "#999")\"><title>\(escape(bar.name)) \(phase.name): "
                out += "\(escape(Units.duration(ns: value))) (\(String(format: "%.0f", value / total * 100)) %)"
                out += "</title></rect>\n"
                x += w
            }
            out += "<text x=\"\(n(left + barWidth + 8))\" y=\"\(n(y + 15))\">"
            out += "\(escape(Units.duration(ns: bar.meanNs)))</text>\n"
        }
        for (index, phase) in Phase.allCases.enumerated() {
            let x = 16.0 + Double(index % Self.legendPerRow) * 84
            let legendY = top + Double(bars.count) * rowHeight + 24 + Double(index / Self.legendPerRow) * 18
            out += "<rect x=\"\(n(x))\" y=\"\(n(legendY - 10))\" width=\"12\" height=\"12\" "
            out += "fill=\"\(Self.colors[phase.name] ?? "#999")\"/>"
            out += "<text x=\"\(n(x + 16))\" y=\"\(n(legendY))\">\(phase.name)</text>\n"
        }
        return out + "</svg>\n"
    }
}
