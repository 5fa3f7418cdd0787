import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The signal policy on the built `bench` binary: the first SIGINT, SIGTERM or SIGHUP stops
/// between steps and writes what finished; a second one stops at once. Either way no scratch
/// folder and no worker process is left. Waits on progress lines, never on the clock.
@Suite(.serialized) struct MatrixInterruptTests {
    /// A matrix with enough cells (and worker processes) that it cannot finish before the signal.
    static func matrixArguments(output: String, mode: String = "threads", logs: Int = 100) -> [String] {
        [
            "matrix", "--strategy", StrategyRegistry.names.prefix(2).joined(separator: ","), "--concurrency",
            "1,2,5,10", "--logs-per-producer", String(logs), "--mode", mode, "--output", output,
        ]
    }

    @Test func interruptedMatrixWritesAReadableIncompleteDocument() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let output = folder + "/matrix.json"
        let run = try BenchBinary.runSignalled(Self.matrixArguments(output: output), signals: [SIGINT])

        #expect(run.status == 130, "stderr: \(run.stderr)")
        #expect(run.leftovers.isEmpty, "scratch left: \(run.leftovers)")
        #expect(run.survivingWorkers.isEmpty)
        let document = try DocumentLoader.loadResult(output)
        #expect(document.complete == false)
        #expect(document.matrix?.stoppedBecause == "interrupted (SIGINT)")
        #expect(!document.cells.isEmpty)
        #expect(document.cells.count < (document.matrix?.plannedCells ?? 0))
        #expect(document.matrix?.finishedCells == document.cells.count)
        // The report still renders it, and says it is incomplete.
        #expect(MarkdownReport.render(ReviewTable(document: document)).contains("INCOMPLETE"))
    }

    @Test func hangupStopsBetweenStepsAndLeavesNothing() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let output = folder + "/matrix.json"
        let run = try BenchBinary.runSignalled(
            Self.matrixArguments(output: output, mode: "processes"), signals: [SIGHUP])
        #expect(run.status == 129, "stderr: \(run.stderr)")
        #expect(run.leftovers.isEmpty, "scratch left: \(run.leftovers)")
        #expect(run.survivingWorkers.isEmpty, "workers left: \(run.survivingWorkers)")
        #expect(try DocumentLoader.loadResult(output).matrix?.stoppedBecause == "interrupted (SIGHUP)")
    }

    @Test func secondInterruptStopsAtOnceAndLeavesNothing() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let output = folder + "/matrix.json"
        let run = try BenchBinary.runSignalled(
            // Steps long enough (seconds, not a few hundred ms) that the second signal always
            // arrives during the step the first one let finish, however loaded the machine.
            Self.matrixArguments(output: output, mode: "processes", logs: 3000), signals: [SIGINT, SIGINT])
        #expect(run.status == 130, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("SIGINT again: stopped at once"), "stderr: \(run.stderr)")
        #expect(run.leftovers.isEmpty, "scratch left: \(run.leftovers)")
        #expect(run.survivingWorkers.isEmpty, "workers left: \(run.survivingWorkers)")
        #expect(!FileManager.default.fileExists(atPath: output), "a second signal writes nothing")
    }
}
