import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Every string from a document is escaped for the format it goes into.
@Suite("Escaping document strings")
struct EscapingTests {
    static let evil = "x|y\n<script>alert('1')</script>\u{1B}[31m\"&"
    static let formula = "=HYPERLINK(\"http://example.invalid\")"

    /// The fixture with hostile strings in the environment and a strategy name.
    static func hostileDocument() throws -> ResultDocument {
        var document = try Fixtures.smallMatrix()
        document.environment.cpuModel = evil
        document.environment.databaseFilesystem = formula
        for index in document.cells.indices where document.cells[index].strategy == Names.logTable {
            document.cells[index].strategy = evil
        }
        document.summaries = nil
        DerivedFigures.fillMissing(in: &document)
        return document
    }

    @Test func markdownTableKeepsItsRows() throws {
        let table = ReviewTable(document: try Self.hostileDocument())
        let markdown = MarkdownReport.render(table)
        #expect(!markdown.contains("<script>"))
        #expect(!markdown.contains("\u{1B}"))
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(tableLines.count == table.rows.count + 2, "\(markdown)")
        #expect(markdown.contains("x\\|y"))
    }

    @Test func csvQuotesAndDisarmsFormulas() throws {
        let document = try Self.hostileDocument()
        let csv = CSVReport.render(ReviewTable(document: document))
        #expect(csv.contains("\"x|y\n<script>"))
        #expect(Escaping.csv(Self.formula).hasPrefix("\"'="))
        #expect(Escaping.csv("-12.5") == "-12.5")
        #expect(Escaping.csv("a\rb") == "\"a\rb\"")
    }

    @Test func htmlAndSVGAreInert() throws {
        let document = try Self.hostileDocument()
        let html = HTMLReport.render(document, table: ReviewTable(document: document))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("\u{1B}"))
        #expect(html.contains("&lt;script&gt;alert(&#39;1&#39;)"))
        for chart in ReportCharts.all(document) {
            let svg = chart.svg(standalone: true)
            #expect(!svg.contains("<script>"), "\(chart.id)")
            #expect(!svg.contains("\u{1B}"), "\(chart.id)")
        }
    }

    @Test func terminalOutputCarriesNoControlCharacters() throws {
        let document = try Self.hostileDocument()
        let table = ReviewTable(document: document)
        let text = TextReport.render(table)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("\\u{1B}[31m"))
        // A newline in a strategy name does not add a row: the first block is its group's title, the
        // header, the rule and one line per row.
        #expect(
            text.split(separator: "\n", omittingEmptySubsequences: false).prefix(while: { !$0.isEmpty }).count
                == table.rows.count + 3)
        #expect(!TextSummary.render(document).contains("\u{1B}"))
        #expect(Escaping.terminal("a\u{9B}b\u{7F}") == "a\\u{9B}b\\u{7F}")
    }

    @Test func comparisonRenderingEscapesKeys() throws {
        let document = try Self.hostileDocument()
        let set = MeasurementSet(source: Self.evil, result: document)
        let comparison = Comparison.compare(baseline: set, current: set, rules: GateRules())
        #expect(!ComparisonRendering.render(comparison, format: .text).contains("\u{1B}"))
        let markdown = ComparisonRendering.render(comparison, format: .markdown)
        #expect(!markdown.contains("<script>"))
        #expect(!markdown.contains("\u{1B}"))
    }
}
