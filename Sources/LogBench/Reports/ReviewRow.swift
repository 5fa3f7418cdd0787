import Foundation

/// One strategy at one `synchronous` setting, summarised over every concurrency and trial.
public struct ReviewRow: Codable, Sendable, Equatable {
    public struct Loss: Codable, Sendable, Equatable {
        public var concurrency: Int
        /// Lost + duplicated + phantom + corrupted entries, summed over trials.
        public var lost: Int
        public var expected: Int
    }

    public struct GrowthCost: Codable, Sendable, Equatable {
        public var logSize: Int
        public var p50Ns: UInt64
    }

    public var strategy: String
    public var synchronous: SynchronousMode
    public var loss: [Loss]
    /// At the headline concurrency, against `none` in the same trial; nil for `none` itself.
    public var overheadP50Ns: Double?
    public var overheadP99Ns: Double?
    /// Concurrencies where the mean overhead exceeded the budget; nil when no overhead was measured.
    public var overBudgetAt: [Int]?
    public var throughputPerSec: Double
    /// Throughput as a percentage of the log table's batched insert rate at the same setting.
    public var percentOfLimit: Double?
    /// Largest rise of jemalloc's allocated bytes over any cell's measured phase.
    public var peakHeapGrowthBytes: Int
    public var allocationsPerLog: Double
    /// Queue strategies only.
    public var maxPendingPerRun: Int?
    public var growth: [GrowthCost]
    /// Static facts of the design, from the registry (nil for a strategy this build does not know).
    public var schemaChange: Bool?
    public var claimsProcessSafety: Bool?
    /// Measured in processes mode / by crash trials (nil: not measured in this document).
    public var measuredProcessSafe: Bool?
    public var measuredCrashSafe: Bool?

    public var lossFraction: Double {
        let expected = loss.map(\.expected).reduce(0, +)
        return expected > 0 ? Double(loss.map(\.lost).reduce(0, +)) / Double(expected) : 0
    }

    init(
        strategy: String, synchronous: SynchronousMode, cells allCells: [CellResult], growth: [GrowthPoint],
        limit: SQLiteLimit?, headline: Int, safety: [SafetyVerdict]
    ) {
        self.strategy = strategy
        self.synchronous = synchronous
        let mode = allCells.filter { $0.workload.synchronous == synchronous }
        let mine = mode.filter { $0.strategy == strategy && $0.role == .measured }
        let levels = Array(Set(mine.map(\.concurrency))).sorted()
        loss = levels.map { level in
            let cells = mine.filter { $0.concurrency == level }
            return Loss(
                concurrency: level, lost: cells.map(\.audit.dataLossCount).reduce(0, +),
                expected: cells.map(\.audit.expected).reduce(0, +))
        }
        let headlineCells = mine.filter { $0.concurrency == headline }
        let isReference = strategy == NoCoordination.name
        // Overhead per trial against the `none` cell of the same trial and workload, then averaged.
        let pairs: [(CellResult, CellResult)] = headlineCells.compactMap { cell in
            mode.first { $0.strategy == NoCoordination.name && $0.trial == cell.trial && $0.workload == cell.workload }
                .map { (cell, $0) }
        }
        if !isReference && !pairs.isEmpty {
            overheadP50Ns = Self.mean(pairs.map { Double($0.0.latencyNs.p50) - Double($0.1.latencyNs.p50) })
            overheadP99Ns = Self.mean(pairs.map { Double($0.0.latencyNs.p99) - Double($0.1.latencyNs.p99) })
        }
        if !isReference && !mine.isEmpty && mine.allSatisfy({ $0.overheadNs != nil }) {
            overBudgetAt = Array(Set(mine.filter { !($0.overheadNs?.withinBudget ?? true) }.map(\.concurrency)))
                .sorted()
        }
        let throughput = Self.mean(headlineCells.map(\.throughputPerSec))
        throughputPerSec = throughput
        percentOfLimit = limit.map { throughput / $0.batchedInsertsPerSec * 100 }
        peakHeapGrowthBytes = mine.map { $0.memory.peakAllocatedBytes - $0.memory.allocatedAtStartBytes }.max() ?? 0
        allocationsPerLog = Self.mean(headlineCells.map(\.memory.allocationsPerLog))
        maxPendingPerRun = mine.compactMap(\.memory.maxPendingPerRun).max()
        self.growth = growth.filter { $0.strategy == strategy && $0.synchronous == synchronous }
            .sorted { $0.logSize < $1.logSize }
            .map { GrowthCost(logSize: $0.logSize, p50Ns: $0.latencyNs.p50) }
        let type = StrategyRegistry.strategy(named: strategy)
        schemaChange = type.map { $0.layout == .logTable }
        claimsProcessSafety = type.map { $0.claimsProcessSafety }
        let verdicts = safety.filter { $0.strategy == strategy }
        let process = verdicts.compactMap(\.processSafe)
        let crash = verdicts.compactMap(\.crashSafe)
        measuredProcessSafe = process.isEmpty ? nil : process.allSatisfy(\.holds)
        measuredCrashSafe = crash.isEmpty ? nil : crash.allSatisfy(\.holds)
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
}
