import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench compare` and `bench check` output, as aligned text or a Markdown table. A change that is
/// not significant reads `~`, as in benchstat, instead of a percentage to worry about.
public enum ComparisonRendering {
    public enum Format: String, Sendable, CaseIterable { case text, markdown, json }

    package static let header = ["cell", "metric", "old", "new", "Δ", "95% CI of Δ", "p (Holm)", "verdict"]

    package static func row(_ m: MetricComparison) -> [String] {
        let significant = m.verdict == .regression || m.verdict == .improvement
        let delta = m.changePercent.map { String(format: "%+.1f%%", $0) } ?? "n/a"
        return [
            m.key.description, m.metric.rawValue, m.side(old: true), m.side(old: false),
            significant || m.verdict == .informational ? delta : "~", m.changeInterval ?? "n/a",
            String(format: "%.3g", m.pWorseAdjusted < m.pBetterAdjusted ? m.pWorseAdjusted : m.pBetterAdjusted),
            m.verdictText,
        ]
    }

    /// The warning printed (by compare and check alike, as benchstat does) when a family cannot reach alpha.
    /// Which bench judged, and which measured each side ("unrecorded" for documents before 0.5.0).
    static func benches(_ comparison: Comparison) -> String {
        func side(_ set: MeasurementSet) -> String { set.environment.benchVersion ?? "unrecorded" }
        return "judged by bench \(BuildInfo.description) · baseline measured by bench \(side(comparison.baseline)) "
            + "· current by bench \(side(comparison.current))"
    }

    public static func blindWarning(_ blind: [GateFamily.Blind]) -> [String] {
        blind.map { "cannot detect a regression with these trials: \($0)" }
    }

    public static func render(_ comparison: Comparison, format: Format) -> String {
        // Every figure of a JSON comparison is finite (GateJSON drops the others), so it encodes.
        if format == .json { return encoded { try GateJSON.render(comparison) } }
        var out = ""
        let b = comparison.baseline
        let c = comparison.current
        let timesBasis =
            comparison.crossMachine
            ? "different machines: times divided by each run's single-write calibration "
                + "(baseline \(calibration(b)), current \(calibration(c)))"
            : "same machine fingerprint: raw times"
        let safe = escaping(format)
        let rows = comparison.metrics.map(row).map { $0.map(safe) }
        switch format {
        case .text:
            out += "baseline \(safe(b.source)) · current \(safe(c.source)) · \(timesBasis)\n"
            out += safe(benches(comparison)) + "\n"
            out += table(rows)
        case .markdown:
            out += "**baseline** \(safe(b.source)) · **current** \(safe(c.source)) · \(timesBasis)\n\n"
            out += safe(benches(comparison)) + "\n\n"
            out += "| " + header.joined(separator: " | ") + " |\n"
            out += "|---|---|--:|--:|--:|--:|--:|---|\n"
            for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        case .json: break  // returned above
        }
        for missing in comparison.missing { out += (format == .markdown ? "\n- " : "") + "missing: \(safe(missing))\n" }
        for warning in blindWarning(comparison.blind) {
            out += (format == .markdown ? "\n- " : "") + "WARNING: \(safe(warning))\n"
        }
        out += format == .markdown ? "\n" : ""
        out += "old/new: median of the per-trial values ± half-width of its 95% bootstrap CI, n trials. Δ is shown "
        out += "only when significant (one-sided Mann–Whitney per trial, Holm over each strategy's cells × "
        out += "metrics), else ~ (an informational metric, never gated, always shows it); 95% CI: bootstrap of the "
        out += "ratio of medians, minus 1.\n"
        return out
    }

    public static func render(_ report: GateReport, format: Format) -> String {
        if format == .json { return encoded { try GateJSON.render(report) } }
        var out = render(report.comparison, format: format)
        let safe = escaping(format)
        let bullet = format == .markdown ? "- " : ""
        out += format == .markdown ? "\n" : "\n"
        if !report.remeasured.isEmpty {
            out += bullet + "remeasured: " + safe(report.remeasured.map(\.description).joined(separator: "; ")) + "\n"
        }
        for finding in report.findings { out += bullet + safe(finding.line) + "\n" }
        for line in standingLines(report) { out += bullet + safe(line) + "\n" }
        let status = report.exitStatus
        let verdict: String
        switch status {
        case .success: verdict = "PASS"
        case .dataLoss: verdict = "FAIL: data loss"
        default: verdict = "FAIL: \(report.failures.count) failure\(report.failures.count == 1 ? "" : "s")"
        }
        out +=
            (format == .markdown
                ? "\n**gate: \(verdict)** (exit \(status.rawValue))\n" : "gate: \(verdict) (exit \(status.rawValue))\n")
        return out
    }

    /// The data-loss and budget lines every gate summary carries, on a pass too: what was audited and
    /// how close to the budget the worst cell came.
    static func standingLines(_ report: GateReport) -> [String] {
        let cells = report.comparison.current.cells
        let lost = cells.filter { $0.dataLossEntries > 0 }
        let sent = cells.reduce(0) { Saturating.sum([$0, $1.entriesSent]) }
        var lines = [
            lost.isEmpty
                ? "data loss: none in \(cells.count) cells (\(sent) entries sent and audited)"
                : "data loss: \(lost.reduce(0) { $0 + $1.dataLossEntries }) entries in \(lost.count) of "
                    + "\(cells.count) cells (\(sent) entries sent and audited)"
        ]
        let overheads = cells.compactMap { cell in cell.metric(.overheadMeanNs).map { (cell.key, $0.median) } }
        if let budget = report.budgetNs, let worst = overheads.max(by: { $0.1 < $1.1 }) {
            let over = report.findings.filter { $0.rule == .budget && $0.severity == .failure }.count
            lines.append(
                "budget: \(over == 0 ? "every cell within" : "\(over) cells over") \(Units.duration(ns: budget)) per log; "
                    + "largest median overhead \(Units.duration(ns: worst.1)) (\(worst.0))")
        }
        return lines
    }

    /// Document strings (cell keys, sources, findings) as the format needs them.
    /// JSON that cannot fail to encode (finite numbers, strings): a failure is a bug, and loud.
    private static func encoded(_ body: () throws -> String) -> String {
        do { return try body() } catch { preconditionFailure("gate JSON failed to encode: \(error)") }
    }

    package static func escaping(_ format: Format) -> (String) -> String {
        switch format {
        case .markdown: return { Escaping.markdown($0) }
        case .text: return { Escaping.terminal($0) }
        case .json: return { $0 }
        }
    }

    package static func calibration(_ set: MeasurementSet) -> String {
        set.calibration.map { Units.duration(ns: $0.singleWriteNs) } ?? "not recorded"
    }

    package static func table(_ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}
