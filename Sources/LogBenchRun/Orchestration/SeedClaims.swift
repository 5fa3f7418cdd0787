import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// `bench seed-claims`: everything needed to put the seed's four performance claims beside
/// measurements, under both acknowledgement points, in one result document. The seed's queue
/// (`StrategyRegistry.defaultStrategy`) and the unfixed pipeline (`StrategyRegistry.reference`):
/// 1. closed loop, durable and accepted, with the reference (latency, overhead, throughput);
/// 2. open loop above the queue's write rate, durable and accepted (pending and memory over time);
/// 3. crash trials of that open-loop load, durable and accepted (what a kill takes);
/// 4. saturation searches (the sustainable rate of the queue under each ack, and of the reference);
/// then the rest of the seed's document (`SeedClaimsParts.swift`): the unfixed code at the seed's
/// test shapes, every design at the seed's shape, refused writes, runs and producers growing,
/// process and crash safety, and the facts of the decision table.
public struct SeedClaimsPlan: Sendable {
    public var concurrency = 20
    public var logsPerProducer = 50
    public var trials = 3
    /// Open loop: entries per second per producer, and the window.
    public var ratePerProducer = 50.0
    public var durationS = 3.0
    public var drainLimitS = 5.0
    public var crashTrials = 3
    public var saturationStepS = 1.0
    public var saturationMaxSteps = 10
    public var saturationStartRate = 2.0
    public var temporaryDirectory = NSTemporaryDirectory()
    /// The unfixed code at the seed's test shapes: repetitions of each.
    public var repetitions = 50
    public var engine = EngineKind.sqlite
    /// The server of a PostgreSQL run; with SQLite, a server to measure the PostgreSQL forms'
    /// host safety on (nil: not measured).
    public var databaseURL: String?

    public init() {}

    /// The engine's form of a design (the names are the same on every engine).
    func design(_ name: String) -> StrategyDescriptor {
        StrategyDescriptor(StrategyRegistry.strategy(named: name, engine: engine)!)
    }

    var queue: StrategyDescriptor { design(StrategyRegistry.defaultStrategy.name) }
    var unfixed: StrategyDescriptor { StrategyRegistry.referenceDescriptor(for: engine) }

    public func validate() throws(UsageError) {
        guard (1...1000).contains(trials) else { throw UsageError("--trials must be between 1 and 1000") }
        guard (1...100).contains(crashTrials) else { throw UsageError("--crash-trials must be between 1 and 100") }
        guard (1...40).contains(saturationMaxSteps) else {
            throw UsageError("--saturation-max-steps must be between 1 and 40")
        }
        guard (1...1000).contains(repetitions) else { throw UsageError("--repetitions must be between 1 and 1000") }
        try closedLoop(.durable).validate()
        try openLoop(.accepted).validate()
        for search in saturationPlans() { try search.validate() }
    }

    /// The closed-loop workload of part 1.
    public func closedLoop(_ ack: AckPoint) -> Workload {
        var workload = Workload(concurrency: concurrency, logsPerProducer: logsPerProducer, engine: engine)
        workload.load.ack = ack
        return workload
    }

    /// The open-loop workload of parts 2 and 3.
    public func openLoop(_ ack: AckPoint) -> Workload {
        var workload = Workload(concurrency: concurrency, engine: engine)
        workload.scheduleOpenLoop(
            LoadProfile(ack: ack, ratePerSec: ratePerProducer, durationS: durationS, drainLimitS: drainLimitS),
            logsPerRun: logsPerProducer)
        return workload
    }

    /// The saturation searches of part 4: the queue under each ack, and the reference.
    package func saturationPlans() -> [SaturationPlan] {
        let searches: [(StrategyDescriptor, AckPoint)] = [(queue, .durable), (queue, .accepted), (unfixed, .accepted)]
        return searches.map { strategy, ack in
            var plan = SaturationPlan(strategy: strategy, base: Workload(concurrency: concurrency, engine: engine))
            plan.databaseURL = engine == .postgres ? databaseURL : nil
            plan.ack = ack
            plan.stepDurationS = saturationStepS
            plan.maxSteps = saturationMaxSteps
            plan.startRate = saturationStartRate
            plan.refineSteps = 2
            plan.maxTotalS = 90
            plan.temporaryDirectory = temporaryDirectory
            return plan
        }
    }
}

public enum SeedClaims {
    /// Runs the four parts in order in `session`; every finished cell and search joins its document.
    /// After a signal no part or step starts; `session.finish()` then returns what finished.
    public static func run(
        _ plan: SeedClaimsPlan, session: MeasurementSession, progress: (String) -> Void = { _ in }
    ) throws {
        try plan.validate()
        let queue = plan.queue
        var parts: [BenchPlan] = []
        var closed = BenchPlan(
            strategies: [queue], workloads: [plan.closedLoop(.durable), plan.closedLoop(.accepted)],
            trials: plan.trials, temporaryDirectory: plan.temporaryDirectory)
        closed.measureReference = true
        parts.append(closed)
        parts.append(
            BenchPlan(
                strategies: [queue], workloads: [plan.openLoop(.durable), plan.openLoop(.accepted)],
                measureReference: false, temporaryDirectory: plan.temporaryDirectory))
        var crash = BenchPlan(
            strategies: [queue], workloads: [plan.openLoop(.durable), plan.openLoop(.accepted)],
            trials: plan.crashTrials, measureReference: false, temporaryDirectory: plan.temporaryDirectory)
        crash.execution.crash = .random
        parts.append(crash)
        for index in parts.indices { parts[index].execution.databaseURL = plan.serverURL }

        for (index, part) in parts.enumerated() where session.stopSignal == nil {
            try session.measure(part) { step in
                progress("part \(index + 1)/4 [\(step.done)/\(step.total)] \(step.label)")
            }
        }
        for search in plan.saturationPlans() where session.stopSignal == nil {
            try Saturation.run(search, session: session) { step in
                progress(
                    "part 4/4 saturate \(search.strategy.name) ack \(search.ack.rawValue): "
                        + "\(LoadProfile.number(step.ratePerProducer.rounded(toPlaces: 1)))/s per producer → "
                        + (step.sustained ? "sustained" : "not sustained"))
            }
        }
        let rest = try plan.documentParts()
        for (index, part) in rest.enumerated() where session.stopSignal == nil {
            try session.measure(part) { step in
                progress(
                    "part \(index + 5)/\(rest.count + 4) \(part.part ?? "") [\(step.done)/\(step.total)] \(step.label)")
            }
        }
        if session.stopSignal == nil { session.record(DesignFactsCount.facts(engine: plan.engine)) }
    }
}
