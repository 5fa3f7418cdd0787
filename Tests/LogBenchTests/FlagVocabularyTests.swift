import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchStrategies

/// One flag vocabulary: `--strategy` and `--concurrency` repeatable with comma lists where a command
/// sweeps, refused lists where it does not, the old spellings as noted aliases, `help` of a typo 64.
@Suite struct FlagVocabularyTests {
    typealias F = GateFixtures

    @Test func helpOfAnUnknownCommandIsAUsageError() throws {
        let unknown = try F.bench(["help", "nosuch"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no command \"nosuch\""))
        #expect(try F.bench(["help", "baseline", "nosuch"]).status == 64)
        #expect(try F.bench(["help", "check"]).status == 0)
        #expect(try F.bench(["help", "baseline", "save"]).status == 0)
    }

    @Test(arguments: [
        ["--strategy", "queue,lock"], ["--strategy", "queue", "--strategy", "lock"], ["--concurrency", "1,2"],
    ])
    func runRefusesLists(arguments: [String]) throws {
        let run = try F.bench(["run"] + arguments)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("takes one value for bench run"))
    }

    @Test func sweepsTakeRepeatedFlagsAndCommaLists() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let matrix = try F.bench([
            "matrix", "--strategy", Names.queue, "--strategy", Names.lock, "--concurrency", "1,2",
            "--logs-per-producer",
            "5", "--safety-workers", "0", "--quiet", "--output", folder + "/m.json",
        ])
        #expect(matrix.status == 0, "\(matrix.stderr)")
        let document = try DocumentLoader.loadResult(folder + "/m.json")
        let cells = Set(document.measuredCells.map { "\($0.strategy)@\($0.concurrency)" })
        #expect(cells == ["queue@1", "queue@2", "lock@1", "lock@2"])

        let saved = try F.bench([
            "baseline", "save", "--name", "b", "--baselines-dir", folder, "--strategy", "queue,lock", "--concurrency",
            "1", "--concurrency", "2", "--logs-per-producer", "5", "--trials", "6",
        ])
        #expect(saved.status == 0, "\(saved.stderr)")
        let shown = try F.bench(["baseline", "show", folder + "/b.json"])
        for cell in ["queue c=1", "queue c=2", "lock c=1", "lock c=2"] {
            #expect(shown.stdout.contains(cell), "\(shown.stdout)")
        }
    }

    @Test func oldSpellingsWorkWithADeprecationNote() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let matrix = try F.bench([
            "matrix", "--strategies", Names.queue, "--concurrency", "1", "--logs-per-producer", "5",
            "--safety-workers", "0", "--quiet", "--output", folder + "/m.json",
        ])
        #expect(matrix.status == 0, "\(matrix.stderr)")
        #expect(matrix.stderr.contains("--strategies is deprecated; use --strategy"))
        let both = try F.bench(["matrix", "--strategies", Names.queue, "--strategy", Names.lock, "--quiet"])
        #expect(both.status == 64)
    }
}

/// The text review table fits a 120-column terminal: split into blocks, notes wrapped.
@Suite struct ReportWidthTests {
    @Test func exampleReportFitsInOneHundredTwentyColumns() throws {
        let run = try GateFixtures.bench(["report", GateFixtures.repositoryRoot + "/docs/example/matrix.json"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 120 }, "\(lines.filter { $0.count > 120 }.first ?? "")")
        // Every strategy and every column is still there.
        for name in StrategyRegistry.names { #expect(run.stdout.contains(name)) }
        for header in ["loss c=20", "throughput @c=20", "survives crash", "append p50 @1000 logs"] {
            #expect(run.stdout.contains(header))
        }
    }

    @Test func blocksKeepGroupsTogetherAndRespectTheWidth() {
        let widths = [10, 30, 30, 30, 50, 50]
        let blocks = TextReport.blocks(
            widths: widths, groups: [("a", 1..<4), ("b", 4..<6)], width: 120)
        #expect(blocks == [[1, 2, 3], [4, 5]])
        // A group that does not fit the current block starts a new one; one wider than a block is cut.
        let wide = [10, 30, 30, 50, 50, 50]
        #expect(
            TextReport.blocks(widths: wide, groups: [("a", 1..<3), ("b", 3..<6)], width: 120) == [
                [1, 2], [3, 4], [5],
            ])
        for block in blocks { #expect(block.reduce(widths[0]) { $0 + 2 + widths[$1] } <= 120) }
        #expect(
            TextReport.wrap("* " + String(repeating: "word ", count: 60), width: 40).split(separator: "\n").allSatisfy {
                $0.count <= 40
            })
    }
}
