import Foundation

/// `bench report --format bmf`: Bencher Metric Format, {benchmark: {measure: {value, lower_value?,
/// upper_value?}}}. `latency` (ns) and `throughput` (ops/s) are Bencher's built-in measures; the
/// others are created on first upload.
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
    }

    public static func metrics(_ document: ResultDocument) -> [String: [String: Metric]] {
        var out: [String: [String: Metric]] = [:]
        for cell in CellAggregate.all(document) {
            // latency: the mean, bracketed below by the median and above by p99 when they bracket it.
            var measures: [String: Metric] = [
                "latency": Metric(
                    value: cell.meanNs, lowerValue: cell.p50Ns <= cell.meanNs ? cell.p50Ns : nil,
                    upperValue: cell.p99Ns >= cell.meanNs ? cell.p99Ns : nil),
                "throughput": Metric(value: cell.throughputPerSec),
                "data-loss": Metric(value: Double(cell.dataLoss)),
            ]
            if let overhead = cell.overheadMeanNs { measures["overhead"] = Metric(value: overhead) }
            out[cell.name] = measures
        }
        for point in document.growth ?? [] {
            let name = "logbench/growth/\(point.strategy)/size=\(point.logSize)/sync=\(point.synchronous.rawValue)"
            out[name] = [
                "latency": Metric(
                    value: Double(point.latencyNs.p50), lowerValue: nil, upperValue: Double(point.latencyNs.p99))
            ]
        }
        return out
    }

    public static func render(_ document: ResultDocument) throws -> Data {
        try ResultCoding.encode(metrics(document))
    }
}
