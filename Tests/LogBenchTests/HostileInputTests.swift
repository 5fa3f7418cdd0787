import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Documents are untrusted input, and so are option values and paths: each refused with a usage
/// (64) or document (65) error that names what is wrong, never a crash.
@Suite("Hostile input", .serialized)
struct HostileInputTests {
    /// The fixture's JSON with `change` applied, written to a temporary file.
    static func mutated(_ change: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("matrix-small.json")))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        change(&object)
        let folder = try TestSupport.temporaryFolder()
        let path = "\(folder)/hostile.json"
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func setCell(_ index: Int, _ group: String, _ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { object in
            var cells = object["cells"] as! [[String: Any]]
            var inner = cells[index][group] as! [String: Any]
            inner[key] = value
            cells[index][group] = inner
            object["cells"] = cells
        }
    }

    static func report(_ path: String, _ format: String = "text") throws -> Together.Outcome {
        try Together.run([["report", path, "--format", format]])[0]
    }

    @Test(
        "`bench report` on an overflowing or negative number exits 65 naming the field",
        arguments: [
            ("audit", "expected", Int.max, "cells[0].audit.expected"),
            ("workload", "logsPerProducer", Int.max, "cells[3].workload.logsPerProducer"),
            ("memory", "allocatedAtStartBytes", -Int.max, "cells[3].memory.allocatedAtStartBytes"),
            ("latencyNs", "p50", -1, "cells[3].latencyNs.p50"),
            ("workload", "seed", -1, "cells[3].workload.seed"),
        ])
    func overflowingDocument(group: String, key: String, value: Int, field: String) throws {
        let index = Int(field.dropFirst(6).prefix(1))!
        let path = try Self.mutated(Self.setCell(index, group, key, value))
        defer { TestSupport.removeTemporary(containing: path) }
        for format in ["text", "csv"] {
            let outcome = try Self.report(path, format)
            #expect(outcome.status == 65, "\(outcome.stderr)")
            #expect(outcome.stderr.contains(field), "\(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("a workload out of the bounds a run could have is refused with its path")
    func workloadOutOfBounds() throws {
        let path = try Self.mutated { object in
            Self.setCell(3, "workload", "logsPerProducer", 5_000_000)(&object)
        }
        defer { TestSupport.removeTemporary(containing: path) }
        #expect(throws: BaselineError.self) { try DocumentLoader.loadResult(path) }
        do { _ = try DocumentLoader.loadResult(path) } catch {
            #expect(error.description.contains("cells[3].workload"), "\(error)")
        }
    }

    @Test("a wrong type names the field")
    func wrongType() throws {
        let path = try Self.mutated(Self.setCell(0, "audit", "lost", "many"))
        defer { TestSupport.removeTemporary(containing: path) }
        let outcome = try Self.report(path)
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("cells[0].audit.lost"), "\(outcome.stderr)")
    }

    @Test(
        "huge option values are usage errors (64), checked before anything runs",
        arguments: [
            ["--logs-per-producer", "9223372036854775807"], ["--logs-per-producer", "99999999999"],
            ["--trials", "1001"], ["--warmup", "9223372036854775807"], ["--busy-timeout-ms", "99999999999"],
            ["--message-bytes", "1048576", "--logs-per-producer", "1000"],
            ["--crash", "random", "--crash-trials", "1001"],
            ["--crash", "after:99999999999"], ["--worker-timeout-s", "0"], ["--db", ""],
        ])
    func hugeValues(arguments: [String]) throws {
        let run = try BenchBinary.run(Together.small + arguments)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.leftovers.isEmpty)
    }

    @Test(
        "a sweep's huge values are usage errors too",
        arguments: [
            ["--concurrency", "9223372036854775807"], ["--logs-per-producer", "9223372036854775807"],
            ["--growth", "1000000", "--message-bytes", "1000"], ["--trials", "1001"], ["--safety-workers", "100000"],
        ])
    func hugeSweep(arguments: [String]) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let run = try BenchBinary.run(["matrix", "--output", "\(folder)/m.json"] + arguments)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("--db through a dangling symbolic link never creates its target; a loop and \"\" are usage errors")
    func databaseLinks() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let target = "\(folder)/target.db"
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/dangling.db", withDestinationPath: target)
        try FileManager.default.createSymbolicLink(
            atPath: "\(folder)/loop.db", withDestinationPath: "\(folder)/loop.db")
        for (db, message) in [("dangling.db", "symbolic link"), ("loop.db", "symbolic link"), ("", "empty")] {
            let run = try BenchBinary.run(Together.small + ["--db", db.isEmpty ? "" : "\(folder)/\(db)"])
            #expect(run.status == 64, "\(db): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        // The exclusive create refuses a link even when the check before it was passed.
        #expect(throws: UsageError.self) {
            try CellFiles(keepDatabaseAt: "\(folder)/dangling.db", temporaryDirectory: folder, scope: CleanupScope())
        }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("an output path that is a symbolic link loop is refused (64), not replaced")
    func outputLoop() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let loop = "\(folder)/loop.json"
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        let outcome = try Together.run([["report", Fixtures.path("matrix-small.json"), "--output", loop]])[0]
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: loop) == loop)
        let read = try Together.run([["report", loop]])[0]
        #expect(read.status == 66, "\(read.stderr)")
    }
}
