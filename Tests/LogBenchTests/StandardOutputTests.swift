import Foundation
import Testing

@testable import LogBenchModel

/// Round two of hostile outputs and paths, found by a first-contact review: standard output that
/// refuses the text, paths that are not UTF-8, a folder where a file goes, two outputs on one path,
/// and baseline paths that cannot be read.
@Suite struct StandardOutputTests {
    struct Outcome {
        var status: Int32
        var stderr: String
    }

    /// Runs `bench` through the shell (so an argument can hold bytes Swift strings cannot), with
    /// standard output sent to `stdout` (a shell redirection such as `> /dev/full`).
    static func shell(_ arguments: String, stdout: String = "> /dev/null", input: String = "", in folder: String) throws
        -> Outcome
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(input)\"$BENCH\" \(arguments) \(stdout) 2> stderr.txt"]
        process.environment = ProcessInfo.processInfo.environment.merging(["BENCH": BenchBinary.executable.path]) {
            _, new in new
        }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        try process.run()
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: folder + "/stderr.txt", encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, stderr: stderr)
    }

    @Test("standard output that refuses the text exits 74 and keeps it in a file the message names")
    func refusedStandardOutput() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let document = Fixtures.path("matrix-small.json")
        for (arguments, redirect) in [
            ("report '\(document)'", "> /dev/full"), ("report '\(document)'", ">&-"),
            ("compare '\(document)' '\(document)'", "> /dev/full"),
            ("check --baseline '\(document)' --current '\(document)'", "> /dev/full"),
        ] {
            let outcome = try Self.shell(arguments, stdout: redirect, in: folder)
            #expect(outcome.status == 74, "\(arguments) \(redirect): \(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
            let kept = try #require(outcome.stderr.range(of: "kept in ").map { outcome.stderr[$0.upperBound...] })
            let path = String(kept.prefix { !$0.isWhitespace })
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()).count > 100)
        }
    }

    @Test("a document read through a pipe reads as a file does; an empty device is an empty document")
    func pipedDocument() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let document = Fixtures.path("matrix-small.json")
        let piped = try Self.shell(
            "report /dev/stdin --format json", stdout: "> out.json", input: "cat '\(document)' | ", in: folder)
        #expect(piped.status == 0, "\(piped.stderr)")
        let direct = try Self.shell("report '\(document)' --format json", stdout: "> direct.json", in: folder)
        #expect(direct.status == 0)
        #expect(
            FileManager.default.contents(atPath: folder + "/out.json")
                == FileManager.default.contents(atPath: folder + "/direct.json"))
        let empty = try Self.shell("report /dev/null", in: folder)
        #expect(empty.status == 65 && empty.stderr.contains("empty"), "\(empty.stderr)")
    }

    @Test("a negative value after a space gets the option's range, not \"Missing value\"")
    func negativeValues() throws {
        for (option, value) in [("--concurrency", "-1"), ("--warmup", "-3"), ("--logs-per-producer", "-50")] {
            let outcome = try HostileOutputTests.bench(["--strategy", "queue", option, value])
            #expect(outcome.status == 64, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("\(option) must be between") && outcome.stderr.contains("(got \(value))"))
        }
    }

    @Test("an empty --tmp-dir or --svg-dir says the path is empty, as every output flag does")
    func emptyPaths() throws {
        for arguments in [
            ["--strategy", "queue", "--tmp-dir", ""], ["report", Fixtures.path("matrix-small.json"), "--svg-dir", ""],
        ] {
            let outcome = try HostileOutputTests.bench(arguments)
            #expect(outcome.status == 64 && outcome.stderr.contains(": the path is empty"), "\(outcome.stderr)")
        }
    }

    @Test("a design named twice is refused as a repeated level is; all beside a name is not")
    func repeatedStrategy() throws {
        let twice = try HostileOutputTests.bench(["--strategy", "queue,queue", "--concurrency", "2"])
        #expect(twice.status == 64 && twice.stderr.contains("names queue twice"), "\(twice.stderr)")
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let repeated = try HostileOutputTests.bench(
            ["matrix", "--strategy", "lock", "--strategy", "lock", "--output", "m.json"], in: folder)
        #expect(repeated.status == 64, "\(repeated.stderr)")
        let all = try HostileOutputTests.bench(
            [
                "matrix", "--strategy", "all,none", "--concurrency", "1", "--logs-per-producer", "2",
                "--safety-workers", "0", "--output", "all.json",
            ], in: folder)
        #expect(all.status != 64, "\(all.stderr)")
    }

    @Test("a path that is not UTF-8 is refused before it can name another file")
    func nonUTF8Path() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        // What Swift would have decoded `out\xfe.md` to: out, U+FFFD, .md.
        let lookalike = folder + "/out\u{FFFD}.md"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: lookalike))
        let outcome = try Self.shell(
            "report '\(Fixtures.path("matrix-small.json"))' --output \"$(printf 'out\\376.md')\" --force", in: folder)
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("not valid UTF-8"), "\(outcome.stderr)")
        #expect(try String(contentsOfFile: lookalike, encoding: .utf8) == "precious")
    }

    @Test("a folder as --output is refused before measuring, even with --force; --svg-dir on --output too")
    func folderAndSharedPaths() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        try FileManager.default.createDirectory(atPath: folder + "/adir", withIntermediateDirectories: false)
        let run = try Self.shell(
            "--strategy log-table --concurrency 2 --logs-per-producer 5000 --output adir --force", in: folder)
        #expect(run.status == 64 && run.stderr.contains("is a folder"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")

        let report = try Self.shell(
            "report '\(Fixtures.path("matrix-small.json"))' --output same --svg-dir same", in: folder)
        #expect(report.status == 64 && report.stderr.contains("same path"), "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/same"), "it wrote before refusing")
    }

    @Test("baseline paths that cannot be read exit 66; a bare name no baseline has exits 65")
    func unreadableBaselinePaths() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        try FileManager.default.createDirectory(atPath: folder + "/adir", withIntermediateDirectories: false)
        let current = "--current '\(Fixtures.path("matrix-small.json"))'"
        for (baseline, status) in [("adir", 66), ("nope.json", 66), ("/no/such/x.json", 66), ("nosuchname", 65)] {
            let outcome = try Self.shell("check --baseline \(baseline) \(current)", in: folder)
            #expect(outcome.status == Int32(status), "\(baseline): \(outcome.stderr)")
        }
        let list = try Self.shell("baseline list --baselines-dir nosuch", in: folder)
        #expect(list.status == 66 && list.stderr.contains("no such folder"), "\(list.stderr)")
    }
}

/// `check --current` and `baseline save --from` read a document: a flag that says how to measure
/// would be ignored there, so it is refused (a CI script that thinks it gated `--strategy lock` did not).
@Suite struct MeasuringFlagsTests {
    /// What the gate reads with --current; every other flag of `bench help check` measures.
    static let reading: Set<String> = [
        "--baseline", "--baselines-dir", "--current", "--current-retry", "--baseline-retry", "--format", "--report",
        "--force", "--tolerance", "--cross-machine-tolerance", "--min-effect-us", "--alpha", "--allow-missing",
        "--cross-machine", "--budget-ms", "--version", "--help",
    ]

    @Test("measuring flags beside --current or --from exit 64 naming them; the gate's own flags are read")
    func refused() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let document = "'\(Fixtures.path("matrix-small.json"))'"
        for flags in [
            "--strategy lock", "--inject-delay-us 5", "--keep-results kept.json", "--allow-failed", "--rate 10",
        ] {
            let outcome = try StandardOutputTests.shell(
                "check --baseline \(document) --current \(document) \(flags)", in: folder)
            let name = String(flags.split(separator: " ")[0])
            #expect(outcome.status == 64 && outcome.stderr.contains(name), "\(flags): \(outcome.stderr)")
        }
        let saved = try StandardOutputTests.shell(
            "baseline save --name x --from \(document) --baselines-dir b --trials 3", in: folder)
        #expect(saved.status == 64 && saved.stderr.contains("--trials"), "\(saved.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/b/x.json"))
        let read = try StandardOutputTests.shell(
            "check --baseline \(document) --current \(document) --budget-ms 2 --tolerance 0.2 --alpha 0.01", in: folder)
        #expect(read.status != 64, "\(read.stderr)")
        let retry = try StandardOutputTests.shell(
            "check --baseline \(document) --current \(document) --baseline-retry \(document)", in: folder)
        #expect(retry.status == 64, "\(retry.stderr)")
    }

    @Test("every flag of bench check is either read with --current or refused there")
    func everyFlagIsClassified() throws {
        let help = try HostileOutputTests.bench(["help", "check"])
        let text = String(decoding: help.stdout, as: UTF8.self)
        let flags = text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard line.hasPrefix("  -"), let range = trimmed.range(of: "--") else { return nil }
            return String(trimmed[range.lowerBound...].prefix { $0 != " " && $0 != "," })
        }
        #expect(flags.count > 30, "\(text)")
        // Whatever is not read must be refused: a flag added to `check` is classified here or fails.
        let measuring: Set<String> = [
            "--strategy", "--trials", "--inject-strategy", "--concurrency", "--logs-per-producer", "--runs",
            "--runs-in-turn",
            "--rounds", "--min-measured-ms", "--synchronous", "--inject-delay-us", "--message-bytes", "--message-text",
            "--warmup", "--busy-timeout-ms", "--busy-handler", "--seed", "--tmp-dir", "--allow-failed", "--codec",
            "--engine", "--database-url", "--adapter", "--reference-adapter", "--reference", "--adapter-timeout-ms",
            "--ack", "--rate", "--duration-s", "--max-pending", "--drain-limit-s", "--keep-results",
        ]
        #expect(Set(flags).subtracting(Self.reading) == measuring)
        // And the refusal names them (values valid for each, so the parser does not refuse first).
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let document = "'\(Fixtures.path("matrix-small.json"))'"
        let outcome = try StandardOutputTests.shell(
            "check --baseline \(document) --current \(document) --seed 3 --warmup 1 --codec fast --ack durable",
            in: folder)
        #expect(outcome.stderr.contains("--seed, --warmup, --codec, --ack measure"), "\(outcome.stderr)")
    }
}
