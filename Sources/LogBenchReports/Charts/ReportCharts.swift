import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// The four charts of the review: throughput, p50 and p99 latency against concurrency, and the cost
/// of one append against the size of the log. One line per strategy (and synchronous setting).
public enum ReportCharts {
    public static func all(_ document: ResultDocument) -> [LineChart] {
        let cells = CellAggregate.all(document)
        let levels = Array(Set(cells.map(\.concurrency))).sorted().map(Double.init)
        let mixes = Set(cells.map(\.synchronous)).count > 1
        let keys = seriesKeys(cells.map { ($0.strategy, $0.synchronous) }, document: document)
        func label(_ key: (String, SynchronousMode)) -> String { mixes ? "\(key.0) (\(key.1.rawValue))" : key.0 }
        func series(_ value: (CellAggregate) -> Double, _ interval: (CellAggregate) -> MetricSummary?)
            -> [LineChart.Series]
        {
            keys.map { key in
                let mine = cells.filter { $0.strategy == key.0 && $0.synchronous == key.1 }
                var intervals: [Double: (low: Double, high: Double, trials: Int)] = [:]
                for cell in mine {
                    if let ci = interval(cell) {
                        intervals[Double(cell.concurrency)] = (ci.ci95Low, ci.ci95High, cell.trials)
                    }
                }
                return LineChart.Series(
                    name: label(key), points: mine.map { (x: Double($0.concurrency), y: value($0)) },
                    intervals: intervals)
            }
        }
        let producers: @Sendable (Double) -> String = { String(format: "%.0f", $0) }
        let duration: @Sendable (Double) -> String = { Units.axisDuration(ns: $0) }
        var charts = [
            LineChart(
                id: "throughput", title: "Throughput by concurrency", xLabel: "concurrent producers",
                yLabel: "acknowledged logs per second", xScale: .log, yScale: .log, xTicks: levels,
                formatX: producers, formatY: { Units.count($0) + " logs/s" },
                series: series(\.throughputPerSec, \.throughputInterval)),
            LineChart(
                id: "latency-p50", title: "Latency per log, median (p50)", xLabel: "concurrent producers",
                yLabel: "latency per append call", xScale: .log, yScale: .log, xTicks: levels, formatX: producers,
                formatY: duration, series: series(\.p50Ns, \.p50Interval)),
            LineChart(
                id: "latency-p99", title: "Latency per log, p99", xLabel: "concurrent producers",
                yLabel: "latency per append call", xScale: .log, yScale: .log, xTicks: levels, formatX: producers,
                formatY: duration, series: series(\.p99Ns, \.p99Interval)),
        ]
        let growth = document.growth ?? []
        if !growth.isEmpty {
            let sizes = Array(Set(growth.map(\.logSize))).sorted().map(Double.init)
            let growthKeys = seriesKeys(growth.map { ($0.strategy, $0.synchronous) }, document: document)
            charts.append(
                LineChart(
                    id: "growth", title: "Cost of one append by log size", xLabel: "entries already in the run's log",
                    yLabel: "latency per append, p50", xScale: .log, yScale: .log, xTicks: sizes,
                    formatX: { Units.count($0) }, formatY: duration,
                    series: growthKeys.map { key in
                        LineChart.Series(
                            name: label(key),
                            points: growth.filter { $0.strategy == key.0 && $0.synchronous == key.1 }.map {
                                (x: Double($0.logSize), y: Double($0.latencyNs.p50))
                            })
                    }))
        }
        return charts + PendingCharts.all(document)
    }

    /// Distinct (strategy, synchronous) pairs, strategies in registry order so colours stay stable.
    package static func seriesKeys(
        _ pairs: [(String, SynchronousMode)], document: ResultDocument
    ) -> [(String, SynchronousMode)] {
        let names = document.designOrder(pairs.map(\.0))
        return SynchronousMode.allCases.flatMap { mode in
            names.filter { name in pairs.contains { $0.0 == name && $0.1 == mode } }.map { ($0, mode) }
        }
    }
}
