import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports

/// Docs that regenerate: the README's generated blocks are exactly what the committed documents
/// render, so a hand edit of a figure (or a document changed without the README) fails here.
@Suite struct DocsConsistencyTests {
    static func block(in text: String, named name: String) -> String? {
        guard let start = text.range(of: "<!-- \(name):start -->\n"), let end = text.range(of: "<!-- \(name):end -->")
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test func readmeRecommendationsAreWhatTheExamplesRender() throws {
        let root = GateFixtures.repositoryRoot
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        let block = try #require(Self.block(in: readme, named: "recommend"), "README has no recommend block")
        let sources = ["docs/example/matrix.json", "docs/example/matrix-postgres.json"]
        let documents = try sources.map { try DocumentLoader.loadResult(root + "/" + $0) }
        let rendered = RecommendationReport.render(documents, sources: sources)
        #expect(block == rendered.trimmingCharacters(in: .newlines) + "\n", "run Scripts/regenerate-docs.sh")
        // Both engines, each with a design named per concurrency measured.
        #expect(block.contains("### SQLite") && block.contains("### PostgreSQL"))
        #expect(!block.contains("none measured"))
        // Every design of one process only is marked where it is listed, not only when it leads a row.
        for row in block.split(separator: "\n") where row.contains("queue (") {
            #expect(row.contains("queue (") == row.contains("logs/s; one process only)"), "\(row)")
        }
        #expect(block.contains("queue ("))
    }

    /// Figures quoted in docs/*.md inside `<!-- from: PATH -->` … `<!-- /from -->` are what PATH renders.
    @Test func quotedFiguresAreInTheDocumentsTheyCite() throws {
        let root = GateFixtures.repositoryRoot
        let docs = try FileManager.default.contentsOfDirectory(atPath: root + "/docs").filter { $0.hasSuffix(".md") }
        var checked = 0
        for name in docs.sorted() {
            let text = try String(contentsOfFile: root + "/docs/" + name, encoding: .utf8)
            let missing = try QuotedFigures.missing(in: text, root: root)
            #expect(missing.isEmpty, "docs/\(name) quotes figures its source does not render: \(missing)")
            checked += QuotedFigures.passages(in: text).map { QuotedFigures.figures(in: $0.text).count }.reduce(0, +)
        }
        // docs/reports.md quotes the limit and the growth table from docs/example/matrix.json.
        let reports = try String(contentsOfFile: root + "/docs/reports.md", encoding: .utf8)
        #expect(QuotedFigures.passages(in: reports).count >= 2)
        #expect(checked >= 12, "only \(checked) figures checked")
    }

    /// The check bites: any one quoted figure changed in its last digit is reported.
    @Test func editingAQuotedFigureIsCaught() throws {
        let root = GateFixtures.repositoryRoot
        let reports = try String(contentsOfFile: root + "/docs/reports.md", encoding: .utf8)
        var renderings: [String: String] = [:]
        for passage in QuotedFigures.passages(in: reports) where renderings[passage.source] == nil {
            renderings[passage.source] = try QuotedFigures.rendered(root, passage.source)
        }
        for passage in QuotedFigures.passages(in: reports) {
            for figure in Set(QuotedFigures.figures(in: passage.text)) {
                let number = figure.prefix { $0 != " " }
                let last = number.last!.wholeNumberValue!
                // The next value up, or down when the report happens to print that one elsewhere too.
                let candidates = [(last + 1) % 10, (last + 9) % 10].map {
                    String(number.dropLast()) + String($0) + figure.dropFirst(number.count)
                }
                let source = renderings[passage.source] ?? ""
                let edited = candidates.first { !source.contains($0) } ?? candidates[0]
                let text = passage.text.replacingOccurrences(of: figure, with: edited)
                let changed = reports.replacingOccurrences(of: passage.text, with: text)
                #expect(
                    QuotedFigures.missing(in: changed) { renderings[$0] ?? "" }.contains { $0.hasPrefix(edited) },
                    "\(figure) → \(edited) was not caught")
            }
        }
        #expect(
            QuotedFigures.figures(in: "a 309 313 logs/s limit, 77.6 µs, -3.85 ms, 24 % and 3 trials") == [
                "309 313 logs/s", "77.6 µs", "-3.85 ms", "24 %",
            ])
    }

    /// docs/seed-claims.md (and its PostgreSQL twin) are exactly what their result documents render
    /// (`bench report --format seed-claims`), with the command that wrote them.
    @Test(arguments: [
        (
            "docs/seed-claims.md", "docs/example/seed-claims.json",
            "--json docs/example/seed-claims-tables.json"
        ),
        (
            "docs/seed-claims-postgres.md", "docs/example/seed-claims-postgres.json",
            "--engine postgres --json docs/example/seed-claims-postgres-tables.json"
        ),
    ])
    func seedClaimsIsWhatItsDocumentRenders(markdown: String, result: String, flags: String) throws {
        let root = GateFixtures.repositoryRoot
        let document = try DocumentLoader.loadResult(root + "/" + result)
        let command = "bench seed-claims --output \(markdown) --results \(result) \(flags)"
        let rendered = try #require(try SeedClaimsReport.render(document, format: .markdown, command: command))
        let committed = try String(contentsOfFile: root + "/" + markdown, encoding: .utf8)
        #expect(String(decoding: rendered, as: UTF8.self) == committed)
    }

    @Test func readmeSeedDecisionTableIsWhatTheExamplesRender() throws {
        let root = GateFixtures.repositoryRoot
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        let block = try #require(Self.block(in: readme, named: "seed-decision"), "README has no seed-decision block")
        let sources = ["docs/example/seed-claims.json", "docs/example/seed-claims-postgres.json"]
        let documents = try sources.map { try DocumentLoader.loadResult(root + "/" + $0) }
        let rendered = DecisionTableReport.readmeBlock(documents, sources: sources)
        #expect(block == rendered.trimmingCharacters(in: .newlines) + "\n", "run Scripts/regenerate-seed-claims.sh")
        #expect(block.contains("### SQLite") && block.contains("### PostgreSQL"))
        #expect(!block.contains("not measured") && !block.contains("not run (no server)"))
    }
}
