import Foundation

/// What `bench matrix` sweeps: strategies × concurrency levels × `synchronous` settings (× trials),
/// plus the SQLite limit per setting and, optionally, latency against the size of the log.
public struct MatrixPlan: Sendable {
    public var strategies: [any AppendStrategy.Type]
    public var concurrency: [Int]
    public var synchronous: [SynchronousMode]
    /// Entries per producer; nil applies `defaultLogsPerProducer(concurrency:)`.
    public var logsPerProducer: Int?
    public var runs: Int
    public var trials: Int
    public var messageBytes: Int
    public var warmupLogsPerProducer: Int
    public var busyTimeoutMs: Int
    public var seed: UInt64
    public var budgetNs: Double
    /// Log sizes for the growth measurement; empty skips it.
    public var growthSizes: [Int]
    public var growthAppends: Int
    public var temporaryDirectory: String
    /// Process and crash safety per strategy, measured after the sweep (disabled with 0 workers).
    public var safety = SafetyProbe()
    /// The JSON codec of every cell's read-modify-write.
    public var codec = CodecKind.fast

    public init(
        strategies: [any AppendStrategy.Type], concurrency: [Int], synchronous: [SynchronousMode] = [.normal],
        logsPerProducer: Int? = nil, runs: Int = 1, trials: Int = 1, messageBytes: Int = 64,
        warmupLogsPerProducer: Int = 5, busyTimeoutMs: Int = 5000, seed: UInt64 = 1, budgetNs: Double = 1_000_000,
        growthSizes: [Int] = [], growthAppends: Int = 20, temporaryDirectory: String = NSTemporaryDirectory()
    ) {
        self.strategies = strategies
        self.concurrency = concurrency
        self.synchronous = synchronous
        self.logsPerProducer = logsPerProducer
        self.runs = runs
        self.trials = trials
        self.messageBytes = messageBytes
        self.warmupLogsPerProducer = warmupLogsPerProducer
        self.busyTimeoutMs = busyTimeoutMs
        self.seed = seed
        self.budgetNs = budgetNs
        self.growthSizes = growthSizes
        self.growthAppends = growthAppends
        self.temporaryDirectory = temporaryDirectory
    }

    /// The matrix default gives every cell the same number of entries (`entriesPerCell`), so each run's
    /// log ends at the same size at every concurrency: the JSON-column strategies pay per append for
    /// the size of the log, and a fixed count per producer would mix that cost into the concurrency
    /// axis (and, being O(n²) per cell, would not fit the 5-minute budget at 50 producers).
    public static let entriesPerCell = 1000

    public static func defaultLogsPerProducer(concurrency: Int) -> Int {
        max(1, (entriesPerCell + concurrency - 1) / concurrency)
    }

    public func logs(atConcurrency concurrency: Int) -> Int {
        logsPerProducer ?? Self.defaultLogsPerProducer(concurrency: concurrency)
    }

    public func workload(concurrency: Int, synchronous: SynchronousMode) -> Workload {
        Workload(
            concurrency: concurrency, logsPerProducer: logs(atConcurrency: concurrency), runs: runs,
            messageBytes: messageBytes, warmupLogsPerProducer: warmupLogsPerProducer, synchronous: synchronous,
            busyTimeoutMs: busyTimeoutMs, seed: seed, codec: codec)
    }

    /// `none` among the strategies is its own reference; otherwise it is measured beside them.
    public var needsSeparateReference: Bool { !strategies.contains { $0 == NoCoordination.self } }

    public var plannedCells: Int {
        trials * synchronous.count * concurrency.count * (strategies.count + (needsSeparateReference ? 1 : 0))
            + strategies.count * safety.cellsPerStrategy
    }

    public func validate() throws(UsageError) {
        guard !strategies.isEmpty else { throw UsageError("--strategies: nothing to run") }
        guard !concurrency.isEmpty else { throw UsageError("--concurrency: give at least one level") }
        guard !synchronous.isEmpty else { throw UsageError("--synchronous: give at least one setting") }
        guard trials >= 1 else { throw UsageError("--trials must be at least 1 (got \(trials))") }
        guard growthSizes.allSatisfy({ (0...1_000_000).contains($0) }) else {
            throw UsageError("--growth sizes must be between 0 and 1000000")
        }
        guard growthAppends >= 1 else { throw UsageError("--growth-appends must be at least 1") }
        try safety.validate()
        for level in concurrency {
            for mode in synchronous { try workload(concurrency: level, synchronous: mode).validate() }
        }
    }
}
