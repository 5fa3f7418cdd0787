import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench report --format markdown`: the review table for a design document or pull request.
public enum MarkdownReport {
    public static func render(_ table: ReviewTable) -> String {
        let columns = ReviewColumns(table)
        var out = "| " + columns.headers.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + columns.headers.indices.map { columns.numeric.contains($0) ? "--:|" : "---|" }.joined() + "\n"
        for (r, row) in columns.rows.enumerated() {
            let cells = row.enumerated().map { c, text in
                columns.alarms.contains([r, c]) ? "**\(escape(text))**" : escape(text)
            }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        for note in ReviewColumns.notes(table) { out += "- \(escape(note))\n" }
        return out
    }

    package static func escape(_ text: String) -> String { Escaping.markdown(text) }
}
