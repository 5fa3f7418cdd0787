import Foundation

/// Runs one cell: a fresh database, the strategy, the producers, the measurements, the audit.
/// It observes and records; it does not judge (the gate and reports do that).
public struct CellRunner: Sendable {
    public var strategy: any AppendStrategy.Type
    public var workload: Workload
    public var role: CellResult.Role
    public var trial: Int
    /// Keep the database at this path (must not exist). Otherwise it lives in a scratch folder.
    public var keepDatabaseAt: String?
    /// Where scratch folders go.
    public var temporaryDirectory: String

    public init(
        strategy: any AppendStrategy.Type, workload: Workload, role: CellResult.Role = .measured, trial: Int = 0,
        keepDatabaseAt: String? = nil, temporaryDirectory: String = NSTemporaryDirectory()
    ) {
        self.strategy = strategy
        self.workload = workload
        self.role = role
        self.trial = trial
        self.keepDatabaseAt = keepDatabaseAt
        self.temporaryDirectory = temporaryDirectory
    }

    public func run(harnessOverheadNs: Double) throws -> CellResult {
        let settings = ConnectionSettings(synchronous: workload.synchronous, busyTimeoutMs: workload.busyTimeoutMs)
        return try CellFiles(keepDatabaseAt: keepDatabaseAt, temporaryDirectory: temporaryDirectory).use { files in
            try measure(
                databasePath: files.databasePath, settings: settings, scratch: files.scratch, harness: harnessOverheadNs
            )
        }
    }

    private func measure(
        databasePath: String, settings: ConnectionSettings, scratch: ScratchDirectory, harness: Double
    ) throws -> CellResult {
        let admin = try Connection(path: databasePath, create: true, settings: settings)
        try Schema.create(on: admin, runIDs: workload.measuredRunIDs + workload.warmupRunIDs)

        let context = StrategyContext(
            databasePath: databasePath, settings: settings, runIDs: workload.measuredRunIDs + workload.warmupRunIDs,
            scratchDirectory: scratch.path, injectedDelayNs: workload.injectedDelayNs(for: strategy.name))
        let instance = try strategy.init(context: context)
        let pool = ProducerPool(workload: workload, strategy: instance)
        pool.start()
        if let failure = pool.outcomes.lazy.compactMap(\.setupError).first {
            _ = pool.release()
            instance.shutdown()
            throw failure
        }

        // The measured phase starts with the warm-up's rows gone and the memory marks reset.
        try Schema.dropRuns(workload.warmupRunIDs, on: admin)
        MemoryProbe.resetPeakRSS()
        let requestsBefore = try MemoryProbe.allocationRequests()
        let sampler = AllocationSampler()
        let allocatedAtStart = try MemoryProbe.allocatedBytes()
        let start = pool.release()
        let outcomes = pool.outcomes
        let end = outcomes.map(\.finishedAt).max() ?? start
        let peakAllocated = sampler.stop()
        let requestsAfter = try MemoryProbe.allocationRequests()
        let peakRSS = MemoryProbe.peakRSSBytes()
        let counters = instance.counters()
        instance.shutdown()

        var histogram = LatencyHistogram()
        var sent = SentLog()
        for (producer, outcome) in outcomes.enumerated() {
            histogram.merge(outcome.histogram)
            sent.record(run: workload.run(ofProducer: producer), producer: producer, outcomes: outcome.outcomes)
        }
        let audit = try DatabaseAudit.audit(
            layout: strategy.layout, workload: workload, connection: admin, sent: sent)
        let acknowledged = Int(histogram.count)
        let wall = max(end, start) - start
        return CellResult(
            strategy: strategy.name, role: role, concurrency: workload.concurrency, trial: trial, workload: workload,
            audit: audit, latencyNs: histogram.summary, overheadNs: nil,
            throughputPerSec: wall > 0 ? Double(acknowledged) / (Double(wall) / 1e9) : 0,
            wallTimeNs: wall,
            memory: MemorySummary(
                peakRssBytes: peakRSS, peakAllocatedBytes: peakAllocated, allocatedAtStartBytes: allocatedAtStart,
                allocationsPerLog: acknowledged > 0 ? Double(requestsAfter - requestsBefore) / Double(acknowledged) : 0,
                maxPendingPerRun: counters.maxPendingPerRun),
            harnessOverheadNs: harness, counters: counters,
            errors: Array(Set(outcomes.flatMap(\.errors))).sorted().prefix(5).map { $0 })
    }
}
