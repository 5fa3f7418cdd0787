import Foundation
import Testing

@testable import LogBenchModel
@testable import LogBenchRun
@testable import LogBenchStrategies

/// An open-loop window keeps the seed's shape: each producer moves on to a fresh run every
/// `logsPerRun` entries, so a run's array never grows with the window (at c=4, 100/s for 2 s the
/// reference rewrote an 800-entry array; the seed's runs hold c × 50).
@Suite struct OpenLoopRunsTests {
    static func openLoop(concurrency: Int, runs: Int = 1, rate: Double, durationS: Double, logsPerRun: Int)
        -> Workload
    {
        var workload = Workload(concurrency: concurrency, runs: runs)
        workload.scheduleOpenLoop(LoadProfile(ratePerSec: rate, durationS: durationS), logsPerRun: logsPerRun)
        return workload
    }

    @Test("a window of 200 entries per producer is four runs of 50; the reference's runs hold the same")
    func windowIsSplitIntoRuns() throws {
        let workload = Self.openLoop(concurrency: 4, rate: 100, durationS: 2, logsPerRun: 50)
        #expect(workload.logsPerProducer == 200 && workload.logsPerRun == 50 && workload.segments == 4)
        #expect(workload.measuredRunIDs == [1, 2, 3, 4])
        #expect(workload.run(ofProducer: 2, seq: 49) == 1 && workload.run(ofProducer: 2, seq: 50) == 2)
        #expect(workload.run(ofProducer: 0, seq: 199) == 4)
        #expect(workload.warmupRunIDs == [Workload.warmupRunOffset + 1])
        try workload.validate()

        let serial = BenchPlan.serialReference(for: workload)
        #expect(serial.concurrency == 1 && serial.logsPerProducer == 800 && serial.logsPerRun == 200)
        #expect(serial.measuredRunIDs == workload.measuredRunIDs)
    }

    @Test("a long window keeps at most 64 runs a cell: the runs get longer instead")
    func longWindowIsCapped() throws {
        let one = Self.openLoop(concurrency: 20, rate: 1000, durationS: 60, logsPerRun: 50)
        #expect(one.runsPerRound == Workload.maxRunsPerRound && one.logsPerRun == 938)
        let two = Self.openLoop(concurrency: 20, runs: 2, rate: 1000, durationS: 60, logsPerRun: 50)
        #expect(two.runsPerRound == 64 && two.segments == 32)
        let many = Self.openLoop(concurrency: 200, runs: 100, rate: 10, durationS: 10, logsPerRun: 50)
        #expect(many.runsPerRound == 100 && many.segments == 1)
        try one.validate()
        // A closed loop writes runs in turn (`--runs-in-turn`) within the same bound.
        var closed = Workload(concurrency: 2, logsPerProducer: 1000)
        closed.logsPerRun = 10
        #expect(throws: UsageError.self) { try closed.validate(naming: .fields) }
        closed.logsPerRun = 100
        try closed.validate(naming: .fields)
        // A document's values: a zero run length, and more runs than a cell may hold, are refused by name.
        var zero = one
        zero.logsPerRun = 0
        let refused = #expect(throws: UsageError.self) { try zero.validate(naming: .fields) }
        #expect(refused?.description == "logsPerRun must be between 1 and 10000000 (got 0)")
        var tiny = one
        tiny.logsPerProducer = 2_000_000
        tiny.concurrency = 1
        tiny.logsPerRun = 1
        #expect(tiny.segments == 2_000_000)
        #expect(throws: UsageError.self) { try tiny.validate(naming: .fields) }
    }

    @Test("every call is filed under the run it was sent to")
    func sentLogSplitsByRun() {
        let workload = Self.openLoop(concurrency: 2, rate: 100, durationS: 1, logsPerRun: 40)
        var sent = SentLog()
        sent.record(workload: workload, producer: 1, outcomes: Array(repeating: .acknowledged, count: 100))
        #expect(sent.runs.keys.sorted() == [1, 2, 3])
        #expect(sent.runs[2]?[1] == SentLog.Calls(firstSeq: 40, outcomes: Array(repeating: .acknowledged, count: 40)))
        #expect(sent.runs[3]?[1]?.outcomes.count == 20)
        #expect(sent.count == 100)
    }

    @Test("the audit reads each run apart: entries stored under another run are lost and phantom")
    func auditIsPerRun() throws {
        let workload = Self.openLoop(concurrency: 1, rate: 100, durationS: 0.2, logsPerRun: 10)
        var sent = SentLog()
        sent.record(workload: workload, producer: 0, outcomes: Array(repeating: .acknowledged, count: 20))
        let messages = workload.messages
        func stored(_ seqs: Range<Int>, run: Int) -> [StoredEntry] {
            seqs.map { seq in
                StoredEntry(
                    producer: 0, seq: seq, level: LogLevel.forSequence(seq).rawValue,
                    message: messages.message(run: run, producer: 0, seq: seq))
            }
        }
        let right = try DatabaseAudit.audit(workload: workload, sent: sent) {
            stored($0 == 1 ? 0..<10 : 10..<20, run: $0)
        }
        #expect(right.stored == 20 && !right.hasDataLoss)
        // The old shape: the whole window in the first run.
        let oneRun = try DatabaseAudit.audit(workload: workload, sent: sent) { $0 == 1 ? stored(0..<20, run: 1) : [] }
        #expect(oneRun.lost == 10 && oneRun.phantom == 10)
    }

    @Test("every design keeps every entry of a window spread over runs, durable and accepted")
    func everyDesignAcrossRuns() throws {
        for strategy in StrategyRegistry.all {
            for ack in [AckPoint.durable, .accepted] where ack == .durable || strategy.buffersEntries {
                var workload = Self.openLoop(concurrency: 2, rate: 400, durationS: 0.1, logsPerRun: 10)
                workload.load.ack = ack
                workload.messageBytes = 32
                let cell = try TestSupport.runCell(strategy, workload)
                #expect(workload.segments == 4)
                #expect(cell.audit.expected == 80, "\(strategy.name) \(ack)")
                if strategy.name == "none" { continue }
                #expect(cell.audit.stored == 80 && !cell.audit.hasDataLoss, "\(strategy.name) \(ack): \(cell.audit)")
            }
        }
    }
}
