import Foundation
import Testing

@testable import LogBenchModel
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
}
