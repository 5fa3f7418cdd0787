import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The load flags through the real `bench` binary: crash trials under each acknowledgement point,
/// `bench saturate`, and one-line usage errors.
@Suite("Load model: commands", .serialized)
struct LoadCommandTests {
    func crashTrial(ack: AckPoint) throws -> CrashOutcome {
        let run = try BenchBinary.run([
            "--strategy", Names.queue, "--concurrency", "4", "--logs-per-producer", "200", "--ack", ack.rawValue,
            "--crash", "after:20", "--no-reference", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.survivingWorkers.isEmpty && run.leftovers.isEmpty)
        return try #require(try run.document().measuredCells.first?.crash)
    }

    /// 4 producers × 200 entries, closed loop: under accepted every producer enqueues far faster than
    /// the queue writes, so the kill finds hundreds of accepted entries still in memory.
    @Test("killing the writer under --ack accepted loses accepted entries; under durable none acknowledged")
    func crashUnderEachAck() throws {
        let accepted = try crashTrial(ack: .accepted)
        #expect(accepted.killed)
        #expect((accepted.acceptedLost ?? 0) > 0, "no accepted entry was lost: \(accepted)")
        #expect(accepted.acknowledgedLost == 0)
        #expect(accepted.integrityCheck == "ok")
        let durable = try crashTrial(ack: .durable)
        #expect(durable.killed)
        #expect(durable.acknowledgedLost == 0 && (durable.acknowledgedLostAfterRestart ?? 0) == 0)
        #expect(durable.acceptedLost == nil)
        #expect(durable.durable)
    }

    @Test("bench saturate reports its steps and stays within --max-steps")
    func saturate() throws {
        let run = try BenchBinary.run([
            "saturate", "--strategy", Names.logTable, "--concurrency", "2", "--step-duration-s", "0.2",
            "--max-steps", "2", "--refine-steps", "0", "--start-rate", "20", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try run.document()
        let search = try #require(document.saturation?.first)
        #expect(search.strategy == Names.logTable && search.concurrency == 2)
        // At most two rates, each measured twice (three times when the tries disagree).
        let rates = SaturationResult.verdicts(search.steps)
        #expect((1...2).contains(rates.count))
        #expect(search.steps.count >= 2 * rates.count - 1 && search.steps.count <= 3 * rates.count)
        #expect(document.cells.count == search.steps.count)
        #expect(document.cells.allSatisfy { $0.workload.load.isOpenLoop })
    }

    @Test(
        "bad load flags are one-line usage errors (exit 64)",
        arguments: [
            ["--rate", "0", "--duration-s", "1"], ["--rate", "10"], ["--duration-s", "2"], ["--max-pending", "0"],
            ["--ack", "maybe"], ["--rate", "1000000", "--duration-s", "3600"], ["--drain-limit-s", "-1"],
            ["--ack", "accepted", "--mode", "tasks"], ["saturate", "--step-duration-s", "0"],
            ["saturate", "--factor", "1"], ["saturate", "--lag-budget-ms", "0"],
            ["report", Fixtures.path("matrix-small.json"), "--format", "seed-claims"],
        ])
    func usageErrors(arguments: [String]) throws {
        let run = try BenchBinary.run(arguments)
        #expect(run.status == 64, "\(arguments): \(run.status) \(run.stderr)")
        #expect(run.stderr.hasPrefix("bench: error: "), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "not one line: \(run.stderr)")
    }
}
