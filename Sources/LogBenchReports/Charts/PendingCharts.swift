import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// Pending entries, and the bytes they hold, over the measured phase: one line per cell that sampled
/// a buffering strategy's queue (`--ack accepted`, `--rate`, `--max-pending`). None otherwise.
public enum PendingCharts {
    public static func all(_ document: ResultDocument) -> [LineChart] {
        let cells = document.cells.filter { $0.role == .measured && $0.load?.pendingSeries?.isEmpty == false }
        guard !cells.isEmpty else { return [] }
        func label(_ cell: CellResult) -> String {
            var text = "\(cell.strategy) c=\(cell.concurrency) \(cell.workload.load.ack.rawValue)"
            if let rate = cell.workload.load.ratePerSec {
                text += " \(LoadProfile.number(rate.rounded(toPlaces: 1)))/s"
            }
            return cells.contains { $0.key == cell.key && $0.trial != cell.trial } ? text + " #\(cell.trial)" : text
        }
        func series(_ value: @escaping (PendingSample) -> Double) -> [LineChart.Series] {
            cells.map { cell in
                LineChart.Series(
                    name: label(cell),
                    points: (cell.load?.pendingSeries ?? []).map { (x: Double($0.atNs) / 1e9, y: value($0)) })
            }
        }
        let seconds: @Sendable (Double) -> String = { String(format: "%.1f s", $0) }
        return [
            LineChart(
                id: "pending-entries", title: "Pending entries over time", xLabel: "seconds since the start",
                yLabel: "entries waiting or being written", xScale: .linear, yScale: .linear, formatX: seconds,
                formatY: { Units.count($0) }, series: series { Double($0.entries) }),
            LineChart(
                id: "pending-bytes", title: "Memory the queue holds over time", xLabel: "seconds since the start",
                yLabel: "bytes of queued entries", xScale: .linear, yScale: .linear, formatX: seconds,
                formatY: { Units.bytes(Int($0)) }, series: series { Double($0.bytes) }),
        ]
    }
}
