import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench report --html FILE`: one self-contained page (inline CSS and SVG; no scripts, fonts or
/// network) with the review table, the charts and the environment, for a design document.
public enum HTMLReport {
    public static func render(_ document: ResultDocument, table: ReviewTable) -> String {
        let columns = ReviewColumns(table)
        let env = table.environment
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>LogBench: appending logs to SQLite, review</title>
            <style>
            body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #1a1a1a; margin: 24px 32px; max-width: 1300px; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            .sub { color: #555; margin: 0 0 16px; }
            .incomplete { background: #fff3cd; border: 1px solid #e0c46c; padding: 8px 12px; }
            table { border-collapse: collapse; font-size: 12px; }
            th, td { border: 1px solid #d4d4d4; padding: 3px 7px; vertical-align: top; white-space: nowrap; }
            th { white-space: normal; max-width: 110px; }
            th { background: #f3f3f3; font-weight: 600; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.alarm { background: #fde2e1; color: #8b0000; font-weight: 600; }
            td.name { font-family: Menlo, Consolas, monospace; white-space: nowrap; }
            .charts { display: grid; grid-template-columns: repeat(2, 620px); gap: 16px 24px; }
            .charts svg { border: 1px solid #e5e5e5; }
            .caption { color: #555; font-size: 12px; margin: 0 0 8px; }
            ul.notes { color: #444; font-size: 12px; padding-left: 18px; }
            dl.env { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; font-size: 12px; }
            dl.env dt { color: #666; } dl.env dd { margin: 0; }
            </style>
            </head>
            <body>
            <h1>Appending logs to a SQLite run: strategies compared</h1>

            """
        let levels = table.concurrencies.map(String.init).joined(separator: ", ")
        out += "<p class=\"sub\">\(table.rows.count) strategies × concurrency \(escape(levels)) · "
        out += "\(escape(env.cpuModel)), \(env.cpuCount) cores · SQLite \(escape(env.sqliteVersion)) on "
        out += "\(escape(env.databaseFilesystem)) · \(escape(env.date))"
        out += env.benchVersion.map { " · bench \(escape($0))" } ?? ""
        out += "</p>\n"
        if !table.complete {
            out +=
                "<p class=\"incomplete\">Incomplete: the matrix was interrupted; only finished cells are shown.</p>\n"
        }
        // Two tables with the strategy column repeated, so the review fits a page without scrolling.
        for group in columns.groups {
            out += "<h2>\(escape(group.title))</h2>\n<table>\n<thead><tr>"
            let indices = [0] + Array(group.columns)
            out += indices.map { "<th>\(escape(columns.headers[$0]))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for (r, row) in columns.rows.enumerated() {
                out += "<tr>"
                for c in indices {
                    var classes: [String] = []
                    if c == 0 { classes.append("name") }
                    if columns.numeric.contains(c) { classes.append("num") }
                    if columns.alarms.contains([r, c]) { classes.append("alarm") }
                    out += "<td class=\"\(classes.joined(separator: " "))\">\(escape(row[c]))</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += SeedClaimsReport.htmlSection(document)
        out += "<ul class=\"notes\">\n"
        for note in ReviewColumns.notes(table) { out += "<li>\(escape(note))</li>\n" }
        out += "</ul>\n<h2>Charts</h2>\n"
        out += "<p class=\"caption\">One line per strategy; every cell appends the same number of entries in total. "
        out += "Hover a point for its value.</p>\n<div class=\"charts\">\n"
        for chart in ReportCharts.all(document) { out += chart.svg() }
        if let phases = PhaseBarChart(document: document) { out += phases.svg() }
        out += "</div>\n<h2>Environment</h2>\n<dl class=\"env\">\n"
        let facts: [(String, String)] = [
            ("CPU", "\(env.cpuModel) (\(env.machine)), \(env.cpuCount) cores"),
            ("memory", Units.bytes(Int(clamping: env.memoryBytes))), ("OS", "\(env.os), kernel \(env.kernel)"),
            ("SQLite", "\(env.sqliteVersion); \(env.sqliteCompileOptions.joined(separator: ", "))"),
            ("database filesystem", env.databaseFilesystem), ("jemalloc", env.jemallocVersion),
            ("Swift", env.swiftVersion), ("commit", env.gitCommit ?? "unknown"), ("measured", env.date),
            ("load model", table.loadModel),
        ]
        for (term, value) in facts { out += "<dt>\(escape(term))</dt><dd>\(escape(value))</dd>\n" }
        out += "</dl>\n</body>\n</html>\n"
        return out
    }

    package static func escape(_ text: String) -> String { Escaping.html(text) }
}
