import LogBenchStatistics

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

/// Figures reports show beside the gated ones; summarized the same way, never gated.
public enum ReportedMetric: String, Codable, Sendable, CaseIterable {
    case latencyP99Ns = "latency_p99_ns"
    case overheadP50Ns = "overhead_p50_ns"
    case overheadP99Ns = "overhead_p99_ns"
    case allocationsPerLog = "allocations_per_log"
    case peakHeapGrowthBytes = "peak_heap_growth_bytes"
    /// Reported, never gated: on SQLite its window can be a few milliseconds (`SampleWarnings`).
    case allBusyThroughputPerSec = "all_busy_throughput_per_sec"

    public func value(in cell: CellResult) -> Double? {
        switch self {
        case .latencyP99Ns: Double(cell.latencyNs.p99)
        case .overheadP50Ns: cell.overheadNs?.p50
        case .overheadP99Ns: cell.overheadNs?.p99
        case .allocationsPerLog: cell.memory.allocationsPerLog
        case .peakHeapGrowthBytes: cell.memory.peakHeapGrowthBytes.map(Double.init)
        case .allBusyThroughputPerSec: cell.allBusyThroughputPerSec
        }
    }
}

/// A cell (strategy × concurrency × workload × mode) summarized over its trials.
public struct CellSummary: Codable, Sendable, Equatable {
    package init(
        strategy: String, concurrency: Int, workload: Workload, mode: ExecutionMode? = nil, trials: Int,
        dataLossEntries: Int, failedEntries: Int? = nil, metrics: [String: MetricSummary],
        reported: [String: MetricSummary]? = nil, phaseMeansNs: [String: Double]? = nil
    ) {
        self.strategy = strategy
        self.concurrency = concurrency
        self.workload = workload
        self.mode = mode
        self.trials = trials
        self.dataLossEntries = dataLossEntries
        self.failedEntries = failedEntries
        self.metrics = metrics
        self.reported = reported
        self.phaseMeansNs = phaseMeansNs
    }

    public var strategy: String
    public var concurrency: Int
    public var workload: Workload
    /// Absent for threads (and in documents written before modes were part of a cell's identity).
    public var mode: ExecutionMode?
    public var trials: Int
    /// Lost + duplicated + phantom + corrupted entries, summed over the trials.
    public var dataLossEntries: Int
    /// Calls that failed (the strategy threw), summed over the trials; absent in older documents.
    public var failedEntries: Int?
    /// Entries sent and audited, summed over the trials (rounds included); absent in older documents.
    public var sentEntries: Int?

    /// Entries sent over the trials: recorded, or (older documents, one round each) from the workload.
    public var entriesSent: Int { sentEntries ?? Saturating.multiply(workload.expectedEntries, trials) }
    public var metrics: [String: MetricSummary]
    /// `ReportedMetric`s, absent in older documents and in baselines that do not need them.
    public var reported: [String: MetricSummary]?
    /// Phase → median over trials of the phase's mean ns per log (absent where not recorded).
    public var phaseMeansNs: [String: Double]?

    /// What a baseline's cell is matched on. The injected delay is left out: it stands for a slower
    /// build of the same configuration, and is compared against the baseline of that configuration.
    public var key: CellKey {
        Self.gateKey(strategy: strategy, concurrency: concurrency, workload: workload, mode: mode ?? .threads)
    }

    /// The key without the injected delay (and the strategy it was injected into).
    public static func gateKey(
        strategy: String, concurrency: Int, workload: Workload, mode: ExecutionMode = .threads
    ) -> CellKey {
        var identity = workload
        identity.injectDelayUs = 0
        identity.injectStrategy = nil
        return CellKey(strategy: strategy, concurrency: concurrency, workload: identity, mode: mode)
    }

    public func metric(_ metric: GatedMetric) -> MetricSummary? { metrics[metric.rawValue] }
    public func metric(_ metric: ReportedMetric) -> MetricSummary? { reported?[metric.rawValue] }

    /// Summaries of the measured cells of a document, in key order. The reference cells measured
    /// only for overhead are not summarized, and neither are crash trials (a kill makes their
    /// times meaningless) nor a sweep's safety probe: `SafetyVerdict` reads those.
    public static func summarize(_ cells: [CellResult]) -> [CellSummary] {
        let summarized = cells.filter { $0.role == .measured && $0.crash == nil && $0.safetyProbe != true }
        let groups = Dictionary(grouping: summarized, by: \.key)
        return groups.keys.sorted().map { key in
            let trials = groups[key]!.sorted { $0.trial < $1.trial }
            func summaries(_ values: (CellResult) -> Double?) -> MetricSummary? {
                let values = trials.compactMap(values)
                return values.count == trials.count ? MetricSummary(trialValues: values) : nil
            }
            var metrics: [String: MetricSummary] = [:]
            for metric in GatedMetric.allCases { metrics[metric.rawValue] = summaries(metric.value(in:)) }
            var reported: [String: MetricSummary] = [:]
            for metric in ReportedMetric.allCases { reported[metric.rawValue] = summaries(metric.value(in:)) }
            var phases: [String: Double] = [:]
            for phase in Phase.allCases {
                let means = trials.compactMap { $0.phasesNs?[phase.name]?.mean }
                if !means.isEmpty, let median = Descriptive.median(means) { phases[phase.name] = median }
            }
            var summary = CellSummary(
                strategy: key.strategy, concurrency: key.concurrency, workload: key.workload,
                mode: key.mode == .threads ? nil : key.mode, trials: trials.count,
                dataLossEntries: Saturating.sum(trials.map(\.audit.dataLossCount)),
                failedEntries: Saturating.sum(trials.map(\.audit.failed)), metrics: metrics,
                reported: reported.isEmpty ? nil : reported, phaseMeansNs: phases.isEmpty ? nil : phases)
            // Only where rounds make it differ from the workload's count, so documents keep their shape.
            let sent = Saturating.sum(trials.map(\.audit.expected))
            if sent != Saturating.multiply(key.workload.expectedEntries, trials.count) { summary.sentEntries = sent }
            return summary
        }
    }
}
