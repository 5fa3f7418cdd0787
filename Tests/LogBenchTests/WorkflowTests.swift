import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchStrategies

/// The pull-request workflow as shipped: one package list, every design gated, the comment script
/// and `bench --version`. The full run of the workflow's steps (two release builds) is in .ci/run.
@Suite(.serialized) struct WorkflowTests {
    typealias F = GateFixtures

    static func python(_ arguments: [String]) throws -> GateFixtures.Run {
        try F.script(arguments[0], environment: [:], arguments: Array(arguments.dropFirst()), interpreter: "python3")
    }

    /// Every package the C modules need is on the gate's list, and the workflow installs nothing
    /// itself; with libpq-dev taken off the list the check fails and names the header that needs it.
    @Test func packageListCoversTheBuildAndFailsWithoutLibpq() throws {
        let ok = try Self.python(["Scripts/run-workflow-steps.py", "--preflight-only"])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let original = try String(contentsOfFile: F.repositoryRoot + "/Scripts/install-deps.sh", encoding: .utf8)
        let trimmed = original.replacingOccurrences(
            of: "build=(libsqlite3-dev libjemalloc-dev libpq-dev ", with: "build=(libsqlite3-dev libjemalloc-dev ")
        #expect(trimmed != original, "the list's line changed: update this test")
        let installer = folder + "/install-deps.sh"
        try trimmed.write(toFile: installer, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: installer)
        let missing = try Self.python([
            "Scripts/run-workflow-steps.py", "--preflight-only", "--install-deps", installer,
        ])
        #expect(missing.status == 1, "\(missing.stdout)\(missing.stderr)")
        #expect(missing.stderr.contains("libpq-dev is not in install-deps.sh --gate"))
        #expect(missing.stderr.contains("libpq-fe.h"))
    }

    /// A workflow step that installs packages itself is refused: the list lives in one file.
    @Test func aWorkflowThatInstallsItselfIsRefused() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let workflow = try String(
            contentsOfFile: F.repositoryRoot + "/.github/workflows/bench-gate.yml", encoding: .utf8)
        #expect(!workflow.contains("apt-get"))
        let edited = workflow.replacingOccurrences(
            of: "run: Scripts/install-deps.sh --gate", with: "run: apt-get install -y libsqlite3-dev")
        try edited.write(toFile: folder + "/w.yml", atomically: true, encoding: .utf8)
        let run = try Self.python(["Scripts/run-workflow-steps.py", "--preflight-only", folder + "/w.yml"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("installs packages itself"))
    }

    /// The default gate covers every design of the registry; `none` is the reference, not gated.
    @Test func defaultGateCoversEveryDesign() throws {
        let script = try String(contentsOfFile: F.repositoryRoot + "/Scripts/ci-gate.sh", encoding: .utf8)
        let prefix = "read -r -a strategies <<<\"${GATE_STRATEGIES:-"
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix(prefix) })
        let defaults = line.dropFirst(prefix.count).prefix { $0 != "}" }.split(separator: " ").map(String.init)
        #expect(Set(defaults) == Set(StrategyRegistry.names).subtracting([Names.none]))
    }

    @Test func prCommentValidatesAndDryRunsWithoutAToken() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let summary = folder + "/summary.md"
        try "## LogBench gate: exit 0\n".write(toFile: summary, atomically: true, encoding: .utf8)
        let env = ["GITHUB_REPOSITORY": "owner/repo", "PR_NUMBER": "12", "GITHUB_TOKEN": ""]
        let dry = try F.script("Scripts/pr-comment.sh", environment: env, arguments: [summary])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would post or update the comment marked <!-- logbench-gate --> on owner/repo#12"))
        for (name, value) in [("PR_NUMBER", "12; rm -rf /"), ("GITHUB_REPOSITORY", "a/b/c"), ("PR_NUMBER", "")] {
            var bad = env
            bad[name] = value
            let run = try F.script("Scripts/pr-comment.sh", environment: bad, arguments: [summary])
            #expect(run.status == 64, "\(name)=\(value): \(run.stderr)")
        }
        let noFile = try F.script("Scripts/pr-comment.sh", environment: env, arguments: [folder + "/none.md"])
        #expect(noFile.status == 64)
    }

    /// `bench --version`: the version and the commit this binary was built from.
    @Test func versionNamesTheBuildCommit() throws {
        let run = try F.bench(["--version"])
        #expect(run.status == 0)
        let line = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line == "bench \(BuildInfo.description)")
        #expect(line.wholeMatch(of: /bench \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)/) != nil, "\(line)")
        // Built in this checkout: the commit is an object of this repository.
        if BuildInfo.commit != "unknown" {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            git.arguments = [
                "git", "-C", F.repositoryRoot, "cat-file", "-e", String(BuildInfo.commit.prefix(40)) + "^{commit}",
            ]
            try git.run()
            git.waitUntilExit()
            #expect(git.terminationStatus == 0, "\(BuildInfo.commit) is not a commit of this repository")
        }
    }
}

/// A durable acknowledgement given before the write (a queue that signals its caller first) is data
/// at risk: the entries a buffering strategy still holds once every producer returned count as loss.
@Suite struct AcknowledgedUnwrittenTests {
    typealias F = GateFixtures

    @Test func countsAsDataLossAndFailsTheGateWithThree() throws {
        var audit = AuditResult()
        audit.expected = 20
        audit.stored = 20
        #expect(audit.dataLossCount == 0)
        audit.acknowledgedUnwritten = 2
        #expect(audit.dataLossCount == 2)
        #expect((audit + AuditResult()).acknowledgedUnwritten == 2)

        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let steady = F.steady(6)
        let baseline = try F.write(try F.resultDocument(latencyUs: steady), to: folder, name: "base.json")
        var early = try F.resultDocument(latencyUs: steady)
        early.cells[early.cells.count - 1].audit.acknowledgedUnwritten = 1
        DerivedFigures.apply(to: &early)
        let current = try F.write(early, to: folder, name: "early.json")
        let check = try F.bench(["check", "--baseline", baseline, "--current", current])
        #expect(check.status == 3, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("FAIL [data loss]"))
    }
}
