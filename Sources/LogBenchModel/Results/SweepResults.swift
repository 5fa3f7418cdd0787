import LogBenchStatistics

/// What a matrix adds to a result document besides its cells. Every field is optional in the
/// document, so documents written before the matrix existed still decode.

/// What the engine and this disk allow (SQLite at one `synchronous` setting, or the PostgreSQL
/// server), measured in the same invocation
/// as the cells: the ceiling every strategy's throughput is read against.
public struct EngineLimit: Codable, Sendable, Equatable {
    public var synchronous: SynchronousMode
    /// Rows inserted into `log_entries` in one transaction (one commit for all).
    public var batchedRows: Int
    /// `batchedRows` divided by the time from BEGIN to the end of COMMIT.
    public var batchedInsertsPerSec: Double
    /// Single-row transactions timed one after another (each INSERT commits by itself).
    public var commits: Int
    /// Latency of one such commit, from one thread with no contention.
    public var commitLatencyNs: LatencySummary
    /// The engine measured (absent: SQLite). PostgreSQL's limit is the same two figures, each
    /// INSERT a round trip to the server (`PGLimitProbe`).
    public var engine: EngineKind? = nil

    public init(
        synchronous: SynchronousMode, batchedRows: Int, batchedInsertsPerSec: Double, commits: Int,
        commitLatencyNs: LatencySummary
    ) {
        self.synchronous = synchronous
        self.batchedRows = batchedRows
        self.batchedInsertsPerSec = batchedInsertsPerSec
        self.commits = commits
        self.commitLatencyNs = commitLatencyNs
    }
}

/// Latency per append for one strategy with the run's log pre-filled to `logSize` entries.
public struct GrowthPoint: Codable, Sendable, Equatable {
    public var strategy: String
    public var synchronous: SynchronousMode
    /// Entries already in the run before the timed appends.
    public var logSize: Int
    /// Timed appends (one producer, one after another).
    public var appends: Int
    public var latencyNs: LatencySummary
    /// The engine (absent: SQLite, as in documents from before growth ran on both).
    public var engine: EngineKind?
    /// Entries the growth cell's audit found lost, duplicated, phantom or corrupted, the pre-filled
    /// ones included (absent in documents from before growth was audited).
    public var dataLossEntries: Int?

    public init(strategy: String, synchronous: SynchronousMode, logSize: Int, appends: Int, latencyNs: LatencySummary) {
        self.strategy = strategy
        self.synchronous = synchronous
        self.logSize = logSize
        self.appends = appends
        self.latencyNs = latencyNs
    }

    /// The point a growth cell measured.
    public init(cell: CellResult) {
        self.init(
            strategy: cell.strategy, synchronous: cell.workload.synchronous, logSize: cell.workload.prefillEntries ?? 0,
            appends: cell.workload.logsPerProducer, latencyNs: cell.latencyNs)
        engine = cell.workload.engine == .sqlite ? nil : cell.workload.engine
        dataLossEntries = cell.audit.dataLossCount
    }
}

/// How a matrix was asked for, so a report can say what it covers.
public struct MatrixInfo: Codable, Sendable, Equatable {
    public var strategies: [String]
    public var concurrency: [Int]
    public var synchronous: [SynchronousMode]
    public var growthSizes: [Int]
    /// Cells the matrix planned (references included) and how many finished.
    public var plannedCells: Int
    public var finishedCells: Int
    /// Why the matrix stopped early ("interrupted (SIGINT)"), nil when it ran to the end.
    public var stoppedBecause: String?
    public var wallTimeNs: UInt64
    /// How the sweep's cells ran (absent in documents from before `--mode`: threads).
    public var mode: ExecutionMode?

    public init(
        strategies: [String], concurrency: [Int], synchronous: [SynchronousMode], growthSizes: [Int],
        plannedCells: Int, finishedCells: Int = 0, stoppedBecause: String? = nil, wallTimeNs: UInt64 = 0,
        mode: ExecutionMode? = nil
    ) {
        self.mode = mode
        self.strategies = strategies
        self.concurrency = concurrency
        self.synchronous = synchronous
        self.growthSizes = growthSizes
        self.plannedCells = plannedCells
        self.finishedCells = finishedCells
        self.stoppedBecause = stoppedBecause
        self.wallTimeNs = wallTimeNs
    }
}
