import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun

/// The open-loop serial reference offers the same entries over the same window, and an entry that
/// was never due is never a latency of 0 (issue 17: a reference of zeros made overhead = latency).
@Suite struct OpenLoopReferenceTests {
    @Test("the serial reference of an open-loop workload sends the same entries at the runs' total rate")
    func serialReferenceKeepsTheOfferedLoad() {
        var workload = Workload(concurrency: 4, logsPerProducer: 100, runs: 2)
        workload.load = LoadProfile(ratePerSec: 100, durationS: 1)
        let serial = BenchPlan.serialReference(for: workload)
        #expect(serial.concurrency == 2)
        #expect(serial.expectedEntries == workload.expectedEntries)
        #expect(serial.load.ratePerSec == 200)
        #expect(serial.load.durationS == workload.load.durationS)
    }

    @Test("unsent entries that were not yet due record no latency; those overdue record their wait")
    func unsentEntriesAreNotZeros() {
        var outcome = ProducerOutcome()
        let now = MonotonicClock.now()
        // Entries 0 and 1 were due a second ago; 2 and 3 are due in an hour.
        outcome.stopSending(at: 0, of: 4, firstSeq: 0) { index in
            index < 2 ? now - 1_000_000_000 : now + 3_600_000_000_000
        }
        #expect(outcome.unsent == 4)
        #expect(outcome.histogram.count == 2)
        #expect(outcome.histogram.summary.p50 >= 1_000_000_000)
    }

    @Test("--reference NAME takes overhead against that design, one producer per run; bad names exit 64")
    func builtInReference() throws {
        let run = try BenchBinary.run([
            "run", "--strategy", "log-table", "--concurrency", "2", "--logs-per-producer", "10", "--rounds", "1",
            "--reference", "log-table", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try run.document()
        let reference = try #require(document.cells.first { $0.role == .reference })
        #expect(reference.strategy == "log-table" && reference.concurrency == 1)
        let measured = try #require(document.cells.first { $0.role == .measured })
        #expect(measured.overheadNs != nil)
        let notes = ReviewColumns.notes(ReviewTable(document: document)).joined(separator: "\n")
        #expect(notes.contains("serial reference's (log-table with one producer per run"))
        #expect(!notes.contains("(none with one producer"))

        let unknown = try BenchBinary.run(["--concurrency", "2", "--reference", "magic"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--reference magic") && unknown.stderr.contains("known: none"))
        let both = try BenchBinary.run([
            "--concurrency", "2", "--reference", "none", "--reference-adapter", "python3 x.py",
        ])
        #expect(both.status == 64 && both.stderr.contains("give one"))
        let none = try BenchBinary.run(["--concurrency", "2", "--reference", "log-table", "--no-reference"])
        #expect(none.status == 64 && none.stderr.contains("--reference: this run measures no overhead reference"))
        for refused in [["--crash", "random"], ["saturate", "--strategy", "queue"]] {
            let run = try BenchBinary.run(refused + ["--concurrency", "2", "--reference", "log-table"])
            #expect(run.status == 64 && run.stderr.contains("measures no overhead reference"), "\(refused)")
        }
    }
}
