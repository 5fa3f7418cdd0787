import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// What one cell is: a strategy, a workload, and how and why it runs.
public struct CellSpec: Sendable {
    public var strategy: StrategyDescriptor
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
    /// The part of a multi-part measurement (`bench seed-claims`) it belongs to, recorded in its result.
    public var part: String?

    public init(
        strategy: StrategyDescriptor, workload: Workload, role: CellResult.Role = .measured, trial: Int = 0,
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

    /// A cell of a design of this package.
    public init(
        strategy: any BuiltInStrategy.Type, workload: Workload, role: CellResult.Role = .measured, trial: Int = 0,
        mode: ExecutionMode = .threads, crash: CrashPlan? = nil, keepDatabaseAt: String? = nil
    ) {
        self.init(
            strategy: StrategyDescriptor(strategy), workload: workload, role: role, trial: trial, mode: mode,
            crash: crash, keepDatabaseAt: keepDatabaseAt)
    }

    /// "queue c=20" or "queue c=8 processes crash trial 2", for progress lines.
    public var label: String {
        var text = "\(strategy.name) c=\(workload.concurrency) sync=\(workload.synchronous.rawValue)"
        if mode != .threads { text += " \(mode.rawValue)" }
        if crash != nil { text += " crash" }
        if safetyProbe { text = "safety " + text }
        if role == .reference { text += " (serial reference)" }
        if role == .growth {
            return "growth \(strategy.name) sync=\(workload.synchronous.rawValue) size=\(workload.prefillEntries ?? 0)"
        }
        return text + " trial \(trial + 1)"
    }
}

/// Runs a cell's producers, and only that: setup before and the audit after belong to
/// `CellPipeline`. Threads, tasks and worker processes are the three drivers.
package protocol CellDriver {
    /// Whether the allocator and peak-RSS figures of this process describe the producers' work.
    var measuresMemoryInProcess: Bool { get }

    /// Starts the producers, lets them warm up, calls `phase.willStart()` once all wait at the
    /// start line, runs the measured phase, calls `phase.didEnd()`, and reports what it saw.
    func drive(_ cell: PreparedCell, phase: MeasuredPhase) throws -> Observations
}

/// Everything set up for a driver: the database with its schema, and the strategy's context.
package struct PreparedCell {
    package init(
        spec: CellSpec, context: StrategyContext, database: any CellDatabase, scratch: ScratchDirectory,
        execution: ExecutionOptions, scope: CleanupScope
    ) {
        self.spec = spec
        self.context = context
        self.database = database
        self.scratch = scratch
        self.execution = execution
        self.scope = scope
    }

    package let spec: CellSpec
    package let context: StrategyContext
    package let database: any CellDatabase
    package let scratch: ScratchDirectory
    package let execution: ExecutionOptions
    package let scope: CleanupScope
    package var workload: Workload { spec.workload }
}

/// The pipeline's hooks around the measured phase: drop the warm-up rows and reset the memory
/// marks before it, stop sampling after it.
package struct MeasuredPhase {
    package init(willStart: @escaping () throws -> Void, didEnd: @escaping () -> Void) {
        self.willStart = willStart
        self.didEnd = didEnd
    }

    package let willStart: () throws -> Void
    package let didEnd: () -> Void
}

/// What a driver observed; `CellPipeline` turns it into a `CellResult`.
package struct Observations {
    package var latency = LatencyHistogram()
    /// Per run, producer and seq: how each call ended (what the audit compares the database with).
    package var sent = SentLog()
    package var startNs: UInt64 = 0
    package var endNs: UInt64 = 0
    /// The measured time of earlier rounds (`MeasuredRounds`), before this one's `startNs`.
    package var earlierRoundsNs: UInt64 = 0
    package var counters = StrategyCounters()
    package var failedLatency = LatencyHistogram()
    package var phases = PhaseHistograms()
    /// Distinct error messages in the order first seen, and how many calls each hit.
    package var errors: [String] = []
    package var errorCounts: [String: Int] = [:]
    /// Processes: the largest worker's peak RSS (in-process drivers leave it to the pipeline).
    package var workerPeakRssBytes: Int?
    package var workerProcesses: Int?
    /// Worker processes touched the file: run `PRAGMA integrity_check` after them.
    package var checkIntegrity = false
    package var crash: CrashObservation?
    /// Durability lag, schedule, drain and pending series (see `LoadRecord`).
    package var load = LoadRecord()
    /// The strategy itself broke (an external adapter): see `AppendStrategy.failure()`.
    package var strategyFailure: String?
    /// Closed loop: calls acknowledged while every producer was sending, and for how long (each
    /// round from its start until its first producer finished); nil when a producer did not count.
    package var allBusy: (acknowledged: Int, ns: UInt64)?
    private var allBusyUncounted = false

    /// Adds one producer's outcome: its histogram, its calls (filed under their runs), its first errors.
    package mutating func add(_ outcome: ProducerOutcome, producer: Int, workload: Workload) {
        latency.merge(outcome.histogram)
        if let failed = outcome.failedHistogram { failedLatency.merge(failed) }
        phases.merge(outcome.phases)
        sent.record(workload: workload, producer: producer, outcomes: outcome.outcomes)
        addErrors(outcome.errors, counts: outcome.errorCounts)
        endNs = max(endNs, outcome.finishedAt)
        addAllBusy(outcome)
    }

    private mutating func addAllBusy(_ outcome: ProducerOutcome) {
        guard !allBusyUncounted, let count = outcome.acknowledgedWhileAllBusy, outcome.finishedAt >= startNs
        else {
            allBusyUncounted = true
            allBusy = nil
            return
        }
        let window = outcome.finishedAt - startNs
        allBusy = allBusy.map { ($0.acknowledged + count, min($0.ns, window)) } ?? (count, window)
    }

    /// The next round's all-sending window after this one's (either uncounted: none).
    package mutating func absorbAllBusy(_ next: Observations) {
        guard let mine = allBusy, let theirs = next.allBusy else {
            allBusyUncounted = true
            allBusy = nil
            return
        }
        allBusy = (mine.acknowledged + theirs.acknowledged, mine.ns + theirs.ns)
    }

    package mutating func addErrors(_ messages: [String], counts: [String: Int]) {
        for message in messages {
            if errorCounts[message] == nil { errors.append(message) }
            errorCounts[message, default: 0] += counts[message] ?? 1
        }
    }
}

/// A crash trial as the driver saw it; the pipeline classifies entries once the database is read.
package struct CrashObservation {
    package init(
        plan: CrashPlan, victim: Int, killAfter: Int, killed: Bool, sentBeforeKill: [Int: [SentLog.Outcome]],
        sentAfterRestart: [Int: [SentLog.Outcome]]? = nil, restartExpected: Bool
    ) {
        self.plan = plan
        self.victim = victim
        self.killAfter = killAfter
        self.killed = killed
        self.sentBeforeKill = sentBeforeKill
        self.sentAfterRestart = sentAfterRestart
        self.restartExpected = restartExpected
    }

    package var plan: CrashPlan
    package var victim: Int
    package var killAfter: Int
    package var killed: Bool
    package var sentBeforeKill: [Int: [SentLog.Outcome]]
    /// Threads mode: what the restarted writer sent (nil when the writer was not restarted).
    package var sentAfterRestart: [Int: [SentLog.Outcome]]?
    package var restartExpected: Bool
}
