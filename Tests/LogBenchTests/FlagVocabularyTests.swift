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

/// Durations carry their unit in the flag's name (`--duration-s`, `--step-duration-s`); the old
/// spellings work for one release with a one-line note on stderr, and both at once are refused.
@Suite struct DurationFlagTests {
    typealias F = GateFixtures
    static let openLoop = [
        "run", "--strategy", Names.logTable, "--concurrency", "1", "--rate", "100", "--format", "json",
    ]

    @Test func theNewSpellingWorksWithoutANote() throws {
        let run = try BenchBinary.run(Self.openLoop + ["--duration-s", "0.1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("deprecated"))
        let cell = try #require(try run.document().cells.first { $0.strategy == Names.logTable })
        #expect(cell.workload.load.durationS == 0.1)
    }

    @Test func theOldSpellingStillWorksAndSaysSo() throws {
        let run = try BenchBinary.run(Self.openLoop + ["--duration", "0.1"])
        #expect(run.status == 0, "\(run.stderr)")
        let notes = run.stderr.split(separator: "\n").filter { $0.contains("deprecated") }
        #expect(notes == ["bench: note: --duration is deprecated; use --duration-s"], "\(run.stderr)")
        let cell = try #require(try run.document().cells.first { $0.strategy == Names.logTable })
        #expect(cell.workload.load.durationS == 0.1)
    }

    /// The old names reach the same checks as the new ones (a value out of range is refused under its new name).
    @Test(arguments: [
        (["saturate", "--step-duration", "0"], "--step-duration", "--step-duration-s must be between"),
        (["seed-claims", "--duration", "0"], "--duration", "--duration-s must be between"),
    ])
    func oldNamesOfSaturateAndSeedClaims(arguments: [String], old: String, refusal: String) throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let run = try F.bench(arguments + (arguments[0] == "seed-claims" ? ["--output", folder + "/s.md"] : []))
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("bench: note: \(old) is deprecated; use \(old)-s"), "\(run.stderr)")
        #expect(run.stderr.contains(refusal), "\(run.stderr)")
    }

    @Test(arguments: [
        Self.openLoop + ["--duration", "0.1", "--duration-s", "0.1"],
        ["saturate", "--step-duration", "1", "--step-duration-s", "1"],
        ["seed-claims", "--output", "/nonexistent/s.md", "--duration", "1", "--duration-s", "1"],
    ])
    func bothSpellingsAtOnceAreAUsageError(arguments: [String]) throws {
        let run = try F.bench(arguments)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("is its old name"), "\(run.stderr)")
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
