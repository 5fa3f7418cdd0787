/// The gate's retry policy, for both ways `bench check` works: measure, judge, and measure a
/// failing cell once more before failing it (one noisy measurement should not block anyone), or
/// judge documents measured elsewhere, with their second measurement if one was made. Data loss
/// is never re-measured.
public enum GateRunner {
    public struct Outcome: Sendable {
        public var report: GateReport
        public var first: ResultDocument
        public var remeasurement: ResultDocument?
    }

    /// Judges existing measurements; `retry` (and `baselineRetry`) replace the failing cells.
    public static func judge(
        current: MeasurementSet, baseline: MeasurementSet, retry: MeasurementSet? = nil,
        baselineRetry: MeasurementSet? = nil, rules: GateRules
    ) -> GateReport {
        let first = GateEvaluation.evaluate(current: current, baseline: baseline, rules: rules)
        guard let retry, first.exitStatus == .regression, !first.cellsToRemeasure.isEmpty else { return first }
        return evaluateAgain(
            first: first, current: current, retry: retry, baseline: baseline, baselineRetry: baselineRetry,
            rules: rules)
    }

    public static func run(
        plan: BenchPlan, baseline: MeasurementSet, rules: GateRules, scope: CleanupScope = CleanupScope(),
        log: (String) -> Void = { _ in }
    ) throws -> Outcome {
        try rules.validate()
        let first = try measure(plan, scope: scope)
        let current = MeasurementSet(source: "this run", result: first)
        let report = GateEvaluation.evaluate(current: current, baseline: baseline, rules: rules)
        let again = report.cellsToRemeasure
        guard report.exitStatus == .regression, !again.isEmpty else {
            return Outcome(report: report, first: first, remeasurement: nil)
        }
        log(
            "remeasuring \(again.count) failing cell\(again.count == 1 ? "" : "s"): "
                + again.map(\.description).joined(separator: "; "))
        let retry = try measure(remeasurePlan(plan, cells: again), scope: scope)
        let final = evaluateAgain(
            first: report, current: current, retry: MeasurementSet(source: "remeasurement", result: retry),
            baseline: baseline, rules: rules)
        return Outcome(report: final, first: first, remeasurement: retry)
    }

    /// Runs a plan to the end, or throws `StoppedBySignal`: a gate never judges half a measurement.
    private static func measure(_ plan: BenchPlan, scope: CleanupScope) throws -> ResultDocument {
        let document = try PlanRunner.run(plan, scope: scope)
        if let signal = scope.stopSignal { throw StoppedBySignal(signal: signal) }
        return document
    }

    /// Only the failing cells' strategies and workloads, with the same trials and the reference.
    static func remeasurePlan(_ plan: BenchPlan, cells: [CellKey]) -> BenchPlan {
        var retry = plan
        retry.strategies = plan.strategies.filter { strategy in cells.contains { $0.strategy == strategy.name } }
        retry.workloads = plan.workloads.filter { workload in
            cells.contains {
                $0.workload == CellSummary.gateKey(strategy: "", concurrency: 0, workload: workload).workload
            }
        }
        return retry
    }

    /// The failing cells' summaries replaced by the second measurement. Only a cell that failed the
    /// first time can fail now, on the same rule; data loss in the second measurement always fails.
    /// `baselineRetry`: when the baseline side was measured again too (same-job comparisons), its
    /// failing cells are replaced as well.
    public static func evaluateAgain(
        first: GateReport, current: MeasurementSet, retry: MeasurementSet, baseline: MeasurementSet,
        baselineRetry: MeasurementSet? = nil, rules: GateRules
    ) -> GateReport {
        let again = Set(first.cellsToRemeasure)
        func replacingFailing(_ set: MeasurementSet, with retry: MeasurementSet) -> MeasurementSet {
            let retried = Dictionary(retry.cells.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            var merged = set
            merged.source = "\(set.source) (failing cells remeasured: \(retry.source))"
            merged.cells = set.cells.map { again.contains($0.key) ? retried[$0.key] ?? $0 : $0 }
            return merged
        }
        let newCurrent = replacingFailing(current, with: retry)
        let newBaseline = baselineRetry.map { replacingFailing(baseline, with: $0) } ?? baseline
        var second = GateEvaluation.evaluate(current: newCurrent, baseline: newBaseline, rules: rules)
        let failedBefore = Set(first.failures.map { FailureIdentity(rule: $0.rule, key: $0.key) })
        second.findings = second.findings.compactMap { finding in
            guard finding.severity == .failure, finding.rule == .regression || finding.rule == .budget else {
                return finding
            }
            if failedBefore.contains(FailureIdentity(rule: finding.rule, key: finding.key)) {
                var confirmed = finding
                confirmed.message += " (failed again when remeasured)"
                return confirmed
            }
            var softened = finding
            softened.severity = .warning
            return softened
        }
        for finding in first.failures where finding.rule == .regression || finding.rule == .budget {
            let stillFails = second.failures.contains { $0.rule == finding.rule && $0.key == finding.key }
            if !stillFails {
                var passed = finding
                passed.severity = .warning
                passed.message = "failed once, passed when remeasured: " + finding.message
                second.findings.append(passed)
            }
        }
        second.remeasured = Array(again).sorted()
        return second
    }

    private struct FailureIdentity: Hashable {
        var rule: GateFinding.Rule
        var key: CellKey?
    }
}
