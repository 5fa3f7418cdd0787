import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// A Markdown table of a run's measured cells, for pull requests and design documents.
public enum MarkdownSummary {
    public static func render(_ document: ResultDocument) -> String {
        let env = document.environment
        let several = document.measuredCells.contains { $0.trial > 0 }
        var out =
            "| strategy | concurrency |\(several ? " trial |" : "") expected | stored | lost | dup | phantom | corrupt "
        out += "| failed | throughput | p50 | p99 | overhead mean | budget | peak RSS | allocs/log |\n"
        out += "|---|--:|\(several ? "--:|" : "")--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|\n"
        for cell in document.measuredCells {
            let a = cell.audit
            let budget = cell.overheadNs.map { Verdicts.withinBudget($0) ? "within" : "**over**" } ?? "n/a"
            let cells: [String] =
                [Escaping.markdown(cell.strategy), "\(cell.concurrency)"] + (several ? ["\(cell.trial + 1)"] : []) + [
                    "\(a.expected)", "\(a.stored)",
                    a.lost > 0 ? "**\(a.lost)**" : "0", "\(a.duplicated)", "\(a.phantom)", "\(a.corrupted)",
                    "\(a.failed)",
                    Units.rate(cell.throughputPerSec), Units.duration(ns: cell.latencyNs.p50),
                    Units.duration(ns: cell.latencyNs.p99),
                    cell.overheadNs.map { Units.duration(ns: $0.mean) } ?? "n/a",
                    budget, cell.memory.peakRssBytes.map(Units.bytes) ?? "n/a",
                    cell.memory.allocationsPerLog.map { String(format: "%.1f", $0) } ?? "n/a",
                ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += medians(document)
        out +=
            "\n_\(Escaping.markdown(env.cpuModel)), \(env.cpuCount) cores, \(Escaping.markdown(env.os)), SQLite \(Escaping.markdown(env.sqliteVersion)) on "
        out +=
            "\(Escaping.markdown(env.databaseFilesystem)); load: \(Escaping.markdown(document.loadModel ?? LoadProfile.closedLoopDescription))._\n"
        return out
    }

    /// With several trials: each figure's median over them, its 95% CI and n, as `TrialsSummary` prints.
    static func medians(_ document: ResultDocument) -> String {
        let summaries = (document.summaries ?? []).filter { $0.trials > 1 }
        guard !summaries.isEmpty else { return "" }
        var out =
            "\n| strategy | concurrency | n | throughput | p50 | p99 | overhead mean |\n|---|--:|--:|--:|--:|--:|--:|\n"
        func figure(_ metric: MetricSummary?, _ format: (Double) -> String) -> String {
            guard let metric else { return "n/a" }
            return "\(format(metric.median)) [\(format(metric.ci95Low)), \(format(metric.ci95High))]"
        }
        let duration: (Double) -> String = { Units.duration(ns: $0) }
        for summary in summaries {
            let cells = [
                Escaping.markdown(summary.strategy), "\(summary.concurrency)", "\(summary.trials)",
                figure(summary.metric(.throughputPerSec), Units.rate), figure(summary.metric(.latencyP50Ns), duration),
                figure(summary.metric(.latencyP99Ns), duration), figure(summary.metric(.overheadMeanNs), duration),
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\nMedians over the trials, 95% bootstrap CI of the median in brackets.\n"
    }
}
