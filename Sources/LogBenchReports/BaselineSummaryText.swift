import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench baseline show`: where it was recorded and each cell's medians with their 95% CI.
public enum BaselineSummaryText {
    public static func render(_ baseline: BaselineDocument, path: String) -> String {
        var out =
            "baseline \(Escaping.terminal(baseline.name)) (\(Escaping.terminal(path))) · schema \(baseline.schema) · recorded \(Escaping.terminal(baseline.createdAt))\n"
        out += "fingerprint: \(Escaping.terminal(baseline.fingerprint))\n"
        if let calibration = baseline.calibration {
            out += "calibration: single write \(Units.duration(ns: calibration.singleWriteNs))\n"
        }
        for cell in baseline.cells {
            out +=
                "\n\(Escaping.terminal(cell.key.description)) · \(cell.trials) trials · data loss \(cell.dataLossEntries)\n"
            for metric in GatedMetric.allCases {
                guard let summary = cell.metric(metric) else { continue }
                let show = { (value: Double) in
                    metric == .throughputPerSec ? Units.rate(value) : Units.duration(ns: value)
                }
                out += "  \(metric.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)) \(show(summary.median))"
                out += " 95% CI [\(show(summary.ci95Low)), \(show(summary.ci95High))] n=\(summary.trialValues.count)\n"
            }
        }
        return out
    }
}
