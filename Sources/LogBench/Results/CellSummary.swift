/// The metrics the gate judges. Latencies and overhead are per log in nanoseconds; throughput in logs/s.
public enum GatedMetric: String, Codable, Sendable, CaseIterable, Comparable {
    case latencyP50Ns = "latency_p50_ns"
    case latencyMeanNs = "latency_mean_ns"
    case throughputPerSec = "throughput_per_sec"
    case overheadMeanNs = "overhead_mean_ns"

    /// Throughput gets worse when it falls; every other metric when it rises.
    public var higherIsWorse: Bool { self != .throughputPerSec }

    /// Overhead is a difference that can be near zero or negative: it is judged against the budget,
    /// not as a ratio against a baseline.
    public var isRegressionGated: Bool { self != .overheadMeanNs }

    public static func < (lhs: GatedMetric, rhs: GatedMetric) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The metric's value in one trial of a cell, if that trial measured it.
    public func value(in cell: CellResult) -> Double? {
        switch self {
        case .latencyP50Ns: Double(cell.latencyNs.p50)
        case .latencyMeanNs: cell.latencyNs.mean
        case .throughputPerSec: cell.throughputPerSec
        case .overheadMeanNs: cell.overheadNs?.mean
        }
    }
}

/// One metric of one cell over its trials: the median of the per-trial values and a bootstrap
/// 95% confidence interval of that median. Per-trial values are kept: the gate's tests need them.
public struct MetricSummary: Codable, Sendable, Equatable {
    public var median: Double
    public var ci95Low: Double
    public var ci95High: Double
    public var trialValues: [Double]

    public init?(trialValues raw: [Double]) {
        // A tenth of a nanosecond (or of a log per second) is far below any noise; rounding keeps
        // baselines compact and their diffs readable.
        let trialValues = raw.map { ($0 * 10).rounded() / 10 }
        guard let median = Descriptive.median(trialValues),
            let interval = Bootstrap.medianInterval(trialValues, confidence: 0.95)
        else { return nil }
        self.median = (median * 10).rounded() / 10
        self.ci95Low = min((interval.low * 10).rounded() / 10, self.median)
        self.ci95High = max((interval.high * 10).rounded() / 10, self.median)
        self.trialValues = trialValues
    }
}

/// A cell (strategy × concurrency × workload) summarized over its trials.
public struct CellSummary: Codable, Sendable, Equatable {
    public var strategy: String
    public var concurrency: Int
    public var workload: Workload
    public var trials: Int
    /// Lost + duplicated + phantom + corrupted entries, summed over the trials.
    public var dataLossEntries: Int
    public var metrics: [String: MetricSummary]

    /// What a baseline's cell is matched on. The injected delay is left out: it stands for a slower
    /// build of the same configuration, and is compared against the baseline of that configuration.
    public var key: CellKey { Self.gateKey(strategy: strategy, concurrency: concurrency, workload: workload) }

    /// The key without the injected delay (and the strategy it was injected into).
    public static func gateKey(strategy: String, concurrency: Int, workload: Workload) -> CellKey {
        var identity = workload
        identity.injectDelayUs = 0
        identity.injectStrategy = nil
        return CellKey(strategy: strategy, concurrency: concurrency, workload: identity)
    }

    public func metric(_ metric: GatedMetric) -> MetricSummary? { metrics[metric.rawValue] }

    /// Summaries of the measured cells of a document (the `none` reference is not gated), in key order.
    public static func summarize(_ cells: [CellResult]) -> [CellSummary] {
        let groups = Dictionary(grouping: cells.filter { $0.role == .measured }, by: \.key)
        return groups.keys.sorted().map { key in
            let trials = groups[key]!.sorted { $0.trial < $1.trial }
            var metrics: [String: MetricSummary] = [:]
            for metric in GatedMetric.allCases {
                let values = trials.compactMap { metric.value(in: $0) }
                if values.count == trials.count, let summary = MetricSummary(trialValues: values) {
                    metrics[metric.rawValue] = summary
                }
            }
            return CellSummary(
                strategy: key.strategy, concurrency: key.concurrency, workload: key.workload, trials: trials.count,
                dataLossEntries: trials.reduce(0) { $0 + $1.audit.dataLossCount }, metrics: metrics)
        }
    }
}
