import Foundation

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

        enum CodingKeys: String, CodingKey {
            case value
            case lowerValue = "lower_value"
            case upperValue = "upper_value"
        }

        /// The median of `values` with its 95% CI as bounds (none for a single value).
        static func median(of values: [Double]) -> Metric? {
            guard let median = Descriptive.median(values) else { return nil }
            guard values.count > 1, let interval = Bootstrap.medianInterval(values) else {
                return Metric(value: median)
            }
            return Metric(value: median, lowerValue: min(interval.low, median), upperValue: max(interval.high, median))
        }

        init(value: Double, lowerValue: Double? = nil, upperValue: Double? = nil) {
            self.value = value
            self.lowerValue = lowerValue
            self.upperValue = upperValue
        }
    }

    public static func metrics(_ document: ResultDocument) -> [String: [String: Metric]] {
        var out: [String: [String: Metric]] = [:]
        for series in GitHubActionBenchmarkExport.Series.all(document) {
            let trials = series.trials
            var measures: [String: Metric] = [:]
            measures["latency"] = Metric.median(of: trials.map(\.latencyNs.mean))
            measures["throughput"] = Metric.median(of: trials.map(\.throughputPerSec))
            measures["data-loss"] = Metric(value: Double(trials.map(\.audit.dataLossCount).reduce(0, +)))
            let overheads = trials.compactMap(\.overheadNs?.mean)
            if overheads.count == trials.count { measures["overhead"] = Metric.median(of: overheads) }
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
