import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// The gate's retry policy, for both ways `bench check` works: measure, judge, and measure a
/// failing cell once more before failing it (one noisy measurement should not block anyone), or
/// judge documents measured elsewhere, with their second measurement if one was made. Data loss
/// is never re-measured.
public enum GateRunner {
    public struct Outcome: Sendable {
        package init(report: GateReport, first: ResultDocument, remeasurement: ResultDocument? = nil) {
            self.report = report
            self.first = first
            self.remeasurement = remeasurement
        }

        public var report: GateReport
        public var first: ResultDocument
        public var remeasurement: ResultDocument?
    }

    public static func run(
        plan: BenchPlan, baseline: MeasurementSet, rules: GateRules, scope: CleanupScope = CleanupScope(),
        progress: (PlanProgress) -> Void = { _ in }, log: (String) -> Void = { _ in }
    ) throws -> Outcome {
        try rules.validate()
        let first = try measure(plan, scope: scope, progress: progress)
        let current = MeasurementSet(source: "this run", result: first)
        let report = GateEvaluation.evaluate(current: current, baseline: baseline, rules: rules)
        let again = report.cellsToRemeasure
        guard report.exitStatus == .regression, !again.isEmpty else {
            return Outcome(report: report, first: first, remeasurement: nil)
        }
        log(
            "remeasuring \(again.count) failing cell\(again.count == 1 ? "" : "s"): "
                + again.map(\.description).joined(separator: "; "))
        let retry = try measure(remeasurePlan(plan, cells: again), scope: scope, progress: progress)
        let final = GateJudge.evaluateAgain(
            first: report, current: current, retry: MeasurementSet(source: "remeasurement", result: retry),
            baseline: baseline, rules: rules)
        return Outcome(report: final, first: first, remeasurement: retry)
    }

    /// Runs a plan to the end, or throws `StoppedBySignal`: a gate never judges half a measurement.
    private static func measure(
        _ plan: BenchPlan, scope: CleanupScope, progress: (PlanProgress) -> Void = { _ in }
    ) throws -> ResultDocument {
        let document = try PlanRunner.run(plan, scope: scope, progress: progress)
        if let signal = scope.stopSignal { throw StoppedBySignal(signal: signal) }
        return document
    }

    /// Only the failing cells' strategies and workloads, with the same trials and the reference.
    package static func remeasurePlan(_ plan: BenchPlan, cells: [CellKey]) -> BenchPlan {
        var retry = plan
        retry.strategies = plan.strategies.filter { strategy in cells.contains { $0.strategy == strategy.name } }
        retry.workloads = plan.workloads.filter { workload in
            cells.contains {
                $0.workload == CellSummary.gateKey(strategy: "", concurrency: 0, workload: workload).workload
            }
        }
        return retry
    }
}
