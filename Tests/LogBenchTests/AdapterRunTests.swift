import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports

/// The shipped Python adapters (Adapters/python) through every command, as a user runs them: the
/// seed's unfixed `addLog` loses entries as the seed's own test did, its per-run queue keeps them,
/// and adapter cells go through matrix, baseline and check, processes mode and crash trials as
/// built-in ones do.
@Suite(.serialized)
struct AdapterRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static func seed(_ mode: String) -> String { "python3 \(root)/Adapters/python/seed.py \(mode)" }

    @Test func theUnfixedAdapterLosesTheSeedsConcurrentWrites() throws {
        // The seed's evidence: 20 concurrent log writes, once each.
        let run = try BenchBinary.run([
            "--adapter", Self.seed("unfixed"), "--concurrency", "20", "--logs-per-producer", "1", "--warmup", "0",
            "--no-reference", "--format", "json",
        ])
        #expect(run.status == 3, "\(run.stderr)")
        let cell = try #require(try run.document().measuredCells.first)
        #expect(cell.strategy == "seed-unfixed")
        #expect(cell.audit.expected == 20 && cell.audit.lost > 0, "stored \(cell.audit.stored) of 20")
        #expect(cell.audit.failed == 0, "the unfixed code's losses are silent: every call was acknowledged")
    }

    @Test func theQueueAdapterKeepsEveryEntryAndIsMeasuredAgainstTheUnfixedOne() throws {
        let run = try BenchBinary.run([
            "--adapter", Self.seed("queue"), "--reference-adapter", Self.seed("unfixed"), "--concurrency", "8",
            "--logs-per-producer", "10", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try run.document()
        let cell = try #require(document.measuredCells.first)
        #expect(cell.strategy == "seed-queue" && cell.audit.stored == 80 && !cell.audit.hasDataLoss)
        #expect(document.cells.contains { $0.role == .reference && $0.strategy == "seed-unfixed" })
        #expect(cell.overheadNs != nil, "overhead against the unfixed adapter")
        #expect(document.adapterProtocolNs != nil, "the protocol's own cost, measured in the same invocation")
        let identity = try #require(document.traits(of: "seed-queue")?.adapter)
        #expect(identity.command.last == "queue" && identity.filesHash.count == 16)
        #expect(identity.files.contains { $0.hasSuffix("seed.py") })
    }

    @Test func adaptersAndBuiltInDesignsShareOneReviewTable() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let matrix = try BenchBinary.run([
            "matrix", "--strategy", "queue", "--adapter", Self.seed("queue"), "--adapter", Self.seed("log-table"),
            "--concurrency", "1,2", "--logs-per-producer", "5", "--safety-workers", "0", "--quiet", "--output",
            folder + "/m.json",
        ])
        #expect(matrix.status == 0, "\(matrix.stderr)")
        let text = MarkdownReport.render(ReviewTable(document: try DocumentLoader.loadResult(folder + "/m.json")))
        for name in ["queue", "seed-queue", "seed-log-table"] {
            #expect(text.contains("| \(name) "), "\(name) is a row of the review table")
        }
        // A reader of the review can tell which code each adapter row ran, and what the protocol cost.
        #expect(text.contains("seed-queue: external adapter, seed-queue "))
        #expect(text.contains("python3 \(Self.root)/Adapters/python/seed.py log-table"))
        #expect(text.contains("adapter protocol: p50 "))
    }

    @Test func aBaselineOfAnAdapterIsCheckedLikeABuiltInDesign() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let cell = [
            "--adapter", Self.seed("log-table"), "--concurrency", "1", "--logs-per-producer", "5", "--trials", "6",
        ]
        let saved = try BenchBinary.run(["baseline", "save", "--name", "adapter", "--baselines-dir", folder] + cell)
        #expect(saved.status == 0, "\(saved.stderr)")
        let check = try BenchBinary.run(["check", "--baseline", "adapter", "--baselines-dir", folder] + cell)
        let text = String(decoding: check.stdout, as: UTF8.self)
        // Same code, so no regression is expected, but a noisy machine may still flag one: the gate's
        // verdict is its own tests' business; here the cell must have been found and compared.
        #expect([0, 2].contains(check.status), "\(check.stderr)")
        #expect(text.contains("seed-log-table c=1") && text.contains("data loss: none in 1 cells"), "\(text)")
    }

    @Test func processesModeStartsOneAdapterPerWorker() throws {
        let run = try BenchBinary.run([
            "--adapter", Self.seed("log-table"), "--mode", "processes", "--concurrency", "3", "--logs-per-producer",
            "10",
            "--no-reference", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let cell = try #require(try run.document().measuredCells.first)
        #expect(cell.workerProcesses == 3 && cell.audit.stored == 30 && !cell.audit.hasDataLoss)
        #expect(BenchBinary.processes(mentioning: "Adapters/python/seed.py").isEmpty)
    }

    @Test func aCrashTrialOfTheQueueAdapterSeparatesAcceptedFromAcknowledgedLoss() throws {
        let run = try BenchBinary.run([
            // Offered faster than the Python queue writes, so it holds entries when the kill comes.
            "--adapter", Self.seed("queue"), "--concurrency", "4", "--ack", "accepted", "--rate", "300", "--duration-s",
            "1", "--crash", "random", "--crash-trials", "1", "--format", "json",
        ])
        #expect([0, 3].contains(run.status), "\(run.stderr)")
        let cell = try #require(try run.document().measuredCells.first)
        let crash = try #require(cell.crash)
        #expect(crash.acknowledgedLost == 0, "a durable acknowledgement is never lost by the queue adapter")
        #expect(
            (crash.acceptedLost ?? 0) + (crash.acceptedStored ?? 0) > 0,
            "entries only accepted at the kill are classified apart from acknowledged ones")
        #expect(BenchBinary.processes(mentioning: "Adapters/python/seed.py").isEmpty)
    }
}

/// The shipped adapters' own checks (stdlib unittest), run with the suite so they cannot rot: the
/// unfixed adapter loses concurrent writes, the queue stores every byte, close drains or abandons.
struct PythonAdapterSelfTests {
    @Test func theShippedAdaptersPassTheirOwnTests() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "unittest", "discover", "-s", AdapterRunTests.root + "/Adapters/python"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("OK"), "\(output)")
    }
}
