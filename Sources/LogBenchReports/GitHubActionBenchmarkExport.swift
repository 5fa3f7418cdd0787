import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench report --format github-action-benchmark` and `--format github-action-benchmark-throughput`:
/// inputs of benchmark-action/github-action-benchmark, JSON arrays of {name, unit, value, range?, extra?}.
/// That action alerts on the ratio current/previous, so only metrics whose ratio means something go
/// in, each file one direction throughout:
/// - the first (`tool: customSmallerIsBetter`): latency percentiles p50 and p99 per cell, and the
///   growth runs' append p50;
/// - the second (`tool: customBiggerIsBetter`, a separate invocation and upload): throughput.
/// Never overhead (a difference that can be 0 or negative) nor data loss (0 when all is well: a ratio
/// of zeros means nothing; the gate fails on it instead). `value` is the median over the trials and
/// `range` "± x" half the spread of the trial values (largest minus smallest over two).
public enum GitHubActionBenchmarkExport {
    public struct Entry: Codable, Equatable, Sendable {
        package init(name: String, unit: String, value: Double, range: String? = nil, extra: String? = nil) {
            self.name = name
            self.unit = unit
            self.value = value
            self.range = range
            self.extra = extra
        }

        public var name: String
        public var unit: String
        public var value: Double
        public var range: String?
        public var extra: String?
    }

    /// One dashboard position: the document's summary of a cell (threads mode, no crash trials), as
    /// `DerivedFigures` computed it; named like `CellAggregate`, so the engines stay apart.
    package struct Series {
        package init(name: String, summary: CellSummary) {
            self.name = name
            self.summary = summary
        }

        package var name: String
        package var summary: CellSummary

        package func entry(_ label: String, unit: String, _ metric: MetricSummary?) -> Entry? {
            guard let metric, metric.median > 0, metric.median.isFinite else { return nil }
            let values = metric.trialValues
            let spread = ((values.max() ?? metric.median) - (values.min() ?? metric.median)) / 2
            return Entry(
                name: "\(name) \(label)", unit: unit, value: metric.median.rounded(),
                range: "± \(Int(spread.rounded()))",
                extra: "median of \(values.count) trial\(values.count == 1 ? "" : "s"); closed-loop load")
        }

        package static func all(_ document: ResultDocument) -> [Series] {
            let positions = CellAggregate.all(document)
            let summaries = (document.summaries ?? []).filter { $0.mode == nil }
            return positions.compactMap { position in
                summaries.first {
                    $0.strategy == position.strategy && $0.concurrency == position.concurrency
                        && $0.workload.synchronous == position.synchronous && $0.workload.engine == position.engine
                }.map { Series(name: position.name, summary: $0) }
            }
        }
    }

    /// Smaller is better: latency p50 and p99 per cell, growth append p50.
    public static func entries(_ document: ResultDocument) -> [Entry] {
        var entries: [Entry] = []
        for series in Series.all(document) {
            if let p50 = series.entry("latency p50", unit: "ns", series.summary.metric(.latencyP50Ns)) {
                entries.append(p50)
            }
            if let p99 = series.entry("latency p99", unit: "ns", series.summary.metric(.latencyP99Ns)) {
                entries.append(p99)
            }
        }
        for point in document.growth ?? [] where point.latencyNs.p50 > 0 {
            entries.append(
                Entry(
                    name: "logbench/growth/\(point.strategy)/size=\(point.logSize)/sync=\(point.synchronous.rawValue) "
                        + "append p50", unit: "ns", value: Double(point.latencyNs.p50),
                    extra: "\(point.appends) appends, one producer"))
        }
        return entries
    }

    /// Bigger is better: acknowledged logs per second per cell.
    public static func throughputEntries(_ document: ResultDocument) -> [Entry] {
        Series.all(document).compactMap { $0.entry("throughput", unit: "logs/s", $0.summary.metric(.throughputPerSec)) }
    }

    public static func render(_ document: ResultDocument) throws -> Data {
        try ResultCoding.encode(entries(document))
    }

    public static func renderThroughput(_ document: ResultDocument) throws -> Data {
        try ResultCoding.encode(throughputEntries(document))
    }
}
