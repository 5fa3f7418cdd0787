import Foundation

/// What one cell is: a strategy, a workload, and how and why it runs.
public struct CellSpec: Sendable {
    public var strategy: any AppendStrategy.Type
    public var workload: Workload
    public var role: CellResult.Role
    public var trial: Int
    public var mode: ExecutionMode
    /// Kill a writer mid-run (`--crash`); the writer is then a worker process, whatever the mode.
    public var crash: CrashPlan?
    /// Keep the database at this path (must not exist). Otherwise it lives in a scratch folder.
    public var keepDatabaseAt: String?
    /// Measured by a sweep's safety probe rather than as a point of the sweep.
    public var safetyProbe = false
    /// A reference cell: the workload whose overhead it is the baseline of.
    public var referenceOf: Workload?

    public init(
        strategy: any AppendStrategy.Type, workload: Workload, role: CellResult.Role = .measured, trial: Int = 0,
        mode: ExecutionMode = .threads, crash: CrashPlan? = nil, keepDatabaseAt: String? = nil
    ) {
        self.strategy = strategy
        self.workload = workload
        self.role = role
        self.trial = trial
        self.mode = mode
        self.crash = crash
        self.keepDatabaseAt = keepDatabaseAt
    }

    /// "queue c=20" or "queue c=8 processes crash trial 2", for progress lines.
    public var label: String {
        var text = "\(strategy.name) c=\(workload.concurrency) sync=\(workload.synchronous.rawValue)"
        if mode != .threads { text += " \(mode.rawValue)" }
        if crash != nil { text += " crash" }
        if safetyProbe { text = "safety " + text }
        if role == .reference { text += " (serial reference)" }
        return text + " trial \(trial)"
    }
}

/// Runs a cell's producers, and only that: setup before and the audit after belong to
/// `CellPipeline`. Threads, tasks and worker processes are the three drivers.
protocol CellDriver {
    /// Whether the allocator and peak-RSS figures of this process describe the producers' work.
    var measuresMemoryInProcess: Bool { get }

    /// Starts the producers, lets them warm up, calls `phase.willStart()` once all wait at the
    /// start line, runs the measured phase, calls `phase.didEnd()`, and reports what it saw.
    func drive(_ cell: PreparedCell, phase: MeasuredPhase) throws -> Observations
}

/// Everything set up for a driver: the database with its schema, and the strategy's context.
struct PreparedCell {
    let spec: CellSpec
    let context: StrategyContext
    let database: any CellDatabase
    let scratch: ScratchDirectory
    let execution: ExecutionOptions
    let scope: CleanupScope
    var workload: Workload { spec.workload }
}

/// The pipeline's hooks around the measured phase: drop the warm-up rows and reset the memory
/// marks before it, stop sampling after it.
struct MeasuredPhase {
    let willStart: () throws -> Void
    let didEnd: () -> Void
}

/// What a driver observed; `CellPipeline` turns it into a `CellResult`.
struct Observations {
    var latency = LatencyHistogram()
    /// Per run, producer and seq: how each call ended (what the audit compares the database with).
    var sent = SentLog()
    var startNs: UInt64 = 0
    var endNs: UInt64 = 0
    var counters = StrategyCounters()
    var failedLatency = LatencyHistogram()
    var phases = PhaseHistograms()
    /// Distinct error messages in the order first seen, and how many calls each hit.
    var errors: [String] = []
    var errorCounts: [String: Int] = [:]
    /// Processes: the largest worker's peak RSS (in-process drivers leave it to the pipeline).
    var workerPeakRssBytes: Int?
    var workerProcesses: Int?
    /// Worker processes touched the file: run `PRAGMA integrity_check` after them.
    var checkIntegrity = false
    var crash: CrashObservation?
    /// Durability lag, schedule, drain and pending series (see `LoadRecord`).
    var load = LoadRecord()

    /// Adds one producer's outcome: its histogram, its calls, its first errors.
    mutating func add(_ outcome: ProducerOutcome, producer: Int, run: Int) {
        latency.merge(outcome.histogram)
        failedLatency.merge(outcome.failedHistogram)
        phases.merge(outcome.phases)
        sent.record(run: run, producer: producer, outcomes: outcome.outcomes)
        addErrors(outcome.errors, counts: outcome.errorCounts)
        endNs = max(endNs, outcome.finishedAt)
    }

    mutating func addErrors(_ messages: [String], counts: [String: Int]) {
        for message in messages {
            if errorCounts[message] == nil { errors.append(message) }
            errorCounts[message, default: 0] += counts[message] ?? 1
        }
    }
}

/// A crash trial as the driver saw it; the pipeline classifies entries once the database is read.
struct CrashObservation {
    var plan: CrashPlan
    var victim: Int
    var killAfter: Int
    var killed: Bool
    var sentBeforeKill: [Int: [SentLog.Outcome]]
    /// Threads mode: what the restarted writer sent (nil when the writer was not restarted).
    var sentAfterRestart: [Int: [SentLog.Outcome]]?
    var restartExpected: Bool
}
