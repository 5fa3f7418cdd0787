import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// One cell, one way, whatever the mode: set up (files, schema, context) → a driver runs the
/// producers → the audit reads the database back → one `CellResult`, assembled here and nowhere
/// else. A figure the driver could not measure stays nil.
public struct CellPipeline: Sendable {
    public var execution: ExecutionOptions
    public var temporaryDirectory: String
    public var scope: CleanupScope
    /// The timer's own cost per log (two clock reads and a record), measured once per invocation.
    public var timerCostNs: Double
    /// The producer loop's own cost per log for a workload (the session measures it once per shape).
    public var harnessNs: @Sendable (Workload) -> Double

    public init(
        execution: ExecutionOptions = ExecutionOptions(), temporaryDirectory: String = NSTemporaryDirectory(),
        scope: CleanupScope = CleanupScope(), timerCostNs: Double = 0,
        harnessNs: @escaping @Sendable (Workload) -> Double = HarnessCalibration.producerLoopNs
    ) {
        self.execution = execution
        self.temporaryDirectory = temporaryDirectory
        self.scope = scope
        self.timerCostNs = timerCostNs
        self.harnessNs = harnessNs
    }

    public func run(_ spec: CellSpec) throws -> CellResult {
        let driver = Self.driver(for: spec, execution: execution)
        let workload = spec.workload
        // A kept SQLite database is a file `CellFiles` claims; a kept PostgreSQL one is a schema.
        let files = try CellFiles(
            keepDatabaseAt: workload.engine == .sqlite ? spec.keepDatabaseAt : nil,
            temporaryDirectory: temporaryDirectory, scope: scope)
        return try files.use { files in
            let settings = ConnectionSettings(
                synchronous: workload.synchronous, busyTimeoutMs: workload.busyTimeoutMs,
                busyHandler: workload.busyHandler)
            let rounds = MeasuredRounds(
                workload: workload, singleRound: driver is ProcessDriver,
                recordsMemory: driver.measuresMemoryInProcess)
            let allRounds = (0..<rounds.limit.rounds).map(workload.inRound)
            let runIDs = allRounds.flatMap(\.measuredRunIDs) + allRounds.flatMap(\.warmupRunIDs)
            let database = try CellDatabases.create(
                workload: workload, runIDs: runIDs, files: files, keep: spec.keepDatabaseAt, execution: execution,
                scope: scope)
            var finished = false
            defer { database.close(finished: finished) }
            if let seq = workload.rejectedSeq { try database.rejectWrites(seq: seq) }
            for run in workload.measuredRunIDs where (workload.prefillEntries ?? 0) > 0 {
                try database.prefill(
                    run: run, entries: workload.prefill(run: run), layout: spec.strategy.layout, codec: workload.codec)
            }
            var context = StrategyContext(
                database: database.path, settings: settings, runIDs: runIDs, scratchDirectory: files.scratch.path,
                injectedDelayNs: workload.injectedDelayNs(for: spec.strategy.name), codec: workload.codec)
            context.maxPendingPerRun = workload.load.maxPending
            context.ack = workload.load.ack
            var warmupLeft: String?
            var (observed, roundsMeasured, memory, halfWidth) = try rounds.drive(
                round: { roundWorkload, phase in
                    var roundSpec = spec
                    roundSpec.workload = roundWorkload
                    // A strategy sees its round's runs only (a per-run queue starts a consumer for each).
                    var roundContext = context
                    roundContext.runIDs = roundWorkload.measuredRunIDs + roundWorkload.warmupRunIDs
                    let cell = PreparedCell(
                        spec: roundSpec, context: roundContext, database: database, scratch: files.scratch,
                        execution: execution, scope: scope)
                    return try driver.drive(cell, phase: phase)
                },
                willStart: { roundWorkload in
                    // The measured phase starts with the warm-up's rows gone. Rows that cannot be dropped
                    // (a full disk) stay: the audit never reads warm-up runs, and the measured writes then
                    // meet the same condition and fail visibly.
                    do {
                        try database.dropRuns(roundWorkload.warmupRunIDs)
                    } catch {
                        warmupLeft = "warm-up rows were not removed: \(error)"
                    }
                })
            if let warmupLeft { observed.addErrors([warmupLeft], counts: [warmupLeft: 0]) }
            var result = try assemble(
                spec: spec, observed: observed, memory: memory, rounds: roundsMeasured, database: database)
            if roundsMeasured > 1 {
                result.rounds = roundsMeasured
                result.roundsThroughputHalfWidth = halfWidth
            }
            finished = true
            return result
        }
    }

    package static func driver(for spec: CellSpec, execution: ExecutionOptions) -> any CellDriver {
        // A crash trial (or an injected worker fault) needs a writer process to kill.
        if spec.crash != nil || spec.mode == .processes || execution.fault != nil { return ProcessDriver() }
        return spec.mode == .tasks ? TaskDriver() : ThreadDriver()
    }

    private func assemble(
        spec: CellSpec, observed: Observations, memory: MemoryRecorder.Result?, rounds: Int,
        database: any CellDatabase
    ) throws -> CellResult {
        // After a kill the server may still run the victim's session: audit what it holds once it is gone.
        try database.awaitWritersGone()
        var storedByProducer: [Int: Set<Int>] = [:]
        var audit = AuditResult()
        for round in 0..<rounds {
            audit =
                audit
                + (try DatabaseAudit.audit(
                    workload: spec.workload.inRound(round), sent: observed.sent,
                    observe: { entry in
                        if let producer = entry.producer, let seq = entry.seq {
                            storedByProducer[producer, default: []].insert(seq)
                        }
                    }, read: { run in try database.entries(run: run, layout: spec.strategy.layout) }))
        }
        audit.acknowledgedUnwritten = observed.load.acknowledgedUnwritten
        let integrity = observed.checkIntegrity ? try database.integrityCheck() : nil
        let crash = observed.crash.map { crash in
            var outcome = CrashOutcome(
                plan: crash.plan.description, victimWorker: crash.victim, killAfterAcknowledged: crash.killAfter,
                killed: crash.killed, integrityCheck: integrity ?? "not checked")
            CrashAudit.classify(
                sent: crash.sentBeforeKill, stored: storedByProducer, logsPerProducer: spec.workload.logsPerProducer,
                resumed: crash.sentAfterRestart, into: &outcome)
            if crash.restartExpected && crash.sentAfterRestart == nil { outcome.restarted = false }
            return outcome
        }
        let acknowledged = observed.sent.count(of: .acknowledged)
        // In-process drivers: the real producer loop at this concurrency around a do-nothing appender.
        let harness = (spec.mode == .threads && spec.crash == nil) ? harnessNs(spec.workload) : timerCostNs
        let wall = observed.measuredNs
        let memorySummary: MemorySummary
        if let measured = memory {
            memorySummary = MemorySummary(
                peakRssBytes: measured.peakRssBytes, peakAllocatedBytes: measured.peakAllocatedBytes,
                allocatedAtStartBytes: measured.allocatedAtStartBytes,
                allocationsPerLog: acknowledged > 0 ? Double(measured.allocationRequests) / Double(acknowledged) : nil,
                maxPendingPerRun: observed.counters.maxPendingPerRun)
        } else {
            memorySummary = MemorySummary(
                peakRssBytes: observed.workerPeakRssBytes, maxPendingPerRun: observed.counters.maxPendingPerRun)
        }
        var result = CellResult(
            strategy: spec.strategy.name, role: spec.role, concurrency: spec.workload.concurrency, trial: spec.trial,
            workload: spec.workload, audit: audit, latencyNs: observed.latency.summary, overheadNs: nil,
            throughputPerSec: wall > 0 ? Double(acknowledged) / (Double(wall) / 1e9) : 0, wallTimeNs: wall,
            memory: memorySummary, harnessOverheadNs: harness, counters: observed.counters,
            errors: observed.errors.prefix(5).map(Redaction.redact), mode: spec.mode,
            workerProcesses: observed.workerProcesses, integrityCheck: integrity, crash: crash,
            safetyProbe: spec.safetyProbe ? true : nil)
        result.part = spec.part
        result.referenceOf = spec.referenceOf
        result.appenderFailure = observed.strategyFailure.map(Redaction.redact)
        result.timerCostNs = (timerCostNs * 10).rounded() / 10
        let phases = observed.phases.summary
        result.phasesNs = phases.isEmpty ? nil : phases
        if observed.failedLatency.count > 0 {
            result.failedLatencyNs = observed.failedLatency.summary
            result.failures = observed.errors.prefix(5).map {
                FailureCount(message: Redaction.redact($0), calls: observed.errorCounts[$0] ?? 0)
            }
        }
        result.recordLoad(spec: spec, observed: observed, acknowledged: acknowledged, wallNs: wall)
        if let allBusy = observed.allBusy, allBusy.ns > 0, spec.workload.concurrency > 1 {
            result.allBusyThroughputPerSec = Double(allBusy.acknowledged) / (Double(allBusy.ns) / 1e9)
            result.allBusyNs = allBusy.ns
        }
        return result
    }
}

extension SentLog {
    /// How many calls ended the given way, over every run and producer.
    package func count(of outcome: Outcome) -> Int {
        runs.values.reduce(0) { total, producers in
            total + producers.values.reduce(0) { $0 + $1.outcomes.lazy.filter { $0 == outcome }.count }
        }
    }
}
