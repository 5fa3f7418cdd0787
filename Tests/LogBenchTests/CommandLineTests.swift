import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The `bench` binary's argument errors and exit codes, as a user would meet them.
@Suite("Command line", .serialized)
struct CommandLineTests {
    @Test("an unknown strategy is refused with the valid names and exit 64")
    func unknownStrategy() throws {
        let result = try BenchBinary.run(["--strategy", "magic"])
        #expect(result.status == 64)
        #expect(result.stderr.split(separator: "\n").count == 1, "not one line: \(result.stderr)")
        for name in StrategyRegistry.names { #expect(result.stderr.contains(name)) }
    }

    @Test(
        "out-of-range numbers are usage errors",
        arguments: [
            ["--concurrency", "0"], ["--concurrency", "4097"], ["--logs-per-producer", "0"], ["--runs", "0"],
            ["--runs", "3", "--concurrency", "2"], ["--message-bytes", "0"], ["--concurrency", "ten"],
            ["--synchronous", "sometimes"], ["--budget-ms", "-1"], ["--format", "yaml"],
        ])
    func outOfRange(arguments: [String]) throws {
        let result = try BenchBinary.run(["--strategy", Names.queue] + arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("bench: error: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("--db in a missing folder is refused before anything is created")
    func missingFolder() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let result = try BenchBinary.run(["--db", "\(folder)/absent/x.db", "--concurrency", "2"])
        #expect(result.status == 64)
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/absent"))
    }

    @Test("--db that already holds a database is not overwritten")
    func existingDatabase() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let path = "\(folder)/keep.db"
        let original = Data("precious".utf8)
        _ = FileManager.default.createFile(atPath: path, contents: original)
        let result = try BenchBinary.run(["--db", path, "--concurrency", "2"])
        #expect(result.status == 64)
        #expect(FileManager.default.contents(atPath: path) == original)
    }

    @Test("none at concurrency 20 prints its numbers and exits 3; a correct strategy exits 0")
    func exitCodes() throws {
        let loss = try BenchBinary.run(["--strategy", Names.none, "--concurrency", "20", "--logs-per-producer", "20"])
        #expect(loss.status == 3)
        #expect(String(decoding: loss.stdout, as: UTF8.self).contains("DATA LOSS"))
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let ok = try BenchBinary.run([
            "--strategy", Names.logTable, "--concurrency", "4", "--logs-per-producer", "10", "--format", "json",
            "--db", "\(folder)/kept.db",
        ])
        #expect(ok.status == 0, "\(ok.stderr)")
        let document = try ok.document()
        let cell = try #require(document.measuredCells.first)
        #expect(cell.audit.stored == 40)
        #expect(document.cells.contains { $0.role == .reference && $0.strategy == Names.none })
        #expect(cell.overheadNs != nil)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/kept.db"))
    }

    @Test("--output refuses to overwrite an existing file")
    func outputNotOverwritten() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let path = "\(folder)/out.json"
        _ = FileManager.default.createFile(atPath: path, contents: Data("keep".utf8))
        let result = try BenchBinary.run(["--concurrency", "2", "--logs-per-producer", "2", "--output", path])
        #expect(result.status == 64)
        #expect(FileManager.default.contents(atPath: path) == Data("keep".utf8))
    }
}

/// Ctrl-C in the middle of a run, as a user would press it.
@Suite("Interrupting a run", .serialized)
struct InterruptedRunTests {
    @Test(
        "SIGINT exits 130 and leaves neither temporary files nor a half-written kept database",
        arguments: [
            "threads", "tasks",
        ])
    func interruptCleansUp(mode: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let databases = "\(folder)/tmp"
        try FileManager.default.createDirectory(atPath: databases, withIntermediateDirectories: false)
        let kept = "\(folder)/kept.db"
        let process = Process()
        process.executableURL = BenchBinary.executable
        process.arguments = [
            "--strategy", StrategyRegistry.defaultStrategy.name, "--mode", mode, "--concurrency", "20",
            "--logs-per-producer", "2000", "--db", kept, "--tmp-dir", databases, "--no-reference",
        ]
        process.standardOutput = FileHandle.nullDevice
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        // Wait until the run is under way (its database exists), then press Ctrl-C: the first asks to
        // stop after the cell (one long cell here), the second, once acknowledged, stops at once.
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: kept) { usleep(20_000) }
        usleep(300_000)
        kill(process.processIdentifier, SIGINT)
        var seen = ""
        while !seen.contains("stopping after the current step") {
            let chunk = stderr.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGINT)
        seen += String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "stderr: \(seen)")
        #expect(!FileManager.default.fileExists(atPath: kept))
        #expect(!FileManager.default.fileExists(atPath: kept + "-wal"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: databases).isEmpty)
    }
}
