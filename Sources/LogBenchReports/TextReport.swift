import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench report --format text`: the review table with aligned columns for a terminal.
public enum TextReport {
    public static func render(_ table: ReviewTable) -> String {
        let columns = ReviewColumns(table)
        let all = ([columns.headers] + columns.rows).map { $0.map(Escaping.terminal) }
        let widths = columns.headers.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return columns.numeric.contains(c) ? pad + text : text + pad
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        var out = line(all[0])
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in all.dropFirst() { out += line(row) }
        out += "\n"
        for note in ReviewColumns.notes(table) { out += "* \(Escaping.terminal(note))\n" }
        return out
    }
}

extension String {
    package func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
