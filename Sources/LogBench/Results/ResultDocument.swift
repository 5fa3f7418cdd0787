/// The JSON result document: a versioned contract for CI, baselines and reports.
/// Documented field by field in `docs/result-schema.md`; bump `currentSchema` on breaking changes.
public struct ResultDocument: Codable, Sendable {
    public static let currentSchema = "logbench.result/1"

    public var schema: String
    public var environment: EnvironmentInfo
    /// False when the run was interrupted; the cells present are complete in themselves.
    public var complete: Bool
    public var cells: [CellResult]
    /// `bench matrix` only (absent in older documents): how the sweep was asked for and how far it got.
    public var matrix: MatrixInfo?
    /// `bench matrix` only: what SQLite allows on this disk, one entry per `synchronous` setting.
    public var limits: [SQLiteLimit]?
    /// `bench matrix --growth` only: latency per append against the size of the run's log.
    public var growth: [GrowthPoint]?
    /// Process and crash safety as measured, per strategy and mode (absent when nothing measured them).
    public var safety: [SafetyVerdict]?
    /// Uncontended single-write latency at the start and end of the run, to normalize times across
    /// machines. Optional: documents written before it existed still decode.
    public var calibration: RunCalibration?
    /// The overhead budget per log the run was judged against (absent in older documents).
    public var budgetNs: Double?
    /// Per cell over its trials: median of the trial values and bootstrap 95% CI of each metric.
    /// A derived figure: set by `DerivedFigures.apply` when the document is finished (or loaded
    /// without it), and read by every consumer.
    public var summaries: [CellSummary]?

    public init(
        environment: EnvironmentInfo, cells: [CellResult], complete: Bool = true, matrix: MatrixInfo? = nil,
        limits: [SQLiteLimit]? = nil, growth: [GrowthPoint]? = nil, calibration: RunCalibration? = nil
    ) {
        self.schema = Self.currentSchema
        self.environment = environment
        self.cells = cells
        self.complete = complete
        self.matrix = matrix
        self.limits = limits
        self.growth = growth
        self.calibration = calibration
    }

    /// Cells that count towards the exit status (the `none` reference does not).
    public var measuredCells: [CellResult] { cells.filter { $0.role == .measured } }

    /// Data loss in a cell the user asked for: exit code 3.
    public var hasDataLoss: Bool {
        measuredCells.contains { $0.audit.hasDataLoss || ($0.integrityCheck.map { $0 != "ok" } ?? false) }
    }
}

/// One strategy at one concurrency with one workload, measured once (one trial).
public struct CellResult: Codable, Sendable {
    public enum Role: String, Codable, Sendable {
        /// Asked for by the user; its data loss sets the exit status.
        case measured
        /// The `none` run measured only to compute other cells' overhead.
        case reference
    }

    public var strategy: String
    public var role: Role
    public var concurrency: Int
    public var trial: Int
    public var workload: Workload
    public var audit: AuditResult
    public var latencyNs: LatencySummary
    /// This cell's latency minus `none`'s at the same concurrency and workload, same invocation.
    public var overheadNs: OverheadSummary?
    /// Acknowledged logs per second of the measured phase's wall time.
    public var throughputPerSec: Double
    public var wallTimeNs: UInt64
    public var memory: MemorySummary
    /// Cost of the harness itself per measured log (clock reads and recording).
    public var harnessOverheadNs: Double
    public var counters: StrategyCounters
    /// The first few distinct errors appends returned, with their counts folded in the audit.
    public var errors: [String]
    /// How producers ran; absent in documents from before modes existed (threads).
    public var mode: ExecutionMode?
    /// Worker processes the producers ran in (processes mode, or a crash trial's writer process).
    public var workerProcesses: Int?
    /// `PRAGMA integrity_check` after the cell, when it ran one ("ok" when intact).
    public var integrityCheck: String?
    /// A crash trial's classification of every entry.
    public var crash: CrashOutcome?
    /// True for the cells of a sweep's safety probe (absent otherwise).
    public var safetyProbe: Bool? = nil

    public var executionMode: ExecutionMode { mode ?? .threads }

    public var key: CellKey {
        CellKey(strategy: strategy, concurrency: concurrency, workload: workload, mode: executionMode)
    }
}

/// This cell's latency minus the reference's, same trial, workload and mode (see `DerivedFigures`).
public struct OverheadSummary: Codable, Sendable, Equatable {
    public var p50: Double
    /// Absent in documents written before it existed.
    public var p99: Double?
    public var mean: Double
    /// The budget this was judged against (the seed's "+~1 ms per log").
    public var budgetNs: Double
    public var withinBudget: Bool { mean <= budgetNs }

    public init(p50: Double, p99: Double? = nil, mean: Double, budgetNs: Double) {
        self.p50 = p50
        self.p99 = p99
        self.mean = mean
        self.budgetNs = budgetNs
    }
}

/// Memory of one cell's measured phase. A figure that was not measured is nil (absent in JSON):
/// allocator figures exist only when the producers ran in this process (threads, tasks).
public struct MemorySummary: Codable, Sendable, Equatable {
    /// VmHWM over the measured phase (reset at its start through /proc/self/clear_refs); in
    /// processes mode the largest worker's peak RSS.
    public var peakRssBytes: Int?
    /// Peak of jemalloc's `stats.allocated`, sampled every millisecond during the measured phase.
    public var peakAllocatedBytes: Int?
    /// `stats.allocated` when the measured phase started, to read the peak against.
    public var allocatedAtStartBytes: Int?
    /// jemalloc allocation requests (all threads) during the measured phase per acknowledged log.
    public var allocationsPerLog: Double?
    /// Queue strategies: the largest number of entries pending for one run.
    public var maxPendingPerRun: Int?

    public init(
        peakRssBytes: Int? = nil, peakAllocatedBytes: Int? = nil, allocatedAtStartBytes: Int? = nil,
        allocationsPerLog: Double? = nil, maxPendingPerRun: Int? = nil
    ) {
        self.peakRssBytes = peakRssBytes
        self.peakAllocatedBytes = peakAllocatedBytes
        self.allocatedAtStartBytes = allocatedAtStartBytes
        self.allocationsPerLog = allocationsPerLog
        self.maxPendingPerRun = maxPendingPerRun
    }

    /// Growth of the heap over the phase, when it was measured.
    public var peakHeapGrowthBytes: Int? {
        guard let peak = peakAllocatedBytes, let start = allocatedAtStartBytes else { return nil }
        return max(0, Saturating.add(peak, Saturating.multiply(start, -1)))
    }

    /// Documents written before absent meant "not measured" stored zeros for processes and tasks
    /// cells: a zero allocator triple reads as not measured.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        peakRssBytes = try container.decodeIfPresent(Int.self, forKey: .peakRssBytes)
        peakAllocatedBytes = try container.decodeIfPresent(Int.self, forKey: .peakAllocatedBytes)
        allocatedAtStartBytes = try container.decodeIfPresent(Int.self, forKey: .allocatedAtStartBytes)
        allocationsPerLog = try container.decodeIfPresent(Double.self, forKey: .allocationsPerLog)
        maxPendingPerRun = try container.decodeIfPresent(Int.self, forKey: .maxPendingPerRun)
        if peakAllocatedBytes == 0 && allocatedAtStartBytes == 0 && allocationsPerLog == 0 {
            peakAllocatedBytes = nil
            allocatedAtStartBytes = nil
            allocationsPerLog = nil
        }
    }
}

/// What identifies a cell across documents (trials, baselines).
public struct CellKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var strategy: String
    public var concurrency: Int
    public var workload: Workload
    public var mode: ExecutionMode

    public init(strategy: String, concurrency: Int, workload: Workload, mode: ExecutionMode = .threads) {
        self.strategy = strategy
        self.concurrency = concurrency
        self.workload = workload
        self.mode = mode
    }

    public var description: String {
        "\(strategy) c=\(concurrency) k=\(workload.logsPerProducer) runs=\(workload.runs) sync=\(workload.synchronous.rawValue)"
            + (mode == .threads ? "" : " mode=\(mode.rawValue)")
            + (workload.codec == .fast ? "" : " codec=\(workload.codec.rawValue)")
    }

    public static func < (lhs: CellKey, rhs: CellKey) -> Bool { lhs.description < rhs.description }
}
