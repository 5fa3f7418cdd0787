import Foundation

/// One cell, one way, whatever the mode: set up (files, schema, context) → a driver runs the
/// producers → the audit reads the database back → one `CellResult`, assembled here and nowhere
/// else. A figure the driver could not measure stays nil.
public struct CellPipeline: Sendable {
    public var execution: ExecutionOptions
    public var temporaryDirectory: String
    public var scope: CleanupScope
    /// The harness's own cost per log, measured once per invocation.
    public var harnessOverheadNs: Double

    public init(
        execution: ExecutionOptions = ExecutionOptions(), temporaryDirectory: String = NSTemporaryDirectory(),
        scope: CleanupScope = CleanupScope(), harnessOverheadNs: Double = 0
    ) {
        self.execution = execution
        self.temporaryDirectory = temporaryDirectory
        self.scope = scope
        self.harnessOverheadNs = harnessOverheadNs
    }

    public func run(_ spec: CellSpec) throws -> CellResult {
        let driver = Self.driver(for: spec, execution: execution)
        let files = try CellFiles(
            keepDatabaseAt: spec.keepDatabaseAt, temporaryDirectory: temporaryDirectory, scope: scope)
        return try files.use { files in
            let workload = spec.workload
            let settings = ConnectionSettings(synchronous: workload.synchronous, busyTimeoutMs: workload.busyTimeoutMs)
            let runIDs = workload.measuredRunIDs + workload.warmupRunIDs
            let database = try CellDatabase(path: files.databasePath, settings: settings, runIDs: runIDs)
            defer { database.release() }
            var context = StrategyContext(
                databasePath: files.databasePath, settings: settings, runIDs: runIDs,
                scratchDirectory: files.scratch.path, injectedDelayNs: UInt64(workload.injectDelayUs) * 1000,
                codec: workload.codec)
            context.maxPendingPerRun = workload.load.maxPending
            let cell = PreparedCell(
                spec: spec, context: context, database: database, scratch: files.scratch, execution: execution,
                scope: scope)

            var memory: MemoryRecorder?
            let phase = MeasuredPhase(
                willStart: {
                    // The measured phase starts with the warm-up's rows gone and the memory marks reset.
                    try Schema.dropRuns(workload.warmupRunIDs, on: try database.admin())
                    if driver.measuresMemoryInProcess { memory = try MemoryRecorder.start() }
                },
                didEnd: { memory?.stop() })
            let observed = try driver.drive(cell, phase: phase)
            return try assemble(spec: spec, observed: observed, memory: memory, database: database)
        }
    }

    static func driver(for spec: CellSpec, execution: ExecutionOptions) -> any CellDriver {
        // A crash trial (or an injected worker fault) needs a writer process to kill.
        if spec.crash != nil || spec.mode == .processes || execution.fault != nil { return ProcessDriver() }
        return spec.mode == .tasks ? TaskDriver() : ThreadDriver()
    }

    private func assemble(spec: CellSpec, observed: Observations, memory: MemoryRecorder?, database: CellDatabase)
        throws -> CellResult
    {
        let admin = try database.admin()
        var storedByProducer: [Int: Set<Int>] = [:]
        let audit = try DatabaseAudit.audit(
            layout: spec.strategy.layout, workload: spec.workload, connection: admin, sent: observed.sent
        ) { entry in
            if let producer = entry.producer, let seq = entry.seq {
                storedByProducer[producer, default: []].insert(seq)
            }
        }
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
        let wall = observed.endNs > observed.startNs ? observed.endNs - observed.startNs : 0
        let memorySummary: MemorySummary
        if let measured = memory?.result {
            memorySummary = MemorySummary(
                peakRssBytes: measured.peakRssBytes, peakAllocatedBytes: measured.peakAllocatedBytes,
                allocatedAtStartBytes: measured.allocatedAtStartBytes,
                allocationsPerLog: acknowledged > 0 ? Double(measured.allocationRequests) / Double(acknowledged) : nil,
                maxPendingPerRun: observed.counters.maxPendingPerRun)
        } else {
            memorySummary = MemorySummary(
                peakRssBytes: observed.workerPeakRssBytes, maxPendingPerRun: observed.counters.maxPendingPerRun)
        }
        var cell = CellResult(
            strategy: spec.strategy.name, role: spec.role, concurrency: spec.workload.concurrency, trial: spec.trial,
            workload: spec.workload, audit: audit, latencyNs: observed.latency.summary, overheadNs: nil,
            throughputPerSec: wall > 0 ? Double(acknowledged) / (Double(wall) / 1e9) : 0, wallTimeNs: wall,
            memory: memorySummary, harnessOverheadNs: harnessOverheadNs, counters: observed.counters,
            errors: Array(Set(observed.errors)).sorted().prefix(5).map { $0 }, mode: spec.mode,
            workerProcesses: observed.workerProcesses, integrityCheck: integrity, crash: crash,
            safetyProbe: spec.safetyProbe ? true : nil)
        cell.recordLoad(spec: spec, observed: observed, acknowledged: acknowledged, wallNs: wall)
        return cell
    }
}

extension SentLog {
    /// How many calls ended the given way, over every run and producer.
    func count(of outcome: Outcome) -> Int {
        runs.values.reduce(0) { total, producers in
            total + producers.values.reduce(0) { $0 + $1.lazy.filter { $0 == outcome }.count }
        }
    }
}
