import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// One strategy at one `synchronous` setting, summarised over every concurrency and trial.
public struct ReviewRow: Codable, Sendable, Equatable {
    public struct Loss: Codable, Sendable, Equatable {
        package init(concurrency: Int, lost: Int, expected: Int) {
            self.concurrency = concurrency
            self.lost = lost
            self.expected = expected
        }

        public var concurrency: Int
        /// Lost + duplicated + phantom + corrupted entries, summed over trials.
        public var lost: Int
        public var expected: Int
    }

    public struct GrowthCost: Codable, Sendable, Equatable {
        package init(logSize: Int, p50Ns: UInt64) {
            self.logSize = logSize
            self.p50Ns = p50Ns
        }

        public var logSize: Int
        public var p50Ns: UInt64
    }

    public var strategy: String
    /// The document's overhead reference (the unfixed pipeline): it has no overhead of its own.
    public var isReference: Bool
    /// Absent for SQLite, so single-engine SQLite tables keep their shape.
    public var engine: EngineKind?
    public var synchronous: SynchronousMode
    public var loss: [Loss]
    /// At the headline concurrency, against `none` in the same trial; nil for `none` itself.
    public var overheadP50Ns: Double?
    public var overheadP99Ns: Double?
    /// Concurrencies where the mean overhead exceeded the budget; nil when no overhead was measured.
    public var overBudgetAt: [Int]?
    public var throughputPerSec: Double
    /// Trials behind the headline figures (absent in tables written before it), and half the width of
    /// each median's 95 % bootstrap CI over them (the interval the charts draw; nil with one trial).
    public var trials: Int?
    public var throughputHalfWidth: Double?
    public var overheadP50HalfWidth: Double?
    public var overheadP99HalfWidth: Double?
    /// Throughput as a percentage of the log table's batched insert rate at the same setting.
    public var percentOfLimit: Double?
    /// Largest rise of jemalloc's allocated bytes over any cell's measured phase (median over
    /// trials); nil where the producers did not run in the measuring process.
    public var peakHeapGrowthBytes: Int?
    public var allocationsPerLog: Double?
    /// Queue strategies only.
    public var maxPendingPerRun: Int?
    public var growth: [GrowthCost]
    /// Static facts of the design, from the registry (nil for a strategy this build does not know).
    public var schemaChange: Bool?
    public var claimsProcessSafety: Bool?
    /// An external adapter's identity: which code the row measured.
    public var adapter: AdapterIdentity?
    /// Measured in processes mode / by crash trials (nil: not measured in this document).
    public var measuredProcessSafe: Bool?
    public var measuredCrashSafe: Bool?

    public var lossFraction: Double {
        let expected = Saturating.sum(loss.map(\.expected))
        return expected > 0 ? Double(Saturating.sum(loss.map(\.lost))) / Double(expected) : 0
    }

    /// Reads the document's derived figures (`DerivedFigures`): the summaries of this strategy's
    /// sweep cells at this setting; nothing is recomputed here.
    /// - Parameters: `summaries`, `cells` and `safety` of this row's engine only.
    package init(
        strategy: String, engine: EngineKind = .sqlite, synchronous: SynchronousMode,
        summaries allSummaries: [CellSummary], cells: [CellResult], growth: [GrowthPoint], limit: EngineLimit?,
        headline: Int, budgetNs: Double?, safety: [SafetyVerdict], traits: DesignTraits?, isReference: Bool
    ) {
        self.isReference = isReference
        self.strategy = strategy
        self.engine = engine == .sqlite ? nil : engine
        self.synchronous = synchronous
        let mine = allSummaries.filter { $0.strategy == strategy && $0.workload.synchronous == synchronous }
            .sorted { $0.concurrency < $1.concurrency }
        loss = mine.map { summary in
            Loss(
                concurrency: summary.concurrency, lost: summary.dataLossEntries,
                expected: summary.entriesSent)
        }
        let headlineSummary = mine.last { $0.concurrency == headline }
        do {
            overheadP50Ns = headlineSummary?.metric(.overheadP50Ns)?.median
            overheadP99Ns = headlineSummary?.metric(.overheadP99Ns)?.median
            overheadP50HalfWidth = headlineSummary?.metric(.overheadP50Ns)?.halfWidth95
            overheadP99HalfWidth = headlineSummary?.metric(.overheadP99Ns)?.halfWidth95
            let overhead = mine.map { ($0.concurrency, $0.metric(.overheadMeanNs)?.median) }
            if let budgetNs, !mine.isEmpty, overhead.allSatisfy({ $0.1 != nil }) {
                overBudgetAt = overhead.filter { !Verdicts.withinBudget(meanOverheadNs: $0.1!, budgetNs: budgetNs) }
                    .map(\.0)
            }
        }
        let throughput = headlineSummary?.metric(.throughputPerSec)?.median ?? 0
        throughputPerSec = throughput
        throughputHalfWidth = headlineSummary?.metric(.throughputPerSec)?.halfWidth95
        trials = headlineSummary?.trials
        // A zero limit (a document may say so) is "not measured", never an infinite percentage.
        percentOfLimit = limit.flatMap {
            $0.batchedInsertsPerSec > 0 ? throughput / $0.batchedInsertsPerSec * 100 : nil
        }
        peakHeapGrowthBytes = mine.compactMap { $0.metric(.peakHeapGrowthBytes)?.median }.max().map(Saturating.int)
        allocationsPerLog = headlineSummary?.metric(.allocationsPerLog)?.median
        maxPendingPerRun = cells.filter { $0.strategy == strategy && $0.workload.synchronous == synchronous }
            .compactMap(\.memory.maxPendingPerRun).max()
        self.growth = growth.filter { $0.strategy == strategy && $0.synchronous == synchronous }
            .sorted { $0.logSize < $1.logSize }
            .map { GrowthCost(logSize: $0.logSize, p50Ns: $0.latencyNs.p50) }
        schemaChange = traits.map { $0.requiresSchemaChange }
        claimsProcessSafety = traits.map { $0.claimsProcessSafety }
        adapter = traits?.adapter
        let verdicts = safety.filter { $0.strategy == strategy }
        let process = verdicts.compactMap(\.processSafe)
        let crash = verdicts.compactMap(\.crashSafe)
        measuredProcessSafe = process.isEmpty ? nil : process.allSatisfy(\.holds)
        measuredCrashSafe = crash.isEmpty ? nil : crash.allSatisfy(\.holds)
    }
}

extension MetricSummary {
    /// Half the width of the median's 95 % CI across trials (`±`), or nil for one trial, which has none.
    package var halfWidth95: Double? { trialValues.count > 1 ? (ci95High - ci95Low) / 2 : nil }
}
