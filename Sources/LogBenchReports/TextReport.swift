import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench report --format text`: the review table with aligned columns for a terminal, in blocks no
/// wider than `width` (the strategy column repeated in each, the columns in their order, a group kept
/// in one block when it fits), and the notes wrapped to the same width.
public enum TextReport {
    public static let defaultWidth = 120

    public static func render(_ table: ReviewTable, width: Int = defaultWidth) -> String {
        let columns = ReviewColumns(table)
        let all = ([columns.headers] + columns.rows).map { $0.map(Escaping.terminal) }
        let widths = columns.headers.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String], _ picked: [Int]) -> String {
            picked.map { c in
                let text = cells[c]
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return columns.numeric.contains(c) ? pad + text : text + pad
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        var out = ""
        for (index, block) in blocks(widths: widths, groups: columns.groups, width: width).enumerated() {
            let picked = [0] + block
            let titles = columns.groups.filter { group in block.contains { group.columns.contains($0) } }.map(\.title)
            if index > 0 { out += "\n" }
            if !titles.isEmpty { out += titles.joined(separator: " · ") + "\n" }
            out += line(all[0], picked)
            out += line(widths.map { String(repeating: "-", count: $0) }, picked)
            for row in all.dropFirst() { out += line(row, picked) }
        }
        out += "\n"
        for note in ReviewColumns.notes(table) { out += wrap("* " + Escaping.terminal(note), width: width) }
        return out
    }

    /// The columns after the strategy column, cut into blocks that fit `width`: a group moves to a new
    /// block whole when it would not fit in the current one; a group wider than a block is cut.
    static func blocks(widths: [Int], groups: [(title: String, columns: Range<Int>)], width: Int) -> [[Int]] {
        let first = widths.first ?? 0
        func span(_ columns: [Int]) -> Int { columns.reduce(first) { $0 + 2 + widths[$1] } }
        var blocks: [[Int]] = []
        var current: [Int] = []
        let grouped = groups.map { Array($0.columns) }
        let loose = Array(1..<widths.count).filter { c in !grouped.contains { $0.contains(c) } }.map { [$0] }
        for group in (grouped + loose).sorted(by: { ($0.first ?? 0) < ($1.first ?? 0) }) {
            if !current.isEmpty && span(current + group) > width {
                blocks.append(current)
                current = []
            }
            for column in group {
                if !current.isEmpty && span(current + [column]) > width {
                    blocks.append(current)
                    current = []
                }
                current.append(column)
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    /// Words to lines of at most `width` characters, continuation lines indented by two spaces.
    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = "  " + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    package func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
