import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Progress of a plan, one event per finished step, for the command line to render.
public struct PlanProgress: Sendable {
    package init(done: Int, total: Int, label: String, elapsedNs: UInt64, remainingNs: UInt64? = nil) {
        self.done = done
        self.total = total
        self.label = label
        self.elapsedNs = elapsedNs
        self.remainingNs = remainingNs
    }

    public var done: Int
    public var total: Int
    public var label: String
    public var elapsedNs: UInt64
    /// Estimated from the entries still to append at the rate so far; nil before the first step.
    public var remainingNs: UInt64?
}

/// Runs a `BenchPlan`'s steps in order inside a `MeasurementSession`. Before every step it checks
/// the session's stop request; when a signal asked to stop, what finished is kept, marked incomplete.
public enum PlanRunner {
    /// One plan in a session of its own: the document `bench run`, `matrix`, `check` and
    /// `baseline save` write.
    public static func run(
        _ plan: BenchPlan, scope: CleanupScope = CleanupScope(), progress: (PlanProgress) -> Void = { _ in }
    ) throws -> ResultDocument {
        let session = MeasurementSession(scope: scope, temporaryDirectory: plan.temporaryDirectory)
        try session.measure(plan, progress: progress)
        return try session.finish()
    }

    /// The steps of `plan`, measured with the session's calibrations: the plan's part of the document.
    static func steps(
        of plan: BenchPlan, session: MeasurementSession, environment: EnvironmentInfo,
        progress: (PlanProgress) -> Void
    ) throws -> ResultDocument {
        let scope = session.scope
        let started = MonotonicClock.now()
        let pipeline = CellPipeline(
            execution: plan.execution, temporaryDirectory: plan.temporaryDirectory, scope: scope,
            timerCostNs: session.pipelineTimerCostNs, harnessNs: session.harnessNs)
        let steps = plan.steps()
        var document = ResultDocument(environment: environment, cells: [], complete: false)
        document.budgetNs = plan.budgetNs
        document.allowFailed = plan.allowFailed ? true : nil
        document.designs = StrategyRegistry.traits(of: plan.strategies + [plan.reference].compactMap { $0 })
        if plan.sweep != nil {
            document.limits = []
        }

        // Work is weighted by entries appended, so the estimate is not fooled by cheap small steps.
        let weights = steps.map(weight)
        let totalWeight = weights.reduce(0, +)
        var doneWeight = 0.0
        var stoppedBy: Int32?
        for (index, step) in steps.enumerated() {
            if let signal = scope.stopSignal {
                stoppedBy = signal
                break
            }
            switch step {
            case .limit(let mode):
                document.limits?.append(try plan.measureLimit(synchronous: mode, scope: scope))
            case .cell(let spec):
                document.cells.append(try pipeline.run(spec))
            }
            doneWeight += weights[index]
            let elapsed = MonotonicClock.now() - started
            progress(
                PlanProgress(
                    done: index + 1, total: steps.count, label: step.label, elapsedNs: elapsed,
                    remainingNs: UInt64(Double(elapsed) / doneWeight * (totalWeight - doneWeight))))
        }
        document.complete = stoppedBy == nil
        if let sweep = plan.sweep {
            document.matrix = MatrixInfo(
                strategies: plan.strategies.map { $0.name },
                concurrency: plan.workloads.map(\.concurrency).uniqued(), synchronous: plan.synchronousSettings,
                growthSizes: sweep.growthSizes, plannedCells: steps.filter(\.isCell).count,
                finishedCells: document.cells.count,
                stoppedBecause: stoppedBy.map { "interrupted (\(SignalPolicy.name($0)))" },
                wallTimeNs: MonotonicClock.now() - started, mode: plan.execution.mode)
        }
        DerivedFigures.apply(to: &document)
        return document
    }

    /// Entries a step appends; a limit probe and a pre-filled entry are far cheaper than an append.
    private static func weight(_ step: BenchPlan.Step) -> Double {
        switch step {
        case .limit: 200
        case .cell(let spec): Double(spec.workload.expectedEntries) + Double(spec.workload.prefillEntries ?? 0) / 100
        }
    }
}

extension BenchPlan.Step {
    package var isCell: Bool {
        if case .cell = self { return true }
        return false
    }
}
