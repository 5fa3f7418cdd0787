import Foundation
import Testing

@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStrategies

/// The all-busy rate: calls acknowledged while every producer was still sending, over the time
/// until the first one finished (what `pgbench -T` measures; a round's tail left out).
@Suite struct AllBusyTests {
    @Test("a producer counts its calls up to the first finish, the first finisher all of its own")
    func countsStopAtTheFirstFinish() {
        let first = FirstFinish()
        var early = ProducerOutcome()
        var late = ProducerOutcome()
        for end: UInt64 in [10, 20] {
            early.acknowledged(latencyNs: 5)
            early.closeAllBusyCount(endNs: end, firstFinish: first)
            late.acknowledged(latencyNs: 5)
            late.closeAllBusyCount(endNs: end + 1, firstFinish: first)
        }
        early.finish(at: 25, firstFinish: first)
        #expect(first.ns == 25)
        #expect(early.acknowledgedWhileAllBusy == 2)
        for end: UInt64 in [30, 40] {
            late.acknowledged(latencyNs: 5)
            late.closeAllBusyCount(endNs: end, firstFinish: first)
        }
        late.finish(at: 45, firstFinish: first)
        #expect(first.ns == 25, "a later finish does not move the first")
        #expect(late.acknowledgedWhileAllBusy == 2, "calls ending after the first finish are not counted")
        #expect(late.acknowledgedCount == 4)

        var observed = Observations()
        observed.startNs = 5
        observed.add(early, producer: 0, workload: Workload(concurrency: 3))
        observed.add(late, producer: 1, workload: Workload(concurrency: 3))
        #expect(observed.allBusy?.acknowledged == 4)
        #expect(observed.allBusy?.ns == 20)
        var next = observed
        next.startNs = 100
        observed.absorbAllBusy(next)
        #expect(observed.allBusy?.acknowledged == 8 && observed.allBusy?.ns == 40)
    }

    @Test("one producer without a count (open loop, accepted) leaves the figure out")
    func uncountedProducerLeavesItOut() {
        var counted = ProducerOutcome()
        counted.acknowledged(latencyNs: 5)
        counted.finish(at: 10, firstFinish: FirstFinish())
        var uncounted = ProducerOutcome()
        uncounted.acknowledged(latencyNs: 5)
        uncounted.finishedAt = 12
        var observed = Observations()
        observed.add(counted, producer: 0, workload: Workload(concurrency: 3))
        observed.add(uncounted, producer: 1, workload: Workload(concurrency: 3))
        observed.add(counted, producer: 2, workload: Workload(concurrency: 3))
        #expect(observed.allBusy == nil)
    }

    @Test("a closed-loop cell reports it within its window and calls; open loop and one producer do not")
    func cellsReportIt() throws {
        var workload = TestSupport.workload(concurrency: 4, logs: 20)
        workload.rounds = 3
        let result = try TestSupport.runCell(DedicatedLogTable.self, workload)
        let rate = try #require(result.allBusyThroughputPerSec)
        let window = try #require(result.allBusyNs)
        #expect(window > 0 && window <= result.wallTimeNs)
        let counted = rate * Double(window) / 1e9
        #expect(counted >= 1 && counted <= Double(3 * 4 * 20) + 0.5)
        let text = TextSummary.render(result)
        #expect(text.contains("all busy") && text.contains("while all 4 producers were sending"))

        let single = try TestSupport.runCell(DedicatedLogTable.self, TestSupport.workload(concurrency: 1, logs: 20))
        #expect(single.allBusyThroughputPerSec == nil)
        var openLoop = TestSupport.workload(concurrency: 2, logs: 20)
        openLoop.load = LoadProfile(ratePerSec: 200, durationS: 0.1)
        openLoop.logsPerProducer = 20
        let open = try TestSupport.runCell(DedicatedLogTable.self, openLoop)
        #expect(open.allBusyThroughputPerSec == nil)
    }

    @Test("an all-busy window under 200 ms is said to be rough")
    func shortWindowIsNoted() throws {
        let result = try TestSupport.runCell(DedicatedLogTable.self, TestSupport.workload(concurrency: 2, logs: 5))
        #expect(try #require(result.allBusyNs) < SampleWarnings.shortWindowNs)
        #expect(SampleWarnings.lines(result).contains { $0.hasPrefix("all-busy window") })
    }
}
