import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// A worker that dies of a trap or of a full disk: the parent exits 70 quoting the worker's one-line
/// reason, and nothing outlives it (no worker, no `swift-backtrace`, no scratch folder).
@Suite("Worker deaths", .serialized)
struct WorkerDeathTests {
    static func backtracers() -> Set<Int32> { Set(BenchBinary.processes(mentioning: "swift-backtrace")) }

    @Test(
        "a worker's fatal error reaches the parent's message; no child is left",
        arguments: [
            (
                "trap:1",
                "worker 1 was killed by signal 4: worker 1: died of SIGILL (a Swift runtime trap) while appending entries"
            ),
            ("trap:1", "Fatal error: injected trap"),
            ("full-disk:0", "worker 0 exited with status 71: journal /dev/full: write failed: No space left on device"),
        ])
    func workerDies(fault: String, message: String) throws {
        let before = Self.backtracers()
        let run = try BenchBinary.run([
            "--strategy", Names.lock, "--mode", "processes", "--concurrency", "3", "--logs-per-producer", "5",
            "--no-reference", "--worker-timeout-s", "30", "--worker-fault", fault,
        ])
        #expect(run.status == 70, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.survivingWorkers.isEmpty, "\(run.survivingWorkers)")
        #expect(run.leftovers.isEmpty, "\(run.leftovers)")
        #expect(Self.backtracers().subtracting(before).isEmpty)
    }

    @Test("workers run with Swift's backtracer off")
    func backtracerOff() {
        #expect(WorkerGroup.workerEnvironment.contains("SWIFT_BACKTRACE=enable=no"))
        #expect(WorkerGroup.workerEnvironment.filter { $0.hasPrefix("SWIFT_BACKTRACE=") }.count == 1)
    }
}
