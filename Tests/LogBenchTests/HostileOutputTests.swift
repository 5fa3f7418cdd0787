import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchStore

/// Hostile input, round two: output paths, secrets, terminal escapes and options that cannot be
/// honoured, each through the built binary as a user would meet it (issue 21).
@Suite("Hostile output paths and messages", .serialized)
struct HostileOutputTests {
    struct Outcome {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `bench` in `directory` (a fresh folder by default), with no --tmp-dir added.
    static func bench(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws
        -> Outcome
    {
        let process = Process()
        process.executableURL = BenchBinary.executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        // Files, not pipes: a large output never blocks the child, and nothing is shared with a thread.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        let out = base.appendingPathExtension("out")
        let err = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stdout = try Data(contentsOf: out)
        let stderr = try Data(contentsOf: err)
        return Outcome(
            status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func hasRawControl(_ data: Data) -> Bool {
        String(decoding: data, as: UTF8.self).unicodeScalars.contains {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
                || Escaping.isBidiControl($0)
        }
    }

    @Test("a one-character output path is a file in the current folder, and `-` is standard output")
    func shortPathsAndStandardOutput() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let fixture = Fixtures.path("matrix-small.json")
        for name in ["x", "~"] {
            let outcome = try Self.bench(["report", fixture, "--output", name], in: folder)
            #expect(outcome.status == 0, "\(name): \(outcome.stderr)")
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name)"))
        }
        let piped = try Self.bench(["report", fixture, "--format", "json", "--output", "-"], in: folder)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: piped.stdout)) != nil)
        for folderLike in ["x/", ".", ".."] {
            let outcome = try Self.bench(["report", fixture, "--output", folderLike], in: folder)
            #expect(outcome.status == 64, "\(folderLike): \(outcome.stderr)")
            #expect(outcome.stderr.contains("names a folder"), "\(outcome.stderr)")
        }
    }

    @Test("two outputs naming one file are refused before anything is written or measured")
    func conflictingOutputs() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let same = "\(folder)/same"
        let cases: [[String]] = [
            ["report", Fixtures.path("matrix-small.json"), "--output", same, "--html", same],
            ["seed-claims", "--output", same, "--results", "\(folder)/./same"],
            ["--strategy", "queue", "--concurrency", "2", "--db", same, "--output", same],
        ]
        for arguments in cases {
            let outcome = try Self.bench(arguments, in: folder)
            #expect(outcome.status == 64, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("name the same file"), "\(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: same), "\(arguments) wrote before refusing")
        }
    }

    @Test("an output the disk refuses exits 74 and keeps the output in a file it names")
    func fullDiskKeepsTheOutput() throws {
        let outcome = try Self.bench([
            "report", Fixtures.path("matrix-small.json"), "--format", "json", "--output", "/dev/full",
        ])
        #expect(outcome.status == 74, "\(outcome.stderr)")
        let kept = try #require(outcome.stderr.range(of: "kept in ").map { outcome.stderr[$0.upperBound...] })
        let path = String(kept.prefix { !$0.isWhitespace })
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect((try? JSONSerialization.jsonObject(with: data)) != nil)
    }

    @Test(
        "a PostgreSQL password never reaches standard error, whatever libpq quotes",
        arguments: [
            "postgresql://alice:S3CRETpw@[::1", "postgresql://alice:S3CRETpw@[]/db",
            "postgresql://alice:S3CRETpw@[::1]x/db",
            "postgresql://alice:S3CRET%zzpw@localhost/db", "host=localhost password=S3CRETpw port=notaport",
        ])
    func passwordsAreRedacted(url: String) throws {
        let outcome = try Self.bench(["--engine", "postgres", "--strategy", "log-table", "--database-url", url])
        #expect(outcome.status == 69 || outcome.status == 64, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("S3CRET"), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }

    @Test("redaction removes user info, password parameters and registered passwords")
    func redactionRules() {
        Redaction.register(databaseURL: "postgresql://bob:hunter2xyz@db.example/logs")
        #expect(Redaction.redact("token \"hunter2xyz\" is bad") == "token \"***\" is bad")
        #expect(Redaction.redact("at postgres://eve:pw@host/x") == "at postgres://***@host/x")
        #expect(Redaction.redact("conninfo password='a b' host=x") == "conninfo password=*** host=x")
        #expect(Redaction.redact("nothing secret here") == "nothing secret here")
    }

    @Test("terminal control bytes from a document never reach a terminal raw, in any output of any command")
    func controlBytesAreShown() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let path = try HostileInputTests.mutated { object in
            var environment = object["environment"] as! [String: Any]
            environment["cpuModel"] = "\u{1B}]0;pwned\u{07}\u{202E}evil"
            object["environment"] = environment
        }
        defer { TestSupport.removeTemporary(containing: path) }
        let saved = try Self.bench(
            ["baseline", "save", "--from", path, "--name", "a", "--baselines-dir", folder + "/bl"], in: folder)
        #expect(saved.status == 0, "\(saved.stderr)")
        let listed = try Self.bench(["baseline", "list", "--baselines-dir", folder + "/bl"], in: folder)
        for outcome in [saved, listed] {
            #expect(!Self.hasRawControl(outcome.stdout), "\(outcome.text)")
            #expect(!Self.hasRawControl(Data(outcome.stderr.utf8)), "\(outcome.stderr)")
        }
        for format in ["text", "csv", "markdown"] {
            let outcome = try Self.bench(["report", path, "--format", format], in: folder)
            #expect(outcome.status == 0 && !Self.hasRawControl(outcome.stdout), "\(format): \(outcome.text)")
        }
        let html = try Self.bench(["report", path, "--html", folder + "/r.html"], in: folder)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(!Self.hasRawControl(try Data(contentsOf: URL(fileURLWithPath: folder + "/r.html"))))
    }

    @Test("a document bench writes is read back: the largest seed; a zero limit is not measured, never inf")
    func extremeValuesRoundTrip() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let written = folder + "/seed.json"
        let run = try Self.bench(
            [
                "--strategy", "queue", "--concurrency", "2", "--logs-per-producer", "5", "--no-reference",
                "--seed", "18446744073709551615", "--format", "json", "--output", written, "--tmp-dir", folder,
            ], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.bench(["report", written], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try DocumentLoader.loadResult(written).cells[0].workload.seed == .max)

        let zero = try HostileInputTests.mutated { object in
            var limits = object["limits"] as! [[String: Any]]
            limits[0]["batchedInsertsPerSec"] = 0
            object["limits"] = limits
        }
        defer { TestSupport.removeTemporary(containing: zero) }
        for format in ["json", "text", "csv", "markdown"] {
            let outcome = try Self.bench(["report", zero, "--format", format], in: folder)
            #expect(outcome.status == 0, "\(format): \(outcome.stderr)")
            #expect(!outcome.text.contains("inf"), "\(format): \(outcome.text)")
        }
    }

    @Test("every array of a document is bounded: past its bound the document is refused naming the path")
    func unboundedArraysAreRefused() throws {
        let path = try HostileInputTests.mutated { object in
            var cells = object["cells"] as! [[String: Any]]
            cells[2]["errors"] = (0..<6).map { "error \($0)" }
            object["cells"] = cells
        }
        defer { TestSupport.removeTemporary(containing: path) }
        let outcome = try Self.bench(["report", path])
        #expect(outcome.status == 65, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("cells[2].errors: 6 elements; at most 5"), "\(outcome.stderr)")
    }

    @Test(
        "an option the run cannot honour is refused with 64, naming the flag the user gave",
        arguments: [
            (["--strategy", "log-table", "--max-pending", "10"], "--max-pending"),
            (["--strategy", "lock", "--ack", "accepted", "--drain-limit-s", "2"], "--drain-limit-s"),
            (["--strategy", "queue", "--crash", "random", "--trials", "3"], "--trials"),
            (["--strategy", "queue", "--rate", "-5", "--duration-s", "1"], "--rate"),
            (["--strategy", "queue", "--rate", "1000000", "--duration-s", "3600"], "--rate × --duration-s"),
            (["saturate", "--format", "markdown"], "--format"),
        ])
    func unhonouredOptions(arguments: [String], flag: String) throws {
        let outcome = try Self.bench(arguments)
        #expect(outcome.status == 64, "\(arguments): \(outcome.stderr)")
        #expect(outcome.stderr.contains(flag), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
    }

    @Test("bench clean removes scratch folders whose bench is gone and keeps live ones")
    func cleanScratchFolders() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        // A bench that is gone: the pid of a process that has exited.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let host = Leftovers.ownerRecord().split(separator: " ")[1]
        let dead = folder + "/logbench-dead01"
        let live = folder + "/logbench-live01"
        for (path, pid) in [(dead, gone.processIdentifier), (live, getpid())] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try "logbench \(host) pid=\(pid)".write(
                toFile: path + "/" + Leftovers.ownerFile, atomically: false, encoding: .utf8)
        }
        let listed = try Self.bench(["clean", "--tmp-dir", folder])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.text.contains("leftover  scratch folder  \(dead)"), "\(listed.text)")
        #expect(listed.text.contains("pass --yes"))
        #expect(FileManager.default.fileExists(atPath: dead))
        let cleaned = try Self.bench(["clean", "--tmp-dir", folder, "--yes"])
        #expect(cleaned.status == 0, "\(cleaned.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live), "a live bench's folder was removed")
    }
}
