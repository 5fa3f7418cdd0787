import LogBenchStatistics

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
    public var limits: [EngineLimit]?
    /// `bench matrix --growth` only: latency per append against the size of the run's log.
    public var growth: [GrowthPoint]?
    /// Process and crash safety as measured, per strategy and mode (absent when nothing measured them).
    public var safety: [SafetyVerdict]?
    /// The load model of the document's cells in words (`LoadProfile.description`); absent in older
    /// documents, which were all measured closed loop with durable acknowledgements.
    public var loadModel: String?
    /// `bench saturate` (and `bench seed-claims`): each saturation search, its steps and its knee.
    public var saturation: [SaturationResult]?
    /// Uncontended single-write latency at the start and end of the run, to normalize times across
    /// machines. Optional: documents written before it existed still decode.
    public var calibration: RunCalibration?
    /// The overhead budget per log the run was judged against (absent in older documents).
    public var budgetNs: Double?
    /// `--allow-failed`: failed writes were reported but not judged as data loss.
    public var allowFailed: Bool?
    /// Per cell over its trials: median of the trial values and bootstrap 95% CI of each metric.
    /// A derived figure: set by `DerivedFigures.apply` when the document is finished (or loaded
    /// without it), and read by every consumer.
    public var summaries: [CellSummary]?
    /// The designs measured, as they described themselves when this document was written.
    public var designs: [DesignTraits]?
    /// With external adapters: one call's round trip through `bench noop-adapter` at c=1, the
    /// protocol's own cost, measured in the same invocation (absent without adapters).
    public var adapterProtocolNs: LatencySummary? = nil
    /// `bench seed-claims`: what each design is made of, counted and stated (`DesignFacts`).
    public var designFacts: [DesignFacts]? = nil

    public init(
        environment: EnvironmentInfo, cells: [CellResult], complete: Bool = true, matrix: MatrixInfo? = nil,
        limits: [EngineLimit]? = nil, growth: [GrowthPoint]? = nil, calibration: RunCalibration? = nil
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

    /// Data loss in a cell the user asked for: exit code 3. Failed writes count too (an entry the
    /// application meant to log is not there) unless the run was started with `--allow-failed`.
}

/// One strategy at one concurrency with one workload, measured once (one trial).
public struct CellResult: Codable, Sendable {
    package init(
        strategy: String, role: Role, concurrency: Int, trial: Int, workload: Workload, audit: AuditResult,
        latencyNs: LatencySummary, overheadNs: OverheadSummary? = nil, throughputPerSec: Double, wallTimeNs: UInt64,
        memory: MemorySummary, harnessOverheadNs: Double, counters: StrategyCounters, errors: [String],
        phasesNs: [String: PhaseSummary]? = nil, failedLatencyNs: LatencySummary? = nil,
        failures: [FailureCount]? = nil, timerCostNs: Double? = nil, mode: ExecutionMode? = nil,
        workerProcesses: Int? = nil, integrityCheck: String? = nil, crash: CrashOutcome? = nil,
        safetyProbe: Bool? = nil, referenceOf: Workload? = nil, durabilityLagNs: LatencySummary? = nil,
        load: LoadResult? = nil
    ) {
        self.strategy = strategy
        self.role = role
        self.concurrency = concurrency
        self.trial = trial
        self.workload = workload
        self.audit = audit
        self.latencyNs = latencyNs
        self.overheadNs = overheadNs
        self.throughputPerSec = throughputPerSec
        self.wallTimeNs = wallTimeNs
        self.memory = memory
        self.harnessOverheadNs = harnessOverheadNs
        self.counters = counters
        self.errors = errors
        self.phasesNs = phasesNs
        self.failedLatencyNs = failedLatencyNs
        self.failures = failures
        self.timerCostNs = timerCostNs
        self.mode = mode
        self.workerProcesses = workerProcesses
        self.integrityCheck = integrityCheck
        self.crash = crash
        self.safetyProbe = safetyProbe
        self.referenceOf = referenceOf
        self.durabilityLagNs = durabilityLagNs
        self.load = load
    }

    public enum Role: String, Codable, Sendable {
        /// Asked for by the user; its data loss sets the exit status.
        case measured
        /// The serial reference, measured only to compute other cells' overhead (`DerivedFigures`).
        case reference
        /// A sweep's growth cell: one producer appending to a pre-filled log (`GrowthPoint`).
        case growth
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
    /// Cost of the harness itself per measured log: in threads mode the real producer loop at this
    /// cell's concurrency driving a do-nothing appender (per log as one producer sees it); elsewhere
    /// the timer's cost.
    public var harnessOverheadNs: Double
    public var counters: StrategyCounters
    /// The first few distinct errors appends returned (see `failures` for how many calls each hit).
    public var errors: [String]
    /// Where the acknowledged calls' time went: phase → mean, p50, p99 per log (see `Phase`).
    /// Absent where the producers ran in worker processes, and in older documents.
    public var phasesNs: [String: PhaseSummary]? = nil
    /// Failed calls, timed apart from acknowledged ones (absent when none failed).
    public var failedLatencyNs: LatencySummary? = nil
    /// The first few distinct errors with the number of calls each hit, first seen first.
    public var failures: [FailureCount]? = nil
    /// The timer's own cost per log (two clock reads and a histogram record), to one decimal.
    public var timerCostNs: Double? = nil
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
    /// The part of a multi-part measurement (`bench seed-claims`) the cell belongs to (absent otherwise).
    public var part: String? = nil
    /// Reference cells: the workload they are the serial reference of (absent in older documents,
    /// whose reference ran the measured cell's workload itself).
    public var referenceOf: Workload? = nil
    /// `--ack accepted`: per entry durably written, from the call (open loop: its intended time) until
    /// it was committed and the call had returned. Equals `latencyNs` for a strategy without a buffer.
    /// Absent under `durable`, where the call returns at the commit (it would equal `latencyNs`).
    public var durabilityLagNs: LatencySummary? = nil
    /// The load as measured when it was not the default: see `LoadResult`.
    public var load: LoadResult? = nil
    /// The appender itself broke (an external adapter exited, hung or broke the protocol): the cell
    /// was still audited, but its figures stop where the adapter did, and the command exits 70.
    public var appenderFailure: String? = nil
    /// Rounds of the measured phase this cell drove (`Workload.rounds`), when more than one.
    public var rounds: Int? = nil
    /// With rounds: half the width of the throughput's 95 % confidence interval over the rounds,
    /// relative to it (0.03: ±3 %). Every round sends the same entries, so it is the interval of the
    /// mean round window.
    public var roundsThroughputHalfWidth: Double? = nil
    /// Closed loop with more than one producer: calls acknowledged per second while every producer
    /// was sending (each round from its start until its first producer finished), the design's rate
    /// without the round's tail; `pgbench -T` measures this. Absent where not measured.
    public var allBusyThroughputPerSec: Double? = nil
    /// The time `allBusyThroughputPerSec` was measured over, summed over the rounds.
    public var allBusyNs: UInt64? = nil

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
            + (workload.messageText == .realistic ? "" : " text=\(workload.messageText.rawValue)")
            + (workload.busyHandler == .fixed || workload.engine != .sqlite
                ? "" : " busy=\(workload.busyHandler.rawValue)")
            + (mode == .threads ? "" : " mode=\(mode.rawValue)")
            + (workload.codec == .fast ? "" : " codec=\(workload.codec.rawValue)")
            + (workload.engine == .sqlite ? "" : " engine=\(workload.engine.rawValue)") + workload.load.keySuffix
            + (workload.logsPerRun.map { " per-run=\($0)" } ?? "")
    }

    public static func < (lhs: CellKey, rhs: CellKey) -> Bool { lhs.description < rhs.description }
}

/// One distinct error and how many calls it hit.
public struct FailureCount: Codable, Sendable, Equatable {
    package init(message: String, calls: Int) {
        self.message = message
        self.calls = calls
    }

    public var message: String
    public var calls: Int
}
