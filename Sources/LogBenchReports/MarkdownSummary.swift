import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// A Markdown table of a run's measured cells, for pull requests and design documents.
public enum MarkdownSummary {
    public static func render(_ document: ResultDocument) -> String {
        let env = document.environment
        var out = "| strategy | concurrency | expected | stored | lost | dup | phantom | corrupt | failed | throughput "
        out += "| p50 | p99 | overhead mean | budget | peak RSS | allocs/log |\n"
        out += "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|\n"
        for cell in document.measuredCells {
            let a = cell.audit
            let budget = cell.overheadNs.map { Verdicts.withinBudget($0) ? "within" : "**over**" } ?? "n/a"
            let cells: [String] = [
                Escaping.markdown(cell.strategy), "\(cell.concurrency)", "\(a.expected)", "\(a.stored)",
                a.lost > 0 ? "**\(a.lost)**" : "0", "\(a.duplicated)", "\(a.phantom)", "\(a.corrupted)", "\(a.failed)",
                Units.rate(cell.throughputPerSec), Units.duration(ns: cell.latencyNs.p50),
                Units.duration(ns: cell.latencyNs.p99), cell.overheadNs.map { Units.duration(ns: $0.mean) } ?? "n/a",
                budget, cell.memory.peakRssBytes.map(Units.bytes) ?? "n/a",
                cell.memory.allocationsPerLog.map { String(format: "%.1f", $0) } ?? "n/a",
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out +=
            "\n_\(Escaping.markdown(env.cpuModel)), \(env.cpuCount) cores, \(Escaping.markdown(env.os)), SQLite \(Escaping.markdown(env.sqliteVersion)) on "
        out +=
            "\(Escaping.markdown(env.databaseFilesystem)); load: \(Escaping.markdown(document.loadModel ?? LoadProfile.closedLoopDescription))._\n"
        return out
    }
}
