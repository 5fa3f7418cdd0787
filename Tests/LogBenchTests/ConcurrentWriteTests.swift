import Foundation
import Synchronization
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Runs of `bench` started together, as a user would start them: one may own a path, never two.
enum Together {
    struct Outcome {
        let status: Int32
        let stderr: String
    }

    /// Starts every command line at once (each with its own --tmp-dir where given) and waits for all.
    static func run(_ commandLines: [[String]]) throws -> [Outcome] {
        let processes = try commandLines.map { arguments -> (Process, URL) in
            let process = Process()
            process.executableURL = BenchBinary.executable
            process.arguments = arguments
            let errors = FileManager.default.temporaryDirectory.appendingPathComponent("bench-err-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errors)
            process.standardOutput = FileHandle.nullDevice
            return (process, errors)
        }
        for (process, _) in processes { try process.run() }
        return try processes.map { process, errors in
            process.waitUntilExit()
            defer { try? FileManager.default.removeItem(at: errors) }
            return Outcome(
                status: process.terminationStatus,
                stderr: String(decoding: try Data(contentsOf: errors), as: UTF8.self))
        }
    }

    static let small = [
        "--strategy", Names.logTable, "--concurrency", "4", "--logs-per-producer", "20", "--no-reference",
    ]
}

@Suite("Concurrent writers", .serialized)
struct ConcurrentWriteTests {
    @Test("two runs given the same --db: one stores 80 entries and keeps them, the other exits 64")
    func sameDatabase() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let db = "\(folder)/same.db"
        let outcomes = try Together.run(
            [Together.small + ["--db", db, "--tmp-dir", folder], Together.small + ["--db", db, "--tmp-dir", folder]])
        #expect(outcomes.map(\.status).sorted() == [0, 64], "\(outcomes.map(\.stderr))")
        let refused = try #require(outcomes.first { $0.status == 64 })
        #expect(refused.stderr.contains("--db"), "\(refused.stderr)")
        let connection = try Connection(
            path: db, settings: ConnectionSettings(synchronous: .normal, busyTimeoutMs: 1000))
        defer { connection.close() }
        #expect(try connection.scalar("SELECT count(*) FROM log_entries") == 80)
    }

    @Test("two runs given the same --output: one writes it, the other exits 64 and the file is whole")
    func sameOutput() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        // The two finish within microseconds of each other only now and then: several rounds.
        for round in 0..<4 {
            let output = "\(folder)/same-\(round).json"
            let run = Together.small + ["--format", "json", "--output", output, "--tmp-dir", folder]
            let outcomes = try Together.run([run, run])
            #expect(outcomes.map(\.status).sorted() == [0, 64], "\(outcomes.map(\.stderr))")
            #expect(try DocumentLoader.loadResult(output).cells.count == 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 4, "temporary files left")
    }

    @Test("two `baseline save` to one name: one saves, the other exits 64")
    func sameBaseline() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        for round in 0..<6 {
            let save = [
                "baseline", "save", "--name", "one-\(round)", "--from", Fixtures.path("matrix-small.json"),
                "--baselines-dir", folder,
            ]
            let outcomes = try Together.run([save, save])
            #expect(outcomes.map(\.status).sorted() == [0, 64], "\(outcomes.map(\.stderr))")
            #expect(try BaselineStore.loadBaseline(path: "\(folder)/one-\(round).json").name == "one-\(round)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 6, "temporary files left")
    }

    /// The write itself must refuse a file that appeared after the check: threads released together
    /// all pass any check made before their writes, so exactly one may succeed.
    @Test("writers of one path released together: exactly one succeeds, the others get 'already exists'")
    func writeRace() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let data = Data(repeating: 0x41, count: 4 << 20)
        for round in 0..<10 {
            let path = "\(folder)/race-\(round).json"
            let results = Mutex<[Bool]>([])
            let start = DispatchSemaphore(value: 0)
            let group = DispatchGroup()
            for _ in 0..<4 {
                group.enter()
                Thread.detachNewThread {
                    start.wait()
                    let written = (try? ResultCoding.write(data, to: path, replace: false)) != nil
                    results.withLock { $0.append(written) }
                    group.leave()
                }
            }
            for _ in 0..<4 { start.signal() }
            group.wait()
            #expect(results.withLock { $0.filter { $0 }.count } == 1, "round \(round)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == data)
        }
        // Only the written files: no temporary file is left behind by the writers that lost.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 10)
    }

    @Test("--force replaces; every command that writes a file accepts it")
    func forceReplaces() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let fixture = Fixtures.path("matrix-small.json")
        let merged = "\(folder)/merged.json"
        let report = "\(folder)/report.md"
        for _ in 0..<2 {
            let outcomes = try Together.run([
                ["merge", "--output", merged, "--force", fixture],
                ["check", "--baseline", fixture, "--current", fixture, "--report", report, "--force"],
            ])
            // The fixture records data loss, so the gate says 3; what matters is that --force was accepted.
            #expect(outcomes.map(\.status) == [0, 3], "\(outcomes.map(\.stderr))")
            #expect(FileManager.default.fileExists(atPath: report))
        }
        let again = try Together.run([["check", "--baseline", fixture, "--current", fixture, "--report", report]])
        #expect(again[0].status == 64)
        #expect(again[0].stderr.contains("--force"), "\(again[0].stderr)")
        // check --keep-results replaces the merged document only with --force.
        let keep = try Together.run([
            [
                "check", "--baseline", fixture, "--strategy", Names.logTable, "--concurrency", "2",
                "--logs-per-producer", "5", "--warmup", "1", "--trials", "1", "--keep-results", merged, "--force",
                "--tmp-dir", folder,
            ]
        ])
        #expect(keep[0].status != 64, "\(keep[0].stderr)")
        #expect(try DocumentLoader.loadResult(merged).cells.contains { $0.strategy == Names.logTable })
    }
}

/// `--output /dev/null` (a device) or a pipe is written into, never replaced: renaming a file over
/// /dev/null would turn the machine's /dev/null into a regular file. Checked on a FIFO of our own.
@Suite struct StreamOutputTests {
    @Test func pipesAreWrittenIntoNotReplaced() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let fifo = folder + "/out.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = Mutex(0)
        let reader = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let descriptor = open(fifo, O_RDONLY)
            var buffer = [UInt8](repeating: 0, count: 64)
            while descriptor >= 0 {
                let count = read(descriptor, &buffer, buffer.count)
                if count <= 0 { break }
                received.withLock { $0 += count }
            }
            close(descriptor)
            reader.signal()
        }
        try ResultCoding.checkWritable(fifo, flag: "--output", replace: false)
        try ResultCoding.write(Data("twelve bytes".utf8), to: fifo, replace: true)
        reader.wait()
        var status = stat()
        #expect(stat(fifo, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO, "the pipe must stay a pipe")
        #expect(received.withLock { $0 } == 12)
    }
}
