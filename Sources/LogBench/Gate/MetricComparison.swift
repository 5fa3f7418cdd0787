/// One metric of one cell, baseline against current.
public struct MetricComparison: Sendable {
    public enum Verdict: String, Sendable {
        case regression, improvement
        /// Not significant, or too small to matter: shown as `~`.
        case unchanged
        /// Compared for information only (overhead is judged by the budget rule).
        case informational
    }

    public var key: CellKey
    public var metric: GatedMetric
    /// Medians over the trials; divided by (or, for throughput, multiplied by) the single-write
    /// calibration when `crossMachine`.
    public var old: Double
    public var new: Double
    public var oldTrials: Int
    public var newTrials: Int
    /// Bootstrap 95% interval of median(new) / median(old); nil when old ≤ 0 (overhead).
    public var ratioInterval: Bootstrap.Interval?
    /// One-sided Mann–Whitney p-values on the per-trial values, raw and Holm-adjusted over the cells.
    public var pWorse: Double
    public var pBetter: Double
    public var pWorseAdjusted: Double = 1
    public var pBetterAdjusted: Double = 1
    /// Time per log (ns on the current machine) by which new is worse than old; negative when better.
    public var effectNs: Double
    public var crossMachine: Bool
    public var tolerance: Double
    public var verdict: Verdict = .unchanged

    public var changePercent: Double? { old != 0 ? (new - old) / abs(old) * 100 : nil }

    /// new/old oriented so that above 1 is worse: old/new for throughput.
    public var slowdownInterval: Bootstrap.Interval? {
        guard let ratio = ratioInterval else { return nil }
        if metric.higherIsWorse { return ratio }
        guard ratio.low > 0, ratio.high > 0 else { return nil }
        return Bootstrap.Interval(low: 1 / ratio.high, high: 1 / ratio.low)
    }

    /// The numbers behind the verdict, for failure messages.
    public var evidence: String {
        let interval = slowdownInterval.map { String(format: "slowdown 95%% CI [%.3f, %.3f]", $0.low, $0.high) }
        return [
            "old \(format(old)) (\(oldTrials) trials)", "new \(format(new)) (\(newTrials) trials)",
            changePercent.map { String(format: "Δ %+.1f%%", $0) } ?? "Δ n/a",
            interval ?? "no ratio interval",
            String(format: "p = %.4g (Holm-adjusted %.4g)", pWorse, pWorseAdjusted),
            "effect \(Units.duration(ns: effectNs))/log",
            String(format: "tolerance %.0f%%", tolerance * 100),
        ].joined(separator: ", ")
    }

    public func format(_ value: Double) -> String {
        if crossMachine {
            return metric == .throughputPerSec
                ? String(format: "%.4g logs/cal", value) : String(format: "%.4g×cal", value)
        }
        return metric == .throughputPerSec ? Units.rate(value) : Units.duration(ns: value)
    }
}
