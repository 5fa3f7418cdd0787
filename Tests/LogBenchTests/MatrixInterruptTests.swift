import Foundation
import Testing

@testable import LogBench

/// Runs the built `bench` binary, interrupts it with SIGINT after its first cell, and checks the
/// document it leaves behind. Waits on the progress lines, never on the clock.
@Suite struct MatrixInterruptTests {
    /// `bench` is built beside the test bundle (the test target depends on it).
    static var benchPath: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("bench").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/bench").path
    }

    @Test func interruptedMatrixWritesAReadableIncompleteDocument() throws {
        let folder = NSTemporaryDirectory() + "logbench-sigint-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/matrix.json"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.benchPath)
        // Enough cells (and entries) that the matrix cannot finish before the signal arrives.
        process.arguments = [
            "matrix", "--strategies", "none,queue", "--concurrency", "1,2,5,10", "--logs-per-producer", "100",
            "--output", output, "--tmp-dir", folder,
        ]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()

        // Progress is one plain line per step when standard error is not a terminal.
        var seen = ""
        while !seen.contains("none c=1") {
            let chunk = stderr.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        #expect(seen.contains("none c=1"), "no progress line before the process ended: \(seen)")
        kill(process.processIdentifier, SIGINT)
        let rest = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        seen += String(decoding: rest, as: UTF8.self)

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130, "stderr: \(seen)")
        let document = try ResultLoading.load(output)
        #expect(document.complete == false)
        #expect(document.matrix?.stoppedBecause == "interrupted (SIGINT)")
        #expect(!document.cells.isEmpty)
        #expect(document.cells.count < (document.matrix?.plannedCells ?? 0))
        #expect(document.matrix?.finishedCells == document.cells.count)
        // The report still renders it, and says it is incomplete.
        #expect(MarkdownReport.render(ReviewTable(document: document)).contains("INCOMPLETE"))
    }
}
