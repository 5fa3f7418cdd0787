import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

@Suite struct ReviewTableTests {
    @Test func markdownMatchesTheExpectedTable() throws {
        let table = ReviewTable(document: try Fixtures.smallMatrix())
        #expect(MarkdownReport.render(table) == (try Fixtures.text("matrix-small.expected.md")))
    }

    /// Several trials: the median ± half its 95 % CI (the charts' error bar) and n, in Markdown and HTML;
    /// one trial: no ±, n=1.
    @Test func tablesGiveTheSpreadAndTheTrialsBehindEachMedian() throws {
        let document = try DocumentLoader.loadResult(GateFixtures.repositoryRoot + "/docs/example/matrix.json")
        let table = ReviewTable(document: document)
        let queue = try #require(table.rows.first { $0.strategy == Names.queue })
        let summary = try #require(
            document.summaries?.first { $0.strategy == Names.queue && $0.concurrency == table.headlineConcurrency })
        let throughput = try #require(summary.metric(.throughputPerSec))
        #expect(queue.trials == 3)
        #expect(queue.throughputHalfWidth == (throughput.ci95High - throughput.ci95Low) / 2)
        let cell = ReviewColumns.spread(rate: queue.throughputPerSec, queue.throughputHalfWidth, n: 3)
        #expect(cell.contains(" ± ") && cell.hasSuffix(" logs/s (n=3)"), "\(cell)")
        let markdown = MarkdownReport.render(table)
        #expect(markdown.contains("| \(cell) |"))
        let html = HTMLReport.render(document, table: table)
        #expect(html.contains(">\(cell)</td>"))
        #expect(markdown.contains(ReviewColumns.spread(queue.overheadP50Ns!, queue.overheadP50HalfWidth, n: 3)))

        let single = MarkdownReport.render(ReviewTable(document: try Fixtures.smallMatrix()))
        #expect(single.contains("| 250.0 logs/s (n=1) |") && single.contains("| 4.00 ms (n=1) |"))
        #expect(!single.split(separator: "\n").contains { $0.hasPrefix("| ") && $0.contains("±") })
    }

    @Test func rowsCarryTheHandComputedValues() throws {
        let table = ReviewTable(document: try Fixtures.smallMatrix())
        #expect(table.rows.map(\.strategy) == [Names.none, Names.queue, Names.logTable])
        let queue = try #require(table.rows.first { $0.strategy == Names.queue })
        #expect(queue.overheadP50Ns == 4_000_000)
        #expect(queue.overheadP99Ns == 4_000_000)
        #expect(queue.overBudgetAt == [10])
        #expect(queue.percentOfLimit == 0.05)
        #expect(queue.maxPendingPerRun == 10)
        let none = try #require(table.rows.first { $0.strategy == Names.none })
        #expect(none.loss.map(\.lost) == [0, 90])
        #expect(none.overheadP50Ns == nil)
        let logTable = try #require(table.rows.first { $0.strategy == Names.logTable })
        #expect(logTable.measuredProcessSafe == true)
        #expect(logTable.schemaChange == true)
    }

    @Test func sortingByThroughputPutsTheFastestFirst() throws {
        let table = ReviewTable(document: try Fixtures.smallMatrix(), sort: .throughput)
        #expect(table.rows.map(\.strategy) == [Names.logTable, Names.none, Names.queue])
    }

    @Test func csvHasOneLinePerStrategyWithRawNumbers() throws {
        let csv = CSVReport.render(ReviewTable(document: try Fixtures.smallMatrix()))
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 4)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let queue = lines[2].split(separator: ",", omittingEmptySubsequences: false)
        #expect(header.count == queue.count)
        let field = { (name: String) in String(queue[header.firstIndex(of: Substring(name))!]) }
        #expect(field("overhead_p50_ns") == "4000000")
        #expect(field("max_pending_per_run") == "10")
        #expect(field("process_safe_measured") == "")
        // The interval columns come last and follow the table's half-widths (blank for one trial).
        #expect(
            header.suffix(4) == [
                "trials", "throughput_ci95_half_per_s", "overhead_p50_ci95_half_ns", "overhead_p99_ci95_half_ns",
            ])
        let row = try #require(
            ReviewTable(document: try Fixtures.smallMatrix()).rows.first { $0.strategy == Names.queue })
        #expect(field("trials") == (row.trials.map(String.init) ?? ""))
        #expect(field("throughput_ci95_half_per_s") == CSVReport.number(row.throughputHalfWidth))
    }

    @Test func olderDocumentsWithoutMatrixFieldsStillDecode() throws {
        var object = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Fixtures.folder.appendingPathComponent("matrix-small.json")))
                as? [String: Any])
        for key in ["matrix", "limits", "growth", "safety"] { object.removeValue(forKey: key) }
        let document = try JSONDecoder().decode(
            ResultDocument.self, from: JSONSerialization.data(withJSONObject: object))
        let table = ReviewTable(document: document)
        #expect(table.rows.first?.percentOfLimit == nil)
        #expect(MarkdownReport.render(table).contains("limit: not measured"))
    }

    @Test func unreadableResultsSayWhichFileAndWhat() throws {
        let folder = NSTemporaryDirectory() + "logbench-report-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notJSON = folder + "/broken.json"
        try Data("{ nope".utf8).write(to: URL(fileURLWithPath: notJSON))
        let invalid = #expect(throws: BaselineError.self) { try DocumentLoader.loadResult(notJSON) }
        #expect(invalid?.unreadable == false)
        #expect(invalid?.description.hasPrefix("invalid document \(notJSON): not valid JSON") == true)
        let missing = #expect(throws: BaselineError.self) {
            try DocumentLoader.loadResult(folder + "/missing.json")
        }
        #expect(missing?.unreadable == true)
        #expect(missing?.description.hasSuffix("missing.json: no such file") == true)
    }
}
