import Foundation
import LogBenchModel
import LogBenchStatistics

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
    /// Bootstrap 95% intervals of each side's median (same units as `old`/`new`): the spread shown
    /// beside each median, as benchstat shows ±.
    public var oldInterval: Bootstrap.Interval?
    public var newInterval: Bootstrap.Interval?
    /// Bootstrap 95% interval of median(new) / median(old); nil when old ≤ 0 (overhead).
    public var ratioInterval: Bootstrap.Interval?
    /// One-sided Mann–Whitney p-values on the per-trial values, raw and Holm-adjusted over the cells.
    public var pWorse: Double
    public var pBetter: Double
    public var pWorseAdjusted: Double = 1
    public var pBetterAdjusted: Double = 1
    /// Cells in the Holm family this test was corrected over (one strategy's cells, this metric).
    public var familySize = 1
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

    /// new/old − 1 as a 95% CI in percent, "[+8.1%, +16.0%]": the one interval notation of the gate.
    public var changeInterval: String? {
        ratioInterval.map { Interval.format(($0.low - 1) * 100, ($0.high - 1) * 100, percent: true) }
    }

    /// "512.3µs ±2% n=5": the median, the half-width of its 95% CI relative to it, and the trials.
    public func side(old isOld: Bool) -> String {
        let median = isOld ? old : new
        let trials = isOld ? oldTrials : newTrials
        var text = format(median)
        if let interval = isOld ? oldInterval : newInterval, median != 0 {
            let spread = max(median - interval.low, interval.high - median) / abs(median) * 100
            text += String(format: " ±%.0f%%", spread)
        }
        return text + " n=\(trials)"
    }

    /// The verdict in words: "no change (within noise)", "regression: +x% [CI]", "improvement: −x% [CI]".
    public var verdictText: String {
        let change = changePercent.map { String(format: "%+.1f%%", $0) } ?? "n/a"
        let interval = changeInterval.map { " \($0)" } ?? ""
        let machine = crossMachine ? " (cross-machine)" : ""
        switch verdict {
        case .regression: return "regression: \(change)\(interval)\(machine)"
        case .improvement: return "improvement: \(change)\(interval)\(machine)"
        case .informational: return "not gated here (budget rule)"
        case .unchanged: return "no change (\(unchangedReason ?? "within noise"))"
        }
    }

    /// Why a significant change still counts as no change ("within tolerance", "below the minimum
    /// effect"); nil when it is not significant at all (within noise).
    public var unchangedReason: String?

    /// The numbers behind the verdict, for failure messages.
    public var evidence: String {
        let interval = slowdownInterval.map { "slowdown 95% CI " + Interval.format($0.low, $0.high, percent: false) }
        return [
            "old \(side(old: true))", "new \(side(old: false))",
            changePercent.map { String(format: "Δ %+.1f%%", $0) } ?? "Δ n/a",
            interval ?? "no ratio interval",
            String(format: "p = %.4g", pWorse)
                + " (Holm over \(familySize) test\(familySize == 1 ? "" : "s") of \(key.strategy): "
                + String(format: "%.4g)", pWorseAdjusted),
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

/// The gate's single interval notation: "[low, high]", the confidence level said before it.
public enum Interval {
    public static func format(_ low: Double, _ high: Double, percent: Bool) -> String {
        percent ? String(format: "[%+.1f%%, %+.1f%%]", low, high) : String(format: "[%.3f, %.3f]", low, high)
    }

    /// "[1.2ms, 1.5ms]" for durations in nanoseconds.
    public static func duration(_ low: Double, _ high: Double) -> String {
        "[\(Units.duration(ns: low)), \(Units.duration(ns: high))]"
    }

    public static func rate(_ low: Double, _ high: Double) -> String { "[\(Units.rate(low)), \(Units.rate(high))]" }
}
