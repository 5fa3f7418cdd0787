import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// The parts of `bench seed-claims` after the four performance claims: the rest of the seed's
/// document, each part a `BenchPlan` whose cells record the part's name (`SeedClaimPart`).
extension SeedClaimsPlan {
    /// The seed's own test shapes: "20 concurrent log writes" and "10 parallel image tasks", each
    /// producer writing once, with no warm-up (the seed's test had none).
    public static let seedTestShapes = [20, 10]
    /// Runs of the isolation and scalability parts, and producers per run there.
    public static let runCounts = [1, 2, 4, 8, 16]
    public static let producersPerRun = 2
    public static let entriesPerRun = 50
    /// Producers on one run for the scalability part; each cell appends `entriesPerCell` entries.
    public static let concurrencyLevels = [1, 2, 5, 10, 20]
    public static let entriesPerCell = 500
    /// The error-handling cells: entries per producer, and the refused sequence number.
    public static let errorEntriesPerProducer = 10
    public static let rejectedSeq = 5

    /// The server the plans of this run's engine write to (nil for SQLite).
    var serverURL: String? { engine == .postgres ? databaseURL : nil }

    /// The designs the seed weighed (queue, transactions, a log table, file locks) by their names here.
    static let seedApproaches = ["queue", "transaction", "log-table", "lock"]

    /// Every design of the engine but the unfixed one, in the registry's order.
    var designs: [StrategyDescriptor] {
        StrategyRegistry.all(for: engine).filter { !$0.isReference }.map(StrategyDescriptor.init)
    }

    func documentParts() throws -> [BenchPlan] {
        var parts = beforePlans() + [designsPlan(), errorsPlan(), runsPlan(), concurrencyPlan(), safetyPlan()]
        parts.append(acceptedCrashPlan())
        if let host = try hostPlan() { parts.append(host) }
        return parts
    }

    private func plan(_ part: String, _ strategies: [StrategyDescriptor], _ workloads: [Workload], trials: Int = 1)
        -> BenchPlan
    {
        var plan = BenchPlan(
            strategies: strategies, workloads: workloads, trials: trials, measureReference: false,
            temporaryDirectory: temporaryDirectory)
        plan.part = part
        plan.execution.databaseURL = serverURL
        return plan
    }

    /// The unfixed code at the seed's test shapes, as threads and as tasks awaiting `addLog`.
    func beforePlans() -> [BenchPlan] {
        let workloads = Self.seedTestShapes.map { producers in
            var workload = Workload(
                concurrency: producers, logsPerProducer: 1, warmupLogsPerProducer: 0, engine: engine)
            workload.seed = 18
            return workload
        }
        return [ExecutionMode.threads, .tasks].map { mode in
            var before = plan(SeedClaimPart.before, [unfixed], workloads, trials: repetitions)
            before.execution.mode = mode
            return before
        }
    }

    /// Every design, the unfixed one included, at the seed's shape: order, p50/p99, throughput.
    /// The queue's cells of part 1 have the same workload; this part measures the others.
    func designsPlan() -> BenchPlan {
        plan(
            SeedClaimPart.designs, [unfixed] + designs.filter { $0.name != queue.name }, [closedLoop(.durable)],
            trials: trials)
    }

    /// Every design with one entry per producer refused by the database.
    func errorsPlan() -> BenchPlan {
        var workload = Workload(concurrency: concurrency, logsPerProducer: Self.errorEntriesPerProducer, engine: engine)
        workload.rejectedSeq = Self.rejectedSeq
        // Under --ack accepted a queue's caller has gone on when the write fails: measured apart.
        var accepted = workload
        accepted.load.ack = .accepted
        return plan(SeedClaimPart.errors, [unfixed] + designs, [workload, accepted])
    }

    /// The seed's four approaches with R runs side by side, the same producers per run.
    func runsPlan() -> BenchPlan {
        let workloads = Self.runCounts.map { runs in
            var workload = Workload(
                concurrency: runs * Self.producersPerRun, logsPerProducer: Self.entriesPerRun / Self.producersPerRun,
                runs: runs, engine: engine)
            workload.seed = 18
            return workload
        }
        return plan(SeedClaimPart.runs, Self.seedApproaches.map(design), workloads)
    }

    /// The seed's four approaches on one run as producers grow, the same entries per cell.
    func concurrencyPlan() -> BenchPlan {
        let workloads = Self.concurrencyLevels.map { producers in
            Workload(concurrency: producers, logsPerProducer: Self.entriesPerCell / producers, engine: engine)
        }
        return plan(SeedClaimPart.concurrency, Self.seedApproaches.map(design), workloads)
    }

    /// Processes mode and crash trials (the writer killed, then restarted) of every design.
    func safetyPlan() -> BenchPlan {
        var safety = plan(SeedClaimPart.safety, designs, [])
        let probe = SafetyProbe(workers: 8, logsPerProducer: 30, crashTrials: crashTrials)
        safety.cells = designs.flatMap { probe.cells(strategy: $0, base: Workload(concurrency: 8, engine: engine)) }
        return safety
    }

    /// Crash trials of the other buffering designs under `--ack accepted` (the queue's are part 3),
    /// with part 3's open-loop load: what a kill takes from callers told "queued".
    func acceptedCrashPlan() -> BenchPlan {
        let buffering = designs.filter { $0.buffersEntries && $0.name != queue.name }
        var crash = plan(SeedClaimPart.acceptedCrash, buffering, [openLoop(.accepted)], trials: crashTrials)
        crash.execution.crash = .random
        return crash
    }

    /// With SQLite and a server at hand: the PostgreSQL forms in processes mode, the host-safe column.
    func hostPlan() throws -> BenchPlan? {
        guard engine == .sqlite, let url = databaseURL else { return nil }
        let forms = StrategyRegistry.postgres.filter { !$0.isReference }.map(StrategyDescriptor.init)
        var host = BenchPlan(strategies: forms, workloads: [], measureReference: false)
        host.part = SeedClaimPart.host
        host.temporaryDirectory = temporaryDirectory
        host.execution.databaseURL = url
        let probe = SafetyProbe(workers: 8, logsPerProducer: 30, crashTrials: 0)
        host.cells = forms.flatMap { probe.cells(strategy: $0, base: Workload(concurrency: 8, engine: .postgres)) }
        return host
    }
}
