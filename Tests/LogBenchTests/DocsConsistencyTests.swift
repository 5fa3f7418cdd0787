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
