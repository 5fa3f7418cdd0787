import LogBenchModel
import LogBenchStatistics

/// Compares two measurement sets cell by cell and metric by metric, then applies Holm's correction
/// within each family (one strategy's cells × metrics: `GateFamily`) and the regression rule.
public struct Comparison: Sendable {
    package init(
        baseline: MeasurementSet, current: MeasurementSet, metrics: [MetricComparison], missing: [String],
        crossMachine: Bool, uncalibrated: Bool, blind: [GateFamily.Blind] = []
    ) {
        self.baseline = baseline
        self.current = current
        self.metrics = metrics
        self.missing = missing
        self.crossMachine = crossMachine
        self.uncalibrated = uncalibrated
        self.blind = blind
    }

    public var baseline: MeasurementSet
    public var current: MeasurementSet
    public var metrics: [MetricComparison]
    /// "cell (metric) missing in …" for everything present on one side only.
    public var missing: [String]
    /// True when the fingerprints differ: only calibration-normalized times were compared.
    public var crossMachine: Bool
    /// Cross-machine, but a side has no calibration: no time could be compared.
    public var uncalibrated: Bool
    /// Families whose trial counts cannot reach alpha at all: no regression could be detected there.
    public var blind: [GateFamily.Blind] = []

    public static func compare(baseline: MeasurementSet, current: MeasurementSet, rules: GateRules) -> Comparison {
        let crossMachine = baseline.environment.fingerprint != current.environment.fingerprint
        let oldCalibration = baseline.calibration?.singleWriteNs ?? 0
        let newCalibration = current.calibration?.singleWriteNs ?? 0
        let uncalibrated = crossMachine && (oldCalibration <= 0 || newCalibration <= 0)
        var comparison = Comparison(
            baseline: baseline, current: current, metrics: [], missing: [], crossMachine: crossMachine,
            uncalibrated: uncalibrated)
        let oldCells = Dictionary(baseline.cells.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let newCells = Dictionary(current.cells.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for key in Set(oldCells.keys).union(newCells.keys).sorted() {
            guard let old = oldCells[key] else {
                comparison.missing.append("cell \(key) is missing in the baseline \(baseline.source)")
                continue
            }
            guard let new = newCells[key] else {
                comparison.missing.append("cell \(key) is missing in the current results \(current.source)")
                continue
            }
            for metric in GatedMetric.allCases {
                switch (old.metric(metric), new.metric(metric)) {
                case (nil, nil): continue
                case (nil, .some):
                    comparison.missing.append("metric \(metric.rawValue) of cell \(key) is missing in the baseline")
                case (.some, nil):
                    comparison.missing.append(
                        "metric \(metric.rawValue) of cell \(key) is missing in the current results")
                case (.some(let oldMetric), .some(let newMetric)):
                    guard !uncalibrated else { continue }
                    comparison.metrics.append(
                        compareMetric(
                            key: key, metric: metric, old: oldMetric, new: newMetric,
                            scales: crossMachine ? (oldCalibration, newCalibration) : nil, rules: rules))
                }
            }
        }
        comparison.applyHolmAndVerdicts(rules: rules)
        let compared = Set(comparison.metrics.map(\.key))
        comparison.blind = GateFamily.blindFamilies(
            GateFamily.members(baseline: baseline, current: current).filter { compared.contains($0.key) },
            alpha: rules.alpha)
        return comparison
    }

    /// `scales`: the two calibrations when normalizing (cross-machine), nil for raw times.
    package static func compareMetric(
        key: CellKey, metric: GatedMetric, old oldSummary: MetricSummary, new newSummary: MetricSummary,
        scales: (old: Double, new: Double)?, rules: GateRules
    ) -> MetricComparison {
        func normalize(_ value: Double, _ scale: Double?) -> Double {
            guard let scale else { return value }
            return metric.higherIsWorse ? value / scale : value * scale
        }
        let old = oldSummary.trialValues.map { normalize($0, scales?.old) }
        let new = newSummary.trialValues.map { normalize($0, scales?.new) }
        // The summaries' medians (scaling is monotonic, so the median of scaled values is the scaled median).
        let oldMedian = normalize(oldSummary.median, scales?.old)
        let newMedian = normalize(newSummary.median, scales?.new)
        // Time per log, so a throughput change has an effect in µs like a latency change.
        func timePerLog(_ value: Double) -> Double {
            metric.higherIsWorse ? value : (value > 0 ? 1e9 / value : .infinity)
        }
        let effect = (timePerLog(newMedian) - timePerLog(oldMedian)) * (scales?.new ?? 1)
        let worse = metric.higherIsWorse ? (new, old) : (old, new)
        return MetricComparison(
            key: key, metric: metric, old: oldMedian, new: newMedian, oldTrials: old.count, newTrials: new.count,
            oldInterval: Bootstrap.medianInterval(old), newInterval: Bootstrap.medianInterval(new),
            ratioInterval: Bootstrap.ratioOfMediansInterval(numerator: new, denominator: old),
            pWorse: MannWhitney.greater(treatment: worse.0, control: worse.1)?.pValue ?? 1,
            pBetter: MannWhitney.greater(treatment: worse.1, control: worse.0)?.pValue ?? 1,
            effectNs: effect.isFinite ? effect : 0, crossMachine: scales != nil,
            tolerance: scales != nil ? rules.crossMachineTolerance : rules.tolerance)
    }

    /// Holm within each family (one strategy's cells × gated metrics); then each verdict. Overhead is
    /// judged by the budget rule, so it is in no family.
    package mutating func applyHolmAndVerdicts(rules: GateRules) {
        let families = Dictionary(grouping: metrics.indices.filter { metrics[$0].metric.isRegressionGated }) {
            GateFamily.name(of: metrics[$0].key)
        }
        for index in metrics.indices where !metrics[index].metric.isRegressionGated {
            metrics[index].pWorseAdjusted = metrics[index].pWorse
            metrics[index].pBetterAdjusted = metrics[index].pBetter
            metrics[index].verdict = .informational
        }
        for (_, indices) in families {
            let worse = Holm.adjust(indices.map { metrics[$0].pWorse })
            let better = Holm.adjust(indices.map { metrics[$0].pBetter })
            for (position, index) in indices.enumerated() {
                metrics[index].pWorseAdjusted = worse[position]
                metrics[index].pBetterAdjusted = better[position]
                metrics[index].familySize = indices.count
                metrics[index].verdict = Self.verdict(metrics[index], rules: rules)
                metrics[index].unchangedReason = Self.unchangedReason(metrics[index], rules: rules)
            }
        }
    }

    /// Significant after Holm, yet not a regression or improvement: say which rule held it back.
    package static func unchangedReason(_ m: MetricComparison, rules: GateRules) -> String? {
        guard m.verdict == .unchanged, let slowdown = m.slowdownInterval else { return nil }
        let minEffectNs = rules.minEffectUs * 1000
        let tolerance = String(format: "%.0f%%", m.tolerance * 100)
        if m.pWorseAdjusted < rules.alpha {
            if slowdown.low <= 1 + m.tolerance { return "slower, but within the \(tolerance) tolerance" }
            if m.effectNs < minEffectNs { return "slower, but below the \(Int(rules.minEffectUs)) µs minimum effect" }
        }
        if m.pBetterAdjusted < rules.alpha {
            return "faster, but within the \(tolerance) tolerance or below the minimum effect"
        }
        return nil
    }

    package static func verdict(_ m: MetricComparison, rules: GateRules) -> MetricComparison.Verdict {
        guard m.metric.isRegressionGated else { return .informational }
        guard let slowdown = m.slowdownInterval else { return .unchanged }
        let minEffectNs = rules.minEffectUs * 1000
        if m.pWorseAdjusted < rules.alpha && slowdown.low > 1 + m.tolerance && m.effectNs >= minEffectNs {
            return .regression
        }
        if m.pBetterAdjusted < rules.alpha && slowdown.high < 1 / (1 + m.tolerance) && -m.effectNs >= minEffectNs {
            return .improvement
        }
        return .unchanged
    }
}
