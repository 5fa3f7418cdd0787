import CPlatform
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// The worker side of processes mode: `bench worker --exchange <folder> --index <i>`, started by
/// the parent with posix_spawn. It runs its producers as threads of this process, journals every
/// send and acknowledgement, waits at the barrier with the other workers, and reports at the end.
///
/// With `--restarted` it is the writer started again after a crash: it opens the database the
/// killed writer left behind and resumes each producer after the last seq that producer's journal
/// shows as sent (an entry in flight at the kill is not sent again: nobody knows whether it was
/// stored), journaling into `producer-<p>.restarted.journal`.
public enum WorkerProcess {
    /// Runs worker `index` and returns when its report is written. Throws on setup failures; the
    /// command prints the error on stderr (which the parent keeps) and exits 70.
    public static func run(exchange: ExchangeFolder, index: Int, restarted: Bool = false) throws {
        // Die with the parent: SIGKILL when the spawning thread exits, and check it is not gone already.
        _ = logbench_set_parent_death_signal(SIGKILL)
        // A trap or crash leaves one line naming the step on stderr, which the parent quotes.
        _ = logbench_install_fatal_reporter(restarted ? "restarted writer" : "worker \(index)")
        step("reading the spec")
        let spec = try readSpec(exchange)
        guard getppid() == spec.parentPID else { throw WorkerProtocolError("parent \(spec.parentPID) is gone") }
        guard spec.producers.indices.contains(index) else {
            throw WorkerProtocolError("worker index \(index) is not in the spec")
        }
        let type = try describe(spec)
        var workload = spec.workload
        // The parent dropped the warm-up runs once the first writer was ready; there is nothing to warm.
        if restarted { workload.warmupLogsPerProducer = 0 }
        let producers = spec.producers[index]
        step("opening the database")
        let firstSeqs = try producers.map {
            restarted ? try JournalContents.read(path: exchange.journal(producer: $0)).nextSeq : 0
        }
        var context = StrategyContext(
            database: spec.databasePath,
            settings: ConnectionSettings(
                synchronous: workload.synchronous, busyTimeoutMs: workload.busyTimeoutMs,
                busyHandler: workload.busyHandler),
            // A restarted writer finds the warm-up runs already dropped: it is told of the measured ones only.
            runIDs: workload.measuredRunIDs + (restarted ? [] : workload.warmupRunIDs),
            scratchDirectory: spec.sideFileDirectory,
            injectedDelayNs: workload.injectedDelayNs(for: type.name), codec: workload.codec)
        context.maxPendingPerRun = workload.load.maxPending
        context.ack = workload.load.ack
        // A restarted writer opens one connection before its producers open theirs, and keeps it: this
        // first open after the kill runs WAL recovery, and producers opening all at once while it runs
        // fail with SQLITE_BUSY_RECOVERY (error 261, seen when the parent held no connection).
        // (A PostgreSQL server recovers nothing for a client that died: its backend just ends.)
        var recoveryConnection: Connection?
        if restarted, case .file(let path) = spec.databasePath {
            recoveryConnection = try Connection(path: path, settings: context.settings)
        }
        defer { recoveryConnection?.close() }
        let strategy = try type.make(context: context)
        let fault = spec.fault?.worker == index && !restarted ? spec.fault?.kind : nil
        let journals = try producers.map {
            try AckJournal(
                path: fault == .fullDisk ? "/dev/full" : exchange.journal(producer: $0, restarted: restarted))
        }
        let pool = ProducerPool(
            workload: workload, strategy: strategy, producers: producers, journals: journals, firstSeqs: firstSeqs)
        step("warming up")
        pool.start()
        if let failure = pool.outcomes.lazy.compactMap(\.setupError).first {
            throw WorkerProtocolError("worker \(index) setup failed: \(failure)")
        }

        step("waiting at the start barrier")
        try arriveAtBarrier()
        step("appending entries")
        if fault == .die { _exit(70) }
        if fault == .hang { while true { sleep(3600) } }
        if fault == .trap { preconditionFailure("injected trap (--worker-fault trap:\(index))") }

        let sampler = pool.startPendingSampler(strategy)
        _ = pool.release()
        // Under --ack accepted the writer goes on after the calls returned: wait for it (drain limit).
        let (outcomes, load) = pool.finishAcceptedWrites(strategy: strategy, sampler: sampler)
        // A producer records its setup failure only after the gate opens, so check again here.
        if let failure = outcomes.lazy.compactMap(\.setupError).first {
            throw WorkerProtocolError("worker \(index) setup failed: \(failure)")
        }
        step("writing the report")
        let counters = strategy.counters()
        strategy.shutdown()
        let strategyFailure = strategy.failure()
        var observed = Observations()
        for (slot, outcome) in outcomes.enumerated() {
            observed.add(outcome, producer: producers[slot], workload: workload)
        }
        var report = WorkerReport(
            worker: index, latency: observed.latency,
            finishedAtNs: max(outcomes.map(\.finishedAt).max() ?? MonotonicClock.now(), load.lastCommitNs ?? 0),
            counters: counters,
            errors: observed.errors, peakRssBytes: peakRSS())
        report.failedLatency = observed.failedLatency
        report.errorCounts = observed.errorCounts
        report.load = workload.load.isDefault ? nil : load
        report.strategyFailure = strategyFailure
        let data = fault == .badReport ? Data("not a report".utf8) : try ResultCoding.encode(report)
        try ResultCoding.write(data, to: exchange.report(worker: index, restarted: restarted), replace: true)
    }

    /// The spec's design: a built-in one by name, or its external adapter, started again here (its
    /// adapters join this worker's process group, so a crash trial's kill takes them along).
    private static func describe(_ spec: WorkerSpec) throws -> StrategyDescriptor {
        let engine = spec.databasePath.engine
        if let arguments = spec.adapterCommand {
            AdapterProcess.joinParentGroup = true
            let command = try AdapterCommand(arguments: arguments)
            let timeout = UInt64(spec.adapterTimeoutMs ?? 10_000) * 1_000_000
            return try AdapterHandshake.probe(command, timeoutNs: timeout)
                .descriptor(command: command, engine: engine, timeoutNs: timeout)
        }
        guard let type = StrategyRegistry.strategy(named: spec.strategy, engine: engine) else {
            throw WorkerProtocolError("unknown strategy \(spec.strategy) for \(engine.displayName)")
        }
        return StrategyDescriptor(type)
    }

    /// Names the step a fatal signal would interrupt (`logbench_install_fatal_reporter`).
    package static func step(_ text: String) { logbench_set_fatal_step(text) }

    /// One line on stderr with write(2): never traps, whatever the disk says (FileHandle.write
    /// raises a fatal error when the write fails, as it does on a full disk).
    public static func say(_ line: String) {
        var text = line + "\n"
        _ = text.withUTF8 { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    private static func readSpec(_ exchange: ExchangeFolder) throws -> WorkerSpec {
        guard let data = FileManager.default.contents(atPath: exchange.spec) else {
            throw WorkerProtocolError("cannot read \(exchange.spec)")
        }
        return try JSONDecoder().decode(WorkerSpec.self, from: data)
    }

    /// Says "ready" with one byte, then blocks until the parent closes the barrier (EOF).
    private static func arriveAtBarrier() throws {
        var byte: UInt8 = 1
        guard write(WorkerDescriptors.ready, &byte, 1) == 1 else {
            throw WorkerProtocolError("cannot signal ready: \(String(cString: strerror(errno)))")
        }
        close(WorkerDescriptors.ready)
        while true {
            let count = read(WorkerDescriptors.barrier, &byte, 1)
            if count == 0 { break }
            if count < 0 && errno != EINTR {
                throw WorkerProtocolError("barrier read failed: \(String(cString: strerror(errno)))")
            }
        }
        close(WorkerDescriptors.barrier)
    }

    private static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }
}
