import Foundation

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
        public var name: String
        public var unit: String
        public var value: Double
        public var range: String?
        public var extra: String?
    }

    /// One dashboard position's per-trial values (threads mode, no crash trials), in document order.
    struct Series {
        var name: String
        var trials: [CellResult]

        func entry(_ label: String, unit: String, _ value: (CellResult) -> Double) -> Entry? {
            let values = trials.map(value)
            guard let median = Descriptive.median(values), median > 0, median.isFinite else { return nil }
            let spread = ((values.max() ?? median) - (values.min() ?? median)) / 2
            return Entry(
                name: "\(name) \(label)", unit: unit, value: median.rounded(),
                range: "± \(Int(spread.rounded()))",
                extra: "median of \(values.count) trial\(values.count == 1 ? "" : "s"); closed-loop load")
        }

        static func all(_ document: ResultDocument) -> [Series] {
            var order: [String] = []
            var groups: [String: [CellResult]] = [:]
            for cell in document.measuredCells where cell.executionMode == .threads && cell.crash == nil {
                let name = "logbench/\(cell.strategy)/c=\(cell.concurrency)/sync=\(cell.workload.synchronous.rawValue)"
                if groups[name] == nil { order.append(name) }
                groups[name, default: []].append(cell)
            }
            return order.map { Series(name: $0, trials: groups[$0]!) }
        }
    }

    /// Smaller is better: latency p50 and p99 per cell, growth append p50.
    public static func entries(_ document: ResultDocument) -> [Entry] {
        var entries: [Entry] = []
        for series in Series.all(document) {
            if let p50 = series.entry("latency p50", unit: "ns", { Double($0.latencyNs.p50) }) { entries.append(p50) }
            if let p99 = series.entry("latency p99", unit: "ns", { Double($0.latencyNs.p99) }) { entries.append(p99) }
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
        Series.all(document).compactMap { $0.entry("throughput", unit: "logs/s", \.throughputPerSec) }
    }

    public static func render(_ document: ResultDocument) throws -> Data {
        try ResultCoding.encode(entries(document))
    }

    public static func renderThroughput(_ document: ResultDocument) throws -> Data {
        try ResultCoding.encode(throughputEntries(document))
    }
}
