import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Scripts/ci-gate.sh refuses bad environment values before building anything (64), never evaluates
/// them, and an empty baseline ends with 65 and its summary. Nothing here builds or measures.
@Suite(.serialized) struct GateScriptTests {
    typealias F = GateFixtures

    /// Bash arithmetic on `root[$(touch …)]` would run the command: the script must not.
    @Test(arguments: ["GATE_TRIALS", "GATE_CONCURRENCY"])
    func injectionIsRefusedBeforeBuilding(variable: String) throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let marker = folder + "/pwn"
        let run = try F.script(
            "Scripts/ci-gate.sh",
            environment: [variable: "1[$(touch \(marker))]", "TMPDIR": folder, "GATE_OUT": folder + "/out"])
        #expect(run.status == 64, "\(run.stdout)\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker), "the command in \(variable) was executed")
        #expect(!run.stderr.contains("building"), "\(run.stderr)")
        #expect(run.stderr.contains(variable))
        #expect(run.stdout.contains("LogBench gate: exit 64"), "the summary is written on this path too")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"), "nothing created before the check")
        // The script's temporary folder is removed: only what the test made is left.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test(arguments: [
        ["GATE_TRIALS": "0"], ["GATE_TRIALS": "5"], ["GATE_TRIALS": "-3"], ["GATE_STRATEGIES": "queue bogus"],
        ["GATE_CONCURRENCY": "1 0"], ["GATE_HEAD_EXTRA_ARGS": "--db /etc/passwd"],
        ["GATE_HEAD_EXTRA_ARGS": "--inject-delay-us $(id)"], ["GATE_STRATEGIES": "queue queue"],
        ["GATE_CONCURRENCY": "1 1"],
    ])
    func badValuesAreUsageErrors(environment: [String: String]) throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        var env = environment
        env["TMPDIR"] = folder
        env["GATE_OUT"] = folder + "/out"
        env["GATE_CONCURRENCY"] = env["GATE_CONCURRENCY"] ?? "1 2 3"
        let run = try F.script("Scripts/ci-gate.sh", environment: env)
        #expect(run.status == 64, "\(environment): \(run.stdout)\(run.stderr)")
        #expect(!run.stderr.contains("building"))
    }

    /// An empty baseline is invalid (65, as documented) and the summary still says so, in the step
    /// summary too; the temporary folder goes, the results folder keeps the summary.
    @Test func emptyBaselineEndsWithSixtyFiveAndASummary() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let baseline = folder + "/ci.json"
        _ = FileManager.default.createFile(atPath: baseline, contents: Data("  \n".utf8))
        let stepSummary = folder + "/step-summary.md"
        let scratch = folder + "/tmp"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        let run = try F.script(
            "Scripts/ci-gate.sh",
            environment: [
                "GATE_BASELINE": baseline, "GATE_OUT": folder + "/out", "GITHUB_STEP_SUMMARY": stepSummary,
                "TMPDIR": scratch,
            ])
        #expect(run.status == 65, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("LogBench gate: exit 65") && run.stdout.contains("empty"), "\(run.stdout)")
        let summary = try String(contentsOfFile: stepSummary, encoding: .utf8)
        #expect(summary.contains("exit 65"))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/summary.md"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
    }

    /// An existing, non-empty GATE_OUT is refused (64), never mixed with new results.
    @Test func existingResultsFolderIsRefused() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        _ = FileManager.default.createFile(atPath: folder + "/old.json", contents: Data("{}".utf8))
        let run = try F.script("Scripts/ci-gate.sh", environment: ["GATE_OUT": folder])
        #expect(run.status == 64, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("GATE_OUT"))
    }

    /// The script's list of strategy names is the registry's.
    @Test func scriptKnowsTheRegisteredStrategies() throws {
        let script = try String(contentsOfFile: F.repositoryRoot + "/Scripts/ci-gate.sh", encoding: .utf8)
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("known_strategies=(") })
        let names = line.dropFirst("known_strategies=(".count).dropLast().split(separator: " ").map(String.init)
        #expect(Set(names) == Set(StrategyRegistry.names))
    }

    /// validate-gate.sh checks N as a whole number before any arithmetic.
    @Test func validateGateChecksItsCount() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let marker = folder + "/pwn"
        let run = try F.script(
            "Scripts/validate-gate.sh", environment: ["GATE_OUT": folder + "/out"],
            arguments: [F.benchPath, "x[$(touch \(marker))]"])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    /// A `LOGBENCH_PG_*` value is one of its documented forms, or refused before a server is set up:
    /// none can add a line to postgresql.conf (here, one that would listen on every interface).
    @Test(arguments: [
        ["LOGBENCH_PG_SHARED_BUFFERS": "128MB'\nlisten_addresses = '*"], ["LOGBENCH_PG_FSYNC": "on\nport=1"],
        ["LOGBENCH_PG_MAX_CONNECTIONS": "0"], ["LOGBENCH_PG_SYNCHRONOUS_COMMIT": "maybe"],
    ])
    func postgresSettingsAreChecked(environment: [String: String]) throws {
        let run = try F.script("Scripts/with-postgres.sh", environment: environment, arguments: ["true"])
        #expect(run.status == 64, "\(environment): \(run.stderr)")
        #expect(run.stderr.contains(environment.keys.first!), "\(run.stderr)")
    }
}
