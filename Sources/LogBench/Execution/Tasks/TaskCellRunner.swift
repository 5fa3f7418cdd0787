import Foundation

/// Runs one cell with producers as Swift tasks that `await addLog(...)`, on a `ThreadPoolTaskExecutor`
/// with one thread per task. Same workload, warm-up, start gate, timing and audit as threads mode,
/// so the difference in per-log latency between the modes is the cost of the async machinery.
public struct TaskCellRunner: Sendable {
    public var strategy: any AppendStrategy.Type
    public var workload: Workload
    public var role: CellResult.Role = .measured
    public var trial = 0
    public var keepDatabaseAt: String?
    public var temporaryDirectory = NSTemporaryDirectory()

    public init(strategy: any AppendStrategy.Type, workload: Workload) {
        self.strategy = strategy
        self.workload = workload
    }

    /// One producer task's results; written by that task only, read after all finished.
    private final class Slot: @unchecked Sendable {
        var histogram = LatencyHistogram()
        var outcomes: [SentLog.Outcome] = []
        var errors: [String] = []
        var setupError: Error?
        var finishedAt: UInt64 = 0
    }

    public func run(harnessOverheadNs: Double) throws -> CellResult {
        try CellFiles(keepDatabaseAt: keepDatabaseAt, temporaryDirectory: temporaryDirectory).use { files in
            try measure(databasePath: files.databasePath, scratch: files.scratch, harness: harnessOverheadNs)
        }
    }

    private func measure(databasePath: String, scratch: ScratchDirectory, harness harnessOverheadNs: Double) throws
        -> CellResult
    {
        let settings = ConnectionSettings(synchronous: workload.synchronous, busyTimeoutMs: workload.busyTimeoutMs)
        let admin = try Connection(path: databasePath, create: true, settings: settings)
        try Schema.create(on: admin, runIDs: workload.measuredRunIDs + workload.warmupRunIDs)
        let context = StrategyContext(
            databasePath: databasePath, settings: settings, runIDs: workload.measuredRunIDs + workload.warmupRunIDs,
            scratchDirectory: scratch.path, injectedDelayNs: workload.injectedDelayNs(for: strategy.name))
        let instance = try strategy.init(context: context)
        // `none` shares one connection among its tasks, as the pipeline did.
        let shared = strategy == NoCoordination.self ? try context.openConnection() : nil
        let executor = ThreadPoolTaskExecutor(threads: workload.concurrency)
        let gate = AsyncStartGate()
        let slots = (0..<workload.concurrency).map { _ in Slot() }
        let finished = DispatchSemaphore(value: 0)
        let messages = MessageGenerator(seed: workload.seed, length: workload.messageBytes)
        let workload = self.workload

        for producer in 0..<workload.concurrency {
            let slot = slots[producer]
            Task(executorPreference: executor) {
                defer { finished.signal() }
                func entry(_ seq: Int, _ run: Int) -> LogEntry {
                    LogEntry(
                        producer: producer, seq: seq, level: .forSequence(seq), ts: MonotonicClock.wallNanos(),
                        message: messages.message(run: run, producer: producer, seq: seq))
                }
                let appender: any AsyncLogAppender
                do {
                    appender =
                        try shared.map { try SeedShapedAppender(shared: $0, context: context) }
                        ?? BlockingAsyncAppender(try instance.makeAppender(producer: producer))
                    let warmupRun = workload.warmupRun(ofProducer: producer)
                    for seq in 0..<workload.warmupLogsPerProducer {
                        try await appender.addLog(entry(seq, warmupRun), run: warmupRun)
                    }
                } catch {
                    slot.setupError = error
                    await gate.arriveAndWait()
                    return
                }
                await gate.arriveAndWait()
                let run = workload.run(ofProducer: producer)
                slot.outcomes.reserveCapacity(workload.logsPerProducer)
                for seq in 0..<workload.logsPerProducer {
                    let next = entry(seq, run)
                    let start = MonotonicClock.now()
                    do {
                        try await appender.addLog(next, run: run)
                        slot.histogram.record(MonotonicClock.now() - start)
                        slot.outcomes.append(.acknowledged)
                    } catch {
                        slot.outcomes.append(.failed)
                        if slot.errors.count < 3 { slot.errors.append("\(error)") }
                    }
                }
                slot.finishedAt = MonotonicClock.now()
            }
        }
        gate.waitForArrivals(workload.concurrency)
        defer { executor.shutdown() }
        if let failure = slots.lazy.compactMap(\.setupError).first {
            gate.open()
            for _ in slots { finished.wait() }
            instance.shutdown()
            throw failure
        }
        try Schema.dropRuns(workload.warmupRunIDs, on: admin)
        let start = MonotonicClock.now()
        gate.open()
        for _ in slots { finished.wait() }
        let counters = instance.counters()
        instance.shutdown()

        var histogram = LatencyHistogram()
        var sent = SentLog()
        for (producer, slot) in slots.enumerated() {
            histogram.merge(slot.histogram)
            sent.record(run: workload.run(ofProducer: producer), producer: producer, outcomes: slot.outcomes)
        }
        let audit = try DatabaseAudit.audit(layout: strategy.layout, workload: workload, connection: admin, sent: sent)
        let end = slots.map(\.finishedAt).max() ?? start
        let wall = end > start ? end - start : 0
        let acknowledged = Int(histogram.count)
        return CellResult(
            strategy: strategy.name, role: role, concurrency: workload.concurrency, trial: trial, workload: workload,
            audit: audit, latencyNs: histogram.summary, overheadNs: nil,
            throughputPerSec: wall > 0 ? Double(acknowledged) / (Double(wall) / 1e9) : 0, wallTimeNs: wall,
            memory: MemorySummary(
                peakRssBytes: nil, peakAllocatedBytes: 0, allocatedAtStartBytes: 0, allocationsPerLog: 0,
                maxPendingPerRun: counters.maxPendingPerRun),
            harnessOverheadNs: harnessOverheadNs, counters: counters,
            errors: Array(Set(slots.flatMap(\.errors))).sorted().prefix(5).map { $0 }, mode: .tasks)
    }
}
