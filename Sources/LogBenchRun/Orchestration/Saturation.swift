import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// `bench saturate`: the highest open-loop rate a strategy sustains at a concurrency. Each step is an
/// open-loop cell (fresh database) at a rate per producer; the rate doubles while steps are sustained,
/// then a few bisection steps narrow the knee between the last sustained rate and the first that was
/// not. A step that fails is measured once more and judged by that retry. A step is sustained when the schedule was kept, pending did not grow, nothing was abandoned
/// or lost, and the p99 durability lag stayed within the budget. Total time is bounded by the step
/// count and by `maxTotalS`.
public struct SaturationPlan: Sendable {
    public var strategy: any AppendStrategy.Type
    /// Concurrency, messages, synchronous…; its load is replaced per step.
    public var base: Workload
    public var ack: AckPoint = .accepted
    public var lagBudgetNs: Double = 100_000_000
    /// First rate, entries per second per producer.
    public var startRate: Double = 5
    public var factor: Double = 2
    public var stepDurationS: Double = 2
    /// Doubling steps at most, then bisection steps between the knee's neighbours.
    public var maxSteps = 12
    public var refineSteps = 3
    /// Measure a step that was not sustained once more (fresh database) and judge by the second try,
    /// so a single stall (a checkpoint, an fsync) does not end the search.
    public var retryFailures = true
    /// Stop starting new steps after this long (the step under way finishes).
    public var maxTotalS: Double = 180
    public var temporaryDirectory: String = NSTemporaryDirectory()

    public init(strategy: any AppendStrategy.Type, base: Workload) {
        self.strategy = strategy
        self.base = base
    }

    public func validate() throws(UsageError) {
        guard LoadProfile.rateBounds.contains(startRate) else {
            throw UsageError("--start-rate must be between 0.1 and 1000000 (got \(startRate))")
        }
        guard (1.1...16).contains(factor) else { throw UsageError("--factor must be between 1.1 and 16") }
        guard (0.2...600).contains(stepDurationS) else {
            throw UsageError("--step-duration must be between 0.2 and 600 seconds (got \(stepDurationS))")
        }
        guard (1...40).contains(maxSteps) else { throw UsageError("--max-steps must be between 1 and 40") }
        guard (0...10).contains(refineSteps) else { throw UsageError("--refine-steps must be between 0 and 10") }
        guard lagBudgetNs > 0, lagBudgetNs <= 600e9 else {
            throw UsageError("--lag-budget-ms must be in (0, 600000]")
        }
        guard maxTotalS > 0, maxTotalS <= 86_400 else { throw UsageError("--max-total-s must be in (0, 86400]") }
        try base.validate()
    }

    /// The workload of the step at `rate`: open loop for one step, the drain limited to one step's length.
    package func workload(rate: Double) -> Workload {
        var workload = base
        workload.load = LoadProfile(
            ack: ack, ratePerSec: rate, durationS: stepDurationS, maxPending: base.load.maxPending,
            drainLimitS: max(1, stepDurationS))
        workload.logsPerProducer = LoadProfile.scheduledEntries(ratePerSec: rate, durationS: stepDurationS)
        return workload
    }
}

public enum Saturation {
    /// The search alone, over any way of measuring a step (tests pass a model of a strategy).
    public static func search(
        _ plan: SaturationPlan, elapsedS: () -> Double = { 0 }, measure: (Double) throws -> SaturationStep
    ) rethrows -> [SaturationStep] {
        var steps: [SaturationStep] = []
        func judge(_ rate: Double) throws -> SaturationStep {
            let step = try measure(rate)
            steps.append(step)
            guard !step.sustained, plan.retryFailures, elapsedS() < plan.maxTotalS else { return step }
            var again = try measure(rate)
            again.retry = true
            steps.append(again)
            return again
        }
        var good: Double?
        var bad: Double?
        var rate = plan.startRate
        var levels = 0
        while levels < plan.maxSteps && elapsedS() < plan.maxTotalS && rate <= LoadProfile.rateBounds.upperBound {
            levels += 1
            let step = try judge(rate)
            if step.sustained {
                good = rate
                rate *= plan.factor
            } else {
                bad = rate
                break
            }
        }
        guard let low = good, let high = bad else { return steps }
        var (lower, upper) = (low, high)
        for _ in 0..<plan.refineSteps where elapsedS() < plan.maxTotalS {
            let middle = (lower * upper).squareRoot()
            guard upper / lower > 1.05 else { break }
            if try judge(middle).sustained { lower = middle } else { upper = middle }
        }
        return steps
    }

    /// Runs the search with real cells; returns a document holding every step's cell and the result.
    public static func run(
        _ plan: SaturationPlan, scope: CleanupScope = CleanupScope(), progress: (SaturationStep) -> Void = { _ in }
    ) throws -> ResultDocument {
        try plan.validate()
        let started = MonotonicClock.now()
        var document: ResultDocument?
        let steps = try search(plan, elapsedS: { Double(MonotonicClock.now() - started) / 1e9 }) { rate in
            if let signal = scope.stopSignal { throw StoppedBySignal(signal: signal) }
            let cellPlan = BenchPlan(
                strategies: [plan.strategy], workloads: [plan.workload(rate: rate)], measureReference: false,
                temporaryDirectory: plan.temporaryDirectory)
            let measured = try PlanRunner.run(cellPlan, scope: scope)
            guard let cell = measured.measuredCells.first else {
                throw StoppedBySignal(signal: scope.stopSignal ?? SIGINT)
            }
            if document == nil { document = measured } else { document!.cells.append(cell) }
            let step = SaturationStep(cell: cell, rate: rate, lagBudgetNs: plan.lagBudgetNs)
            progress(step)
            return step
        }
        var result = SaturationResult(
            strategy: plan.strategy.name, concurrency: plan.base.concurrency, ack: plan.ack,
            lagBudgetNs: plan.lagBudgetNs, stepDurationS: plan.stepDurationS, steps: steps,
            kneeRatePerProducer: SaturationResult.verdicts(steps).filter(\.sustained).map(\.ratePerProducer).max(),
            firstUnsustainedRate: SaturationResult.verdicts(steps).filter { !$0.sustained }.map(\.ratePerProducer)
                .min(), wallTimeNs: 0)
        result.wallTimeNs = MonotonicClock.now() - started
        var finished =
            document ?? ResultDocument(environment: .current(databaseDirectory: plan.temporaryDirectory), cells: [])
        finished.saturation = (finished.saturation ?? []) + [result]
        finished.loadModel = LoadProfile.model(of: finished.cells.map(\.workload.load))
        DerivedFigures.apply(to: &finished)
        return finished
    }
}
