import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
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
