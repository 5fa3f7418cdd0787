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
    public var strategy: StrategyDescriptor
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
    /// Bisection steps; the bisection also stops once the knee is bracketed within 5 %. Five steps
    /// take a factor of 2 to 2^(1/32) ≈ 1.022.
    public var refineSteps = 5
    /// Every step is measured twice (fresh databases), and a third time when the two disagree; the
    /// majority decides. The same rule for a sustained first try as for a failed one, so one stall
    /// neither ends the search nor does one lucky try raise the knee.
    public var confirmEveryStep = true
    /// Stop starting new steps after this long (the step under way finishes).
    public var maxTotalS: Double = 180
    public var temporaryDirectory: String = NSTemporaryDirectory()
    /// `--database-url` of a PostgreSQL search; `--budget-ms` and `--allow-failed` as in every command.
    public var databaseURL: String?
    public var budgetNs: Double = 1_000_000
    public var allowFailed = false

    public init(strategy: StrategyDescriptor, base: Workload) {
        self.strategy = strategy
        self.base = base
    }

    public init(strategy: any BuiltInStrategy.Type, base: Workload) {
        self.init(strategy: StrategyDescriptor(strategy), base: base)
    }

    public func validate() throws(UsageError) {
        guard LoadProfile.rateBounds.contains(startRate) else {
            throw UsageError("--start-rate must be between 0.1 and 1000000 (got \(startRate))")
        }
        guard (1.1...16).contains(factor) else { throw UsageError("--factor must be between 1.1 and 16") }
        guard (0.2...600).contains(stepDurationS) else {
            throw UsageError("--step-duration-s must be between 0.2 and 600 seconds (got \(stepDurationS))")
        }
        guard (1...40).contains(maxSteps) else { throw UsageError("--max-steps must be between 1 and 40") }
        guard (0...10).contains(refineSteps) else { throw UsageError("--refine-steps must be between 0 and 10") }
        guard lagBudgetNs > 0, lagBudgetNs <= 600e9 else {
            throw UsageError("--lag-budget-ms must be in (0, 600000]")
        }
        guard maxTotalS > 0, maxTotalS <= 86_400 else { throw UsageError("--max-total-s must be in (0, 86400]") }
        try base.validate()
        // Every step within the bounds before the first is measured: the highest rate the search
        // can reach is the one with the most entries (bisection stays below it).
        try workload(rate: highestRate).validate()
    }

    /// The rate of the last rising step, the highest any step can offer.
    public var highestRate: Double {
        var rate = startRate
        for _ in 1..<maxSteps where rate * factor <= LoadProfile.rateBounds.upperBound { rate *= factor }
        return rate
    }

    /// The workload of the step at `rate`: open loop for one step, the drain limited to one step's length.
    package func workload(rate: Double) -> Workload {
        var workload = base
        workload.scheduleOpenLoop(
            LoadProfile(
                ack: ack, ratePerSec: rate, durationS: stepDurationS, maxPending: base.load.maxPending,
                drainLimitS: max(1, stepDurationS)),
            logsPerRun: base.logsPerRun ?? base.logsPerProducer)
        return workload
    }
}

public enum Saturation {
    /// The bisection stops once the last sustained and first failing rates are this close.
    public static let resolution = 1.05

    /// The search alone, over any way of measuring a step (tests pass a model of a strategy).
    public static func search(
        _ plan: SaturationPlan, elapsedS: () -> Double = { 0 }, measure: (Double) throws -> SaturationStep
    ) rethrows -> [SaturationStep] {
        var steps: [SaturationStep] = []
        try search(plan, into: &steps, elapsedS: elapsedS, measure: measure)
        return steps
    }

    /// The search, appending each step to `steps` as it is judged, so a caller that stops it (a
    /// signal) keeps every finished step. `shouldStop` is asked before each step.
    public static func search(
        _ plan: SaturationPlan, into steps: inout [SaturationStep], elapsedS: () -> Double = { 0 },
        shouldStop: () -> Bool = { false }, measure: (Double) throws -> SaturationStep
    ) rethrows {
        func canContinue() -> Bool { elapsedS() < plan.maxTotalS && !shouldStop() }
        func judge(_ rate: Double) throws -> SaturationStep {
            let first = try measure(rate)
            steps.append(first)
            guard plan.confirmEveryStep, canContinue() else { return first }
            var second = try measure(rate)
            second.retry = true
            steps.append(second)
            // Two tries that disagree: a third decides; out of time, not sustained.
            guard first.sustained != second.sustained else { return second }
            guard canContinue() else { return first.sustained ? second : first }
            var third = try measure(rate)
            third.retry = true
            steps.append(third)
            return third
        }
        var good: Double?
        var bad: Double?
        var rate = plan.startRate
        var levels = 0
        while levels < plan.maxSteps && canContinue() && rate <= LoadProfile.rateBounds.upperBound {
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
        guard let low = good, let high = bad else { return }
        var (lower, upper) = (low, high)
        for _ in 0..<plan.refineSteps where canContinue() {
            let middle = (lower * upper).squareRoot()
            guard upper / lower > Self.resolution else { break }
            if try judge(middle).sustained { lower = middle } else { upper = middle }
        }
    }

    /// Runs the search with real cells in `session`: every step's cell joins the session's document,
    /// and the result is recorded beside them, also when a signal stopped the search early.
    @discardableResult
    public static func run(
        _ plan: SaturationPlan, session: MeasurementSession, progress: (SaturationStep) -> Void = { _ in }
    ) throws -> SaturationResult {
        try plan.validate()
        let started = MonotonicClock.now()
        var steps: [SaturationStep] = []
        do {
            try search(
                plan, into: &steps, elapsedS: { Double(MonotonicClock.now() - started) / 1e9 },
                shouldStop: { session.stopSignal != nil }
            ) { rate in
                let cellPlan = BenchPlan(
                    strategies: [plan.strategy], workloads: [plan.workload(rate: rate)], measureReference: false,
                    budgetNs: plan.budgetNs, temporaryDirectory: plan.temporaryDirectory)
                var stepPlan = cellPlan
                stepPlan.execution.databaseURL = plan.databaseURL
                stepPlan.allowFailed = plan.allowFailed
                guard let cell = try session.measure(stepPlan).measuredCells.first else { throw SearchStopped() }
                let step = SaturationStep(cell: cell, rate: rate, lagBudgetNs: plan.lagBudgetNs)
                progress(step)
                return step
            }
        } catch is SearchStopped {}
        let verdicts = SaturationResult.verdicts(steps)
        var result = SaturationResult(
            strategy: plan.strategy.name, concurrency: plan.base.concurrency, ack: plan.ack,
            lagBudgetNs: plan.lagBudgetNs, stepDurationS: plan.stepDurationS, steps: steps,
            kneeRatePerProducer: verdicts.filter(\.sustained).map(\.ratePerProducer).max(),
            firstUnsustainedRate: verdicts.filter { !$0.sustained }.map(\.ratePerProducer).min(),
            wallTimeNs: MonotonicClock.now() - started)
        result.engine = plan.base.engine == .sqlite ? nil : plan.base.engine
        session.record(result)
        return result
    }

    /// A signal arrived between the search's check and the step's own: the step measured nothing.
    private struct SearchStopped: Error {}
}
