import LogBenchModel

/// `run --trials N` (N > 1): one block per cell after the trials, each figure as the median of the
/// per-trial values with its 95% bootstrap CI and n, as benchstat prints them.
public enum TrialsSummary {
    public static func render(_ document: ResultDocument) -> String {
        var out = ""
        for summary in document.summaries ?? [] where summary.trials > 1 {
            out += "\n\(Escaping.terminal(summary.strategy)) · concurrency \(summary.concurrency): "
            out += "median of \(summary.trials) trials [95% CI of the median]\n"
            var figures: [(String, MetricSummary?, (Double) -> String)] = [
                ("throughput", summary.metric(.throughputPerSec), Units.rate),
                ("all busy", summary.metric(.allBusyThroughputPerSec), Units.rate),
                ("latency p50", summary.metric(.latencyP50Ns), { Units.duration(ns: $0) }),
                ("latency mean", summary.metric(.latencyMeanNs), { Units.duration(ns: $0) }),
                ("latency p99", summary.metric(.latencyP99Ns), { Units.duration(ns: $0) }),
                ("overhead mean", summary.metric(.overheadMeanNs), { Units.duration(ns: $0) }),
            ]
            figures.append(("heap growth", summary.metric(.peakHeapGrowthBytes), { Units.bytes(Int($0)) }))
            for (name, metric, format) in figures {
                guard let metric else { continue }
                let padded = name.padding(toLength: 14, withPad: " ", startingAt: 0)
                out += "  \(padded)\(format(metric.median)) [\(format(metric.ci95Low)), \(format(metric.ci95High))]"
                out += " n=\(metric.trialValues.count)\n"
            }
        }
        return out
    }
}
