import LogBenchModel
import LogBenchStatistics

/// The gate's rules applied to a current measurement against a baseline. Pure: no running, no I/O.
public enum GateEvaluation {
    public static func evaluate(current: MeasurementSet, baseline: MeasurementSet, rules: GateRules) -> GateReport {
        let comparison = Comparison.compare(baseline: baseline, current: current, rules: rules)
        var findings: [GateFinding] = []
        findings += dataLoss(current)
        findings += budget(current, rules: rules)
        if comparison.crossMachine {
            let note =
                "baseline fingerprint \"\(baseline.environment.fingerprint)\" differs from this machine's "
                + "\"\(current.environment.fingerprint)\": raw times are not comparable, only times divided by "
                + "the single-write calibration are compared"
            findings.append(GateFinding(rule: .regression, severity: .warning, message: note, crossMachine: true))
        }
        if comparison.uncalibrated {
            findings.append(
                GateFinding(
                    rule: .uncalibrated, severity: rules.allowMissing ? .warning : .failure,
                    message: "a side has no single-write calibration, so no time could be compared across machines",
                    crossMachine: true))
        }
        for blind in comparison.blind {
            // A gate that cannot fail must never say PASS.
            findings.append(
                GateFinding(
                    rule: .power, severity: .failure,
                    message: "cannot detect a regression with these trials: \(blind)"))
        }
        for message in comparison.missing {
            findings.append(
                GateFinding(
                    rule: .missing, severity: rules.allowMissing ? .warning : .failure,
                    message: message + (rules.allowMissing ? "" : " (pass --allow-missing to accept)")))
        }
        for metric in comparison.metrics where metric.verdict == .regression {
            let blocking = !metric.crossMachine || rules.crossMachine == .fail
            findings.append(
                GateFinding(
                    rule: .regression, severity: blocking ? .failure : .warning, key: metric.key,
                    metric: metric.metric, message: "\(metric.metric.rawValue) regressed: \(metric.evidence)",
                    crossMachine: metric.crossMachine))
        }
        var report = GateReport(findings: findings, comparison: comparison)
        report.budgetNs = rules.budgetMs * 1e6
        return report
    }

    /// Any lost, duplicated, phantom or corrupted entry, failed write or failed integrity check in a
    /// gated cell. Deterministic: no retry.
    package static func dataLoss(_ current: MeasurementSet) -> [GateFinding] {
        current.cells.compactMap { cell in
            let integrity = current.integrity[cell.key] ?? CellIntegrity()
            var problems: [String] = []
            if cell.dataLossEntries > 0 {
                problems.append(
                    "\(cell.dataLossEntries) entries lost, duplicated, phantom, corrupted or acknowledged before written"
                )
            }
            if integrity.failedWrites > 0 { problems.append("\(integrity.failedWrites) writes failed") }
            if !integrity.integrityErrors.isEmpty {
                problems.append("integrity_check: " + integrity.integrityErrors.joined(separator: "; "))
            }
            guard !problems.isEmpty else { return nil }
            return GateFinding(
                rule: .dataLoss, severity: .failure, key: cell.key,
                message: problems.joined(separator: ", ") + " over \(cell.trials) trial\(cell.trials == 1 ? "" : "s") "
                    + (cell.sentEntries.map { "(\($0) sent over the trials, rounds included)" }
                        ?? "(\(cell.workload.expectedEntries) sent per trial)"))
        }
    }

    /// Overhead over `none`: failure when the 99% CI's lower bound is over budget, warning when only the median is.
    package static func budget(_ current: MeasurementSet, rules: GateRules) -> [GateFinding] {
        let budgetNs = rules.budgetMs * 1e6
        var findings: [GateFinding] = []
        for cell in current.cells {
            guard let overhead = cell.metric(.overheadMeanNs),
                let interval = Bootstrap.medianInterval(overhead.trialValues, confidence: 0.99)
            else { continue }
            let numbers =
                "overhead per log \(Units.duration(ns: overhead.median)) (median of \(cell.trials) trials), 99% CI "
                + Interval.duration(interval.low, interval.high) + ", "
                + "budget \(Units.duration(ns: budgetNs))"
            // Over budget for certain when even the 99% CI's lower bound is; possibly when the median is.
            if !Verdicts.withinBudget(meanOverheadNs: interval.low, budgetNs: budgetNs) {
                findings.append(
                    GateFinding(rule: .budget, severity: .failure, key: cell.key, message: "over budget: " + numbers))
            } else if !Verdicts.withinBudget(meanOverheadNs: overhead.median, budgetNs: budgetNs) {
                findings.append(
                    GateFinding(
                        rule: .budget, severity: .warning, key: cell.key,
                        message: "median over budget but not its 99% CI lower bound: " + numbers))
            }
        }
        return findings
    }
}
