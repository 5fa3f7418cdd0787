import Foundation
import LogBenchModel
import LogBenchStore
import LogBenchStrategies

/// Everything a command line says about what to measure, as plain values: the one place options
/// become a plan. Strategies are resolved for the engine, the server is reached once, every
/// workload of every step is built and bounded, all before the first step is measured. `run`,
/// `matrix`, `check`, `baseline save` and `saturate` fill one of these from their flags.
public struct PlanRequest: Sendable {
    /// Strategy names; empty means the seed's queue, ["all"] every design of the engine.
    public var strategies: [String] = []
    public var concurrency: [Int] = [20]
    public var synchronous: [SynchronousMode] = [.normal]
    /// Entries per producer; nil: a sweep's default (1000 entries per cell divided among producers).
    public var logsPerProducer: Int? = 50
    public var runs = 1
    /// `--runs-in-turn`: runs each producer writes one after another within a round, closed loop
    /// (`Workload.writeRunsInTurn`). Nil: `Workload.defaultRunsInTurn` under `--rounds auto` for designs
    /// that write runs in turn by default (`StrategyDescriptor.writesRunsInTurnByDefault`), else 1.
    public var runsInTurn: Int?
    /// Rounds of the measured phase (`Workload.rounds`): a count, or `auto`: at least `minMeasuredMs`
    /// (default 1000) measured, then until the throughput is known to ±2.5 %, at most ten times that
    /// (`AutoRounds`) or 1000 rounds. Nil: `autoRoundsByDefault` decides.
    public var rounds: Rounds?
    public var minMeasuredMs: Int?
    /// Nil rounds mean auto where rounds apply (closed loop, durable, in process), else one round.
    public var autoRoundsByDefault = false
    public static let autoMaxRounds = 1000
    public static let autoMinMeasuredMs = 1000

    public enum Rounds: Sendable, Equatable {
        case count(Int)
        case auto
    }
    public var messageBytes = 64
    public var warmup = 5
    public var busyTimeoutMs = 5000
    public var busyHandler = BusyHandler.fixed
    public var seed: UInt64 = 1
    public var injectDelayUs = 0
    /// Inject the delay into this strategy only (validates the gate).
    public var injectStrategy: String?
    public var codec = CodecKind.fast
    public var messageText = MessageText.realistic
    public var engine = EngineKind.sqlite
    /// `--database-url`; for PostgreSQL, `LOGBENCH_DATABASE_URL` when absent.
    public var databaseURL: String?
    public var load = LoadProfile()
    public var budgetMs = 1.0
    public var allowFailed = false
    public var temporaryDirectory = NSTemporaryDirectory()
    public var trials = 1
    public var measureReference = true
    public var keepDatabaseAt: String?
    public var execution = ExecutionOptions()
    public var sweep: BenchPlan.Sweep?
    /// `--adapter`: external implementations to measure beside (or instead of) the named designs.
    public var adapters: [String] = []
    /// `--reference-adapter`: the overhead reference, when it is an external implementation too.
    public var referenceAdapter: String?
    /// `--reference`: a built-in design as the overhead reference instead of the unfixed pipeline
    /// (the measured design itself gives the cost of its coordination: one producer per run vs c).
    public var reference: String?
    /// `--adapter-timeout-ms`: the longest an adapter may take to answer any one request.
    public var adapterTimeoutMs = 10_000

    public init() {}

    /// The server of a PostgreSQL plan, reached once (a bad URL or a server that is down costs no
    /// measuring time: exit 69); nil for SQLite, where a URL is a usage error.
    public func resolvedDatabaseURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> String?
    {
        switch engine {
        case .sqlite:
            if databaseURL != nil { throw UsageError("--database-url needs --engine postgres") }
            return nil
        case .postgres:
            guard let url = databaseURL ?? environment["LOGBENCH_DATABASE_URL"], !url.isEmpty else {
                throw UsageError("--engine postgres needs --database-url postgresql://… or LOGBENCH_DATABASE_URL")
            }
            Redaction.register(databaseURL: url)
            _ = try ServerInfo.probe(url: url)
            return url
        }
    }

    /// The engine's strategies named by `strategies`, each once, then the adapters (each started
    /// once for its handshake). No name and no adapter: the seed's queue.
    public func resolvedStrategies() throws -> [StrategyDescriptor] {
        guard (100...3_600_000).contains(adapterTimeoutMs) else {
            throw UsageError("--adapter-timeout-ms must be between 100 and 3600000 (got \(adapterTimeoutMs))")
        }
        let adapters = try self.adapters.map { try describeAdapter($0, isReference: false) }
        if strategies == ["all"] { return StrategyRegistry.all(for: engine).map(StrategyDescriptor.init) + adapters }
        let names = strategies.isEmpty && adapters.isEmpty ? [StrategyRegistry.defaultStrategy.name] : strategies
        guard Set(names).count == names.count else { throw UsageError("--strategy repeats a strategy") }
        let builtIn = try names.map { name in
            guard let type = StrategyRegistry.strategy(named: name, engine: engine) else {
                let known = StrategyRegistry.all(for: engine).map { $0.name }.joined(separator: ", ")
                throw UsageError("strategy \(name) has no \(engine.displayName) form (known: \(known))")
            }
            return StrategyDescriptor(type)
        }
        let all = builtIn + adapters
        guard Set(all.map(\.name)).count == all.count else {
            throw UsageError("two adapters gave the same name (\(adapters.map(\.name).joined(separator: ", ")))")
        }
        return all
    }

    /// `--reference` or `--reference-adapter`, described; nil without either (the unfixed pipeline).
    public func resolvedReference() throws -> StrategyDescriptor? {
        if let reference {
            guard referenceAdapter == nil else {
                throw UsageError("--reference and --reference-adapter both name the overhead reference: give one")
            }
            guard let type = StrategyRegistry.strategy(named: reference, engine: engine) else {
                let known = StrategyRegistry.all(for: engine).map { $0.name }.joined(separator: ", ")
                throw UsageError(
                    "--reference \(reference): no \(engine.displayName) design of that name (known: \(known))")
            }
            return StrategyDescriptor(type)
        }
        return try referenceAdapter.map { try describeAdapter($0, isReference: true) }
    }

    private func describeAdapter(_ text: String, isReference: Bool) throws -> StrategyDescriptor {
        let flag = isReference ? "--reference-adapter" : "--adapter"
        let command = try AdapterCommand(text, flag: flag)
        let timeout = UInt64(adapterTimeoutMs) * 1_000_000
        do {
            return try AdapterHandshake.probe(command, timeoutNs: timeout)
                .descriptor(command: command, engine: engine, timeoutNs: timeout, isReference: isReference)
        } catch let failure as AdapterFailure {
            throw AdapterFailure("\(flag) \(text): \(failure.description)")
        }
    }

    /// One workload per synchronous setting × concurrency, each validated. `designs`: the plan's
    /// strategies; under `--rounds auto` they write runs in turn by default when all of them may
    /// (`StrategyDescriptor.writesRunsInTurnByDefault`).
    public func workloads(designs: [StrategyDescriptor] = []) throws -> [Workload] {
        guard Set(concurrency).count == concurrency.count else { throw UsageError("--concurrency repeats a level") }
        guard Set(synchronous).count == synchronous.count else {
            throw UsageError("--synchronous repeats a setting")
        }
        if let logsPerProducer, !(1...Workload.maxLogsPerProducer).contains(logsPerProducer) {
            throw UsageError(
                "--logs-per-producer must be between 1 and \(Workload.maxLogsPerProducer) (got \(logsPerProducer))")
        }
        try load.validate()
        var base = Workload(
            concurrency: 1, runs: runs, messageBytes: messageBytes, warmupLogsPerProducer: warmup,
            busyTimeoutMs: busyTimeoutMs, seed: seed, injectDelayUs: injectDelayUs, codec: codec, engine: engine)
        base.load = load
        base.messageText = messageText
        base.busyHandler = busyHandler
        try applyRounds(to: &base)
        if let injectStrategy {
            guard injectDelayUs > 0 else { throw UsageError("--inject-strategy needs --inject-delay-us") }
            guard strategies.isEmpty || strategies.contains(injectStrategy) else {
                throw UsageError("--inject-strategy \(injectStrategy) is not one of the --strategy values")
            }
            base.injectStrategy = injectStrategy
        }
        var workloads = BenchPlan.sweepWorkloads(
            base: base, concurrency: concurrency, synchronous: synchronous, logsPerProducer: logsPerProducer)
        // Open loop: what the window schedules, in runs of the closed loop's length.
        for index in workloads.indices where load.isOpenLoop {
            workloads[index].scheduleOpenLoop(load, logsPerRun: workloads[index].logsPerProducer)
        }
        let byDefault = !designs.isEmpty && designs.allSatisfy(\.writesRunsInTurnByDefault)
        try applyRunsInTurn(to: &workloads, byDefault: byDefault)
        for index in workloads.indices { workloads[index].fitAutoRoundsToBounds() }
        for workload in workloads { try workload.validate() }
        return workloads
    }

    /// The plan, bounded as a whole (`BenchPlan.validate()`), with the server reached.
    public func makePlan() throws -> BenchPlan {
        guard budgetMs > 0, budgetMs <= 60_000 else { throw UsageError("--budget-ms must be in (0, 60000]") }
        guard (1...1000).contains(trials) else {
            throw UsageError("--trials must be between 1 and 1000 (got \(trials))")
        }
        if !measureReference,
            let flag = reference.map({ _ in "--reference" }) ?? referenceAdapter.map({ _ in "--reference-adapter" })
        {
            // --no-reference, a crash trial and saturate measure no reference: naming one would be ignored.
            throw UsageError(
                "\(flag): this run measures no overhead reference (--no-reference, --crash and saturate take none)")
        }
        try DatabaseLocation.validateTemporaryFolder(temporaryDirectory)
        let designs = try resolvedStrategies()
        var plan = BenchPlan(
            strategies: designs, workloads: try workloads(designs: designs), trials: trials,
            measureReference: measureReference, budgetNs: budgetMs * 1e6, keepDatabaseAt: keepDatabaseAt,
            temporaryDirectory: temporaryDirectory)
        plan.execution = execution
        plan.allowFailed = allowFailed
        plan.sweep = sweep
        plan.reference = try resolvedReference()
        if load.maxPending != nil || load.drainLimitS != nil {
            // Bounds on a queue: a design without one would silently ignore them.
            let unqueued = plan.strategies.filter { !$0.buffersEntries }.map { $0.name }
            guard unqueued.isEmpty else {
                let flag = load.maxPending != nil ? "--max-pending" : "--drain-limit-s"
                throw UsageError(
                    "\(flag) bounds a queue, and \(unqueued.joined(separator: ", ")) has none: measure the queueing designs "
                        + "(\(StrategyRegistry.all(for: engine).filter { $0.buffersEntries }.map { $0.name }.joined(separator: ", "))) "
                        + "or leave \(flag) out")
            }
        }
        plan.execution.databaseURL = try resolvedDatabaseURL()
        try plan.validate()
        return plan
    }

    /// One saturation search per strategy, on the request's first workload shape (its load is
    /// replaced per step), every step bounded before the first is measured.
    public func makeSaturationPlans(configure: (inout SaturationPlan) -> Void) throws -> [SaturationPlan] {
        guard concurrency.count == 1, synchronous.count == 1 else {
            throw UsageError("saturate searches one concurrency and one synchronous setting at a time")
        }
        let plan = try makePlan()
        return try plan.strategies.map { strategy in
            var search = SaturationPlan(strategy: strategy, base: plan.workloads[0])
            search.temporaryDirectory = temporaryDirectory
            search.databaseURL = plan.execution.databaseURL
            search.budgetNs = plan.budgetNs
            search.allowFailed = allowFailed
            configure(&search)
            try search.validate()
            return search
        }
    }

    /// Closed loop: each workload's runs in turn (`--runs-in-turn`, or the default under auto rounds
    /// when `byDefault`); the flag with open loop, or out of range, is refused.
    private func applyRunsInTurn(to workloads: inout [Workload], byDefault: Bool) throws {
        if let runsInTurn {
            guard !load.isOpenLoop else {
                throw UsageError(
                    "--runs-in-turn is the closed loop's: open loop moves on to a fresh run every --logs-per-producer "
                        + "entries already")
            }
            guard (1...Workload.maxRunsPerRound).contains(runsInTurn) else {
                throw UsageError(
                    "--runs-in-turn must be between 1 and \(Workload.maxRunsPerRound) (got \(runsInTurn))")
            }
        }
        for index in workloads.indices where !load.isOpenLoop {
            let auto = byDefault && workloads[index].minMeasuredMs != nil
            let count =
                runsInTurn
                ?? (auto
                    ? Workload.defaultRunsInTurn(
                        logsPerProducer: workloads[index].logsPerProducer, runs: workloads[index].runs) : 1)
            workloads[index].writeRunsInTurn(count)
        }
    }

    /// The rounds of every workload; an explicit `--rounds` where rounds cannot apply is refused.
    private func applyRounds(to base: inout Workload) throws {
        let inProcess = execution.crash == nil && execution.mode != .processes
        let applies = inProcess && !load.isOpenLoop && load.ack == .durable
        switch rounds ?? (autoRoundsByDefault && applies ? .auto : .count(1)) {
        case .count(let count):
            guard minMeasuredMs == nil else { throw UsageError("--min-measured-ms needs --rounds auto") }
            base.rounds = count
        case .auto:
            // A ceiling only; with many runs a round, fewer rounds keep run ids within the cell's range.
            base.rounds = min(Self.autoMaxRounds, max(1, Workload.maxRunsPerCell / max(base.runs, 1)))
            base.minMeasuredMs = minMeasuredMs ?? Self.autoMinMeasuredMs
        }
        if base.rounds > 1 && !inProcess {
            throw UsageError("--rounds repeats an in-process cell; --mode processes and --crash measure one round")
        }
    }
}
