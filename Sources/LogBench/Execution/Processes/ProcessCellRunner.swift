import Foundation

/// Runs one cell with its producers in worker processes: one producer per process (processes
/// mode), or all producers as threads of one writer process (threads mode with crash injection, so
/// that the whole writer can be killed). Optionally SIGKILLs one worker mid-run (a crash trial); in
/// threads mode the killed writer is then started again to append what was never sent.
/// Then the same audit as in-process cells, plus `integrity_check` and the crash classification.
public struct ProcessCellRunner: Sendable {
    public var strategy: any AppendStrategy.Type
    public var workload: Workload
    public var mode: ExecutionMode
    public var role: CellResult.Role = .measured
    public var trial = 0
    public var crash: CrashPlan?
    public var workerTimeoutS = 60
    public var keepDatabaseAt: String?
    public var temporaryDirectory = NSTemporaryDirectory()
    /// The `bench` binary workers run; by default this very executable.
    public var executable = ProcessCellRunner.currentExecutable
    public var fault: WorkerFault?

    public init(strategy: any AppendStrategy.Type, workload: Workload, mode: ExecutionMode) {
        precondition(mode != .tasks, "tasks run in-process")
        self.strategy = strategy
        self.workload = workload
        self.mode = mode
    }

    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Producers per worker process.
    var workerProducers: [[Int]] {
        mode == .processes ? (0..<workload.concurrency).map { [$0] } : [Array(0..<workload.concurrency)]
    }

    public func run(harnessOverheadNs: Double) throws -> CellResult {
        do {
            return try CellFiles(keepDatabaseAt: keepDatabaseAt, temporaryDirectory: temporaryDirectory).use { files in
                try measure(databasePath: files.databasePath, scratch: files.scratch, harness: harnessOverheadNs)
            }
        } catch let failure as WorkerGroup.Failure {
            throw WorkerGroup.Failure(
                description: "\(failure.description); killed the other workers and removed the temporary files")
        }
    }

    private func measure(databasePath: String, scratch: ScratchDirectory, harness: Double) throws -> CellResult {
        let settings = ConnectionSettings(synchronous: workload.synchronous, busyTimeoutMs: workload.busyTimeoutMs)
        var admin: Connection? = try Connection(path: databasePath, create: true, settings: settings)
        try Schema.create(on: admin!, runIDs: workload.measuredRunIDs + workload.warmupRunIDs)
        let exchange = ExchangeFolder(path: scratch.path)
        let producers = workerProducers
        let spec = WorkerSpec(
            strategy: strategy.name, workload: workload, databasePath: databasePath,
            sideFileDirectory: scratch.path, producers: producers, parentPID: getpid(), fault: fault)
        try ResultCoding.write(try ResultCoding.encode(spec), to: exchange.spec, replace: false)

        let timeoutNs = UInt64(workerTimeoutS) * 1_000_000_000
        let group = WorkerGroup(exchange: exchange)
        defer { group.killAll() }
        try group.spawn(count: producers.count, executable: executable)
        try group.waitUntilReady(timeoutNs: timeoutNs)
        try Schema.dropRuns(workload.warmupRunIDs, on: admin!)
        // Threads-mode crash trial: close ours once the writer's connections are open, so that the kill
        // leaves the WAL as the writer had it and the restarted writer is the first connection to open
        // it afterwards: SQLite's WAL recovery then runs in that writer, as after a real crash (were we
        // the last connection at the kill, our close would checkpoint and delete the WAL instead).
        if mode == .threads && crash != nil { admin = nil }

        let target = crash?.resolve(
            workers: producers.count, entriesPerWorker: producers[0].count * workload.logsPerProducer,
            seed: workload.seed, trial: trial)
        let tails = target.map { target in
            producers[target.victim].map { JournalTail(path: exchange.journal(producer: $0)) }
        }
        var killedAt: UInt64?
        let start = MonotonicClock.now()
        group.openBarrier()
        try group.waitForAll(
            timeoutNs: timeoutNs, expectedKills: { killedAt == nil ? [] : [target!.victim] },
            tick: {
                guard let target, let tails, killedAt == nil, group.exits[target.victim] == nil else { return }
                tails.forEach { $0.poll() }
                if tails.reduce(0, { $0 + $1.acknowledged }) >= target.after {
                    group.kill(worker: target.victim)
                    killedAt = MonotonicClock.now()
                }
            })

        var reports: [WorkerReport] = []
        for index in producers.indices where !(killedAt != nil && index == target?.victim) {
            reports.append(try readReport(exchange.report(worker: index), worker: index))
        }
        // Threads mode: the killed writer was the only one, so start it again (processes mode: the
        // other workers went on writing after the kill, which already uses the crashed database).
        let restartsWriter = mode == .threads && killedAt != nil
        if restartsWriter {
            reports.append(try restartWriter(exchange: exchange, timeoutNs: timeoutNs))
        }
        if admin == nil { admin = try Connection(path: databasePath, settings: settings) }

        var sent = SentLog()
        var sentBeforeKill: [Int: [SentLog.Outcome]] = [:]
        var sentAfterRestart: [Int: [SentLog.Outcome]]? = restartsWriter ? [:] : nil
        for producer in 0..<workload.concurrency {
            let journal = try JournalContents.read(path: exchange.journal(producer: producer))
            sentBeforeKill[producer] = journal.outcomes
            var outcomes = journal.outcomes
            if restartsWriter {
                let resumed = try JournalContents.read(
                    path: exchange.journal(producer: producer, restarted: true), firstSeq: journal.nextSeq)
                sentAfterRestart?[producer] = resumed.outcomes
                outcomes += resumed.outcomes
            }
            sent.record(run: workload.run(ofProducer: producer), producer: producer, outcomes: outcomes)
        }
        let (audit, storedByProducer) = try auditDatabase(admin: admin!, sent: sent)
        let integrity = try Self.integrityCheck(admin!)

        var crashOutcome: CrashOutcome?
        if let target, let crash {
            var outcome = CrashOutcome(
                plan: crash.description, victimWorker: target.victim, killAfterAcknowledged: target.after,
                killed: killedAt != nil, integrityCheck: integrity)
            CrashAudit.classify(
                sent: sentBeforeKill, stored: storedByProducer, logsPerProducer: workload.logsPerProducer,
                resumed: sentAfterRestart, into: &outcome)
            if mode == .threads && !restartsWriter { outcome.restarted = false }
            crashOutcome = outcome
        }

        var latency = LatencyHistogram()
        var counters = StrategyCounters()
        for report in reports {
            latency.merge(report.latency)
            counters.busyWaits += report.counters.busyWaits
            counters.retries += report.counters.retries
            if let pending = report.counters.maxPendingPerRun {
                counters.maxPendingPerRun = max(counters.maxPendingPerRun ?? 0, pending)
            }
        }
        let end = max(reports.map(\.finishedAtNs).max() ?? start, killedAt ?? start)
        let wall = end > start ? end - start : 0
        let acknowledged = sent.runs.values.flatMap(\.values).joined().filter { $0 == .acknowledged }.count
        return CellResult(
            strategy: strategy.name, role: role, concurrency: workload.concurrency, trial: trial, workload: workload,
            audit: audit, latencyNs: latency.summary, overheadNs: nil,
            throughputPerSec: wall > 0 ? Double(acknowledged) / (Double(wall) / 1e9) : 0, wallTimeNs: wall,
            // Per-process allocator figures are not merged across workers: only the largest worker RSS.
            memory: MemorySummary(
                peakRssBytes: reports.map(\.peakRssBytes).max(), peakAllocatedBytes: 0, allocatedAtStartBytes: 0,
                allocationsPerLog: 0, maxPendingPerRun: counters.maxPendingPerRun),
            harnessOverheadNs: harness, counters: counters,
            errors: Array(Set(reports.flatMap(\.errors))).sorted().prefix(5).map { $0 }, mode: mode,
            workerProcesses: producers.count, integrityCheck: integrity, crash: crashOutcome)
    }

    /// Threads mode, after the kill: starts the writer again (same spec, `bench worker --restarted`),
    /// lets it append every producer's unsent entries, and returns its report.
    private func restartWriter(exchange: ExchangeFolder, timeoutNs: UInt64) throws -> WorkerReport {
        let group = WorkerGroup(exchange: exchange, restarted: true)
        defer { group.killAll() }
        try group.spawn(count: 1, executable: executable)
        try group.waitUntilReady(timeoutNs: timeoutNs)
        group.openBarrier()
        try group.waitForAll(timeoutNs: timeoutNs, expectedKills: { [] }, tick: {})
        return try readReport(exchange.report(worker: 0, restarted: true), worker: 0, name: "restarted writer")
    }

    private func readReport(_ path: String, worker: Int, name: String? = nil) throws -> WorkerReport {
        let name = name ?? "worker \(worker)"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkerGroup.Failure(description: "\(name) exited without writing its report \(path)")
        }
        do {
            let report = try JSONDecoder().decode(WorkerReport.self, from: data)
            guard report.format == WorkerReport.currentFormat, report.worker == worker else {
                throw WorkerProtocolError("format \(report.format), worker \(report.worker)")
            }
            return report
        } catch {
            throw WorkerGroup.Failure(description: "\(name) wrote an unreadable report: \(error)")
        }
    }

    /// The usual audit, and which seqs each producer has in the database (for the crash audit).
    private func auditDatabase(admin: Connection, sent: SentLog) throws -> (AuditResult, [Int: Set<Int>]) {
        var storedByProducer: [Int: Set<Int>] = [:]
        let audit = try DatabaseAudit.audit(layout: strategy.layout, workload: workload, connection: admin, sent: sent)
        {
            if let producer = $0.producer, let seq = $0.seq { storedByProducer[producer, default: []].insert(seq) }
        }
        return (audit, storedByProducer)
    }

    /// `PRAGMA integrity_check`: "ok", or its complaints joined.
    static func integrityCheck(_ connection: Connection) throws -> String {
        let statement = try Statement(connection: connection, sql: "PRAGMA integrity_check")
        var lines: [String] = []
        while try statement.step() { lines.append(statement.text(at: 0) ?? "") }
        return lines.joined(separator: "; ")
    }
}
