import Foundation
import LogBenchModel
import LogBenchStatistics

/// The gate's judgement of measurements already made, with the retry policy: a failing cell's
/// second measurement replaces its first, and only a cell that failed the first time can fail now.
public enum GateJudge {
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

    /// The failing cells' summaries replaced by the second measurement. Only a cell that failed the
    /// first time can fail now, on the same rule and (for a regression) the same metric: a different
    /// metric failing the second time is two chances at noise, not a confirmation. Data loss in the
    /// second measurement always fails.
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
        let failedBefore = Set(first.failures.map(FailureIdentity.init))
        second.findings = second.findings.compactMap { finding in
            guard finding.severity == .failure, finding.rule == .regression || finding.rule == .budget else {
                return finding
            }
            if failedBefore.contains(FailureIdentity(finding)) {
                var confirmed = finding
                confirmed.message += " (failed again when remeasured)"
                return confirmed
            }
            var softened = finding
            softened.severity = .warning
            return softened
        }
        for finding in first.failures where finding.rule == .regression || finding.rule == .budget {
            let stillFails = second.failures.contains { FailureIdentity($0) == FailureIdentity(finding) }
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
        var metric: GatedMetric?

        init(_ finding: GateFinding) {
            rule = finding.rule
            key = finding.key
            metric = finding.metric
        }
    }
}
