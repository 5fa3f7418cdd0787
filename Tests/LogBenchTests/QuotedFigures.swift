import Foundation

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports

/// The convention of docs/reports.md ("Quoted figures are checked"): a passage between
/// `<!-- from: PATH -->` and `<!-- /from -->` quotes the result document PATH, and every figure in it,
/// a number with its unit, must appear as written in what `bench report PATH` renders for it.
enum QuotedFigures {
    struct Passage {
        var source: String
        var text: String
    }

    /// Longest units first, so `logs/s` is not read as `s`.
    static let units = ["logs/s", "rows/s", "KiB", "MiB", "GiB", "µs", "ms", "ns", "s", "%", "B"]

    static func passages(in markdown: String) -> [Passage] {
        var passages: [Passage] = []
        var rest = Substring(markdown)
        while let open = rest.range(of: "<!-- from: ") {
            guard let name = rest[open.upperBound...].range(of: " -->"),
                let close = rest[name.upperBound...].range(of: "<!-- /from -->")
            else { break }
            passages.append(
                Passage(
                    source: String(rest[open.upperBound..<name.lowerBound]),
                    text: String(rest[name.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        return passages
    }

    /// "77.6 µs", "-3.85 ms", "24 %": a number (sign, digits, decimals) then one space and a unit that
    /// no letter follows. "309 313" (a thousands separator) is returned whole, so it cannot match.
    static func figures(in text: String) -> [String] {
        let characters = Array(text)
        var figures: [String] = []
        var index = 0
        func isDigit(_ i: Int) -> Bool { i < characters.count && characters[i].isASCII && characters[i].isNumber }
        while index < characters.count {
            let startsNumber =
                isDigit(index) && (index == 0 || !(isDigit(index - 1) || characters[index - 1] == "."))
            guard startsNumber else {
                index += 1
                continue
            }
            var start = index
            if start > 0 && (characters[start - 1] == "-" || characters[start - 1] == "−") { start -= 1 }
            var end = index
            while isDigit(end) || (characters[end] == "." && isDigit(end + 1))
                || (characters[end] == " " && isDigit(end + 1) && isDigit(end + 3) && !isDigit(end + 4)
                    && isDigit(end + 2))
            {
                end += 1
            }
            index = end
            guard end < characters.count, characters[end] == " " else { continue }
            let after = String(characters[(end + 1)...].prefix(8))
            guard
                let unit = units.first(where: { unit in
                    after.hasPrefix(unit) && !(after.dropFirst(unit.count).first?.isLetter ?? false)
                })
            else { continue }
            figures.append(String(characters[start..<end]) + " " + unit)
        }
        return figures
    }

    /// What `bench report PATH` prints for the document: the Markdown review table with its notes,
    /// and the recommendations.
    static func rendered(_ root: String, _ source: String) throws -> String {
        let document = try DocumentLoader.loadResult(root + "/" + source)
        return MarkdownReport.render(ReviewTable(document: document))
            + RecommendationReport.render([document], sources: [source])
    }

    /// Whether `figure` occurs in `text` with no digit, point or sign right before it.
    static func occurs(_ figure: String, in text: String) -> Bool {
        var rest = Substring(text)
        while let range = rest.range(of: figure) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            if !(before.isNumber || before == "." || before == "-" || before == "−") { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    /// The figures of every passage of `markdown` that its source does not render, as "figure (source)".
    static func missing(in markdown: String, root: String) throws -> [String] {
        var cache: [String: String] = [:]
        return try missing(in: markdown) { source in
            if let text = cache[source] { return text }
            let text = try rendered(root, source)
            cache[source] = text
            return text
        }
    }

    /// The same, with each source's rendering given by `render`.
    static func missing(in markdown: String, render: (String) throws -> String) rethrows -> [String] {
        try passages(in: markdown).flatMap { passage in
            let text = try render(passage.source)
            return figures(in: passage.text).filter { !occurs($0, in: text) }.map { "\($0) (\(passage.source))" }
        }
    }
}
