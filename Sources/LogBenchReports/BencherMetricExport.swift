import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench report --format bmf`: Bencher Metric Format, {benchmark: {measure: {value, lower_value?,
/// upper_value?}}}. `latency` (ns) and `throughput` (ops/s) are Bencher's built-in measures; the
/// others are created on first upload. `value` is the median over the cell's trials and the bounds
/// are the bootstrap 95% confidence interval of that median (the gate's interval, seeded): an
/// interval around the value, as Bencher expects, not a spread of latencies. One trial gives no
/// interval, so no bounds.
public enum BencherMetricExport {
    public struct Metric: Codable, Equatable, Sendable {
        public var value: Double
        public var lowerValue: Double?
        public var upperValue: Double?

        package enum CodingKeys: String, CodingKey {
            case value
            case lowerValue = "lower_value"
            case upperValue = "upper_value"
        }

        /// A summary's median with its stored 95% CI as bounds (none for a single trial).
        package static func median(of summary: MetricSummary?) -> Metric? {
            guard let summary else { return nil }
            guard summary.trialValues.count > 1 else { return Metric(value: summary.median) }
            return Metric(value: summary.median, lowerValue: summary.ci95Low, upperValue: summary.ci95High)
        }

        package init(value: Double, lowerValue: Double? = nil, upperValue: Double? = nil) {
            self.value = value
            self.lowerValue = lowerValue
            self.upperValue = upperValue
        }
    }

    public static func metrics(_ document: ResultDocument) -> [String: [String: Metric]] {
        var out: [String: [String: Metric]] = [:]
        for series in GitHubActionBenchmarkExport.Series.all(document) {
            let summary = series.summary
            var measures: [String: Metric] = [:]
            measures["latency"] = Metric.median(of: summary.metric(.latencyMeanNs))
            measures["throughput"] = Metric.median(of: summary.metric(.throughputPerSec))
            measures["data-loss"] = Metric(value: Double(summary.dataLossEntries))
            measures["overhead"] = Metric.median(of: summary.metric(.overheadMeanNs))
            out[series.name] = measures
        }
        for point in document.growth ?? [] {
            let name = "logbench/growth/\(point.strategy)/size=\(point.logSize)/sync=\(point.synchronous.rawValue)"
            // One measurement: no interval to give.
            out[name] = ["latency": Metric(value: Double(point.latencyNs.p50))]
        }
        return out
    }

    public static func render(_ document: ResultDocument) throws -> Data {
        try ResultCoding.encode(metrics(document))
    }
}
