/// `bench check` with run options: measure, judge, and measure a failing cell once more before
/// failing it, since one noisy measurement should not block anyone. Data loss is never re-measured.
public enum GateRunner {
    public struct Outcome: Sendable {
        public var report: GateReport
        public var first: ResultDocument
        public var remeasurement: ResultDocument?
    }

    public static func run(
        plan: BenchmarkPlan, baseline: MeasurementSet, rules: GateRules, log: (String) -> Void = { _ in }
    ) throws -> Outcome {
        try rules.validate()
        let first = try BenchmarkRunner.run(plan)
        let current = MeasurementSet(source: "this run", result: first)
        let report = GateEvaluation.evaluate(current: current, baseline: baseline, rules: rules)
        let again = report.cellsToRemeasure
        guard report.exitStatus == .regression, !again.isEmpty else {
            return Outcome(report: report, first: first, remeasurement: nil)
        }
        log(
            "remeasuring \(again.count) failing cell\(again.count == 1 ? "" : "s"): "
                + again.map(\.description).joined(separator: "; "))
        let retry = try BenchmarkRunner.run(remeasurePlan(plan, cells: again))
        let final = evaluateAgain(
            first: report, current: current, retry: MeasurementSet(source: "remeasurement", result: retry),
            baseline: baseline, rules: rules)
        return Outcome(report: final, first: first, remeasurement: retry)
    }

    /// Only the failing cells' strategies and workloads, with the same trials and the `none` reference.
    static func remeasurePlan(_ plan: BenchmarkPlan, cells: [CellKey]) -> BenchmarkPlan {
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
