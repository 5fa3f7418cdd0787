import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// How accepted entries are journaled, audited and judged, and that older documents still read.
@Suite("Load model: journals, audit, verdicts, documents")
struct LoadAccountingTests {
    func parse(_ text: String) throws -> [SentLog.Outcome] {
        try JournalContents(parsing: Substring(text), path: "test").outcomes
    }

    @Test("a journal's q/d/x events settle each accepted entry, whatever order the writer reports in")
    func journalEvents() throws {
        #expect(try parse("s 0\nq 0\ns 1\nd 0\nq 1\n") == [.acknowledged, .accepted])
        #expect(try parse("s 0\nd 0\nq 0\n") == [.acknowledged])  // the writer was quicker than the caller
        #expect(try parse("s 0\nd 0\n") == [.acknowledged])  // killed between the commit and the caller's q
        #expect(try parse("s 0\nq 0\nx 0\n") == [.failed])
        #expect(try parse("s 0\na 0\ns 1\n") == [.acknowledged, .inFlight])
        #expect(throws: WorkerProtocolError.self) { try parse("s 0\nd 3\n") }
        #expect(throws: WorkerProtocolError.self) { try parse("s 0\nq 0\nd 0\nd 0\n") }
        #expect(throws: WorkerProtocolError.self) { try parse("s 0\na 0\nd 0\n") }
    }

    @Test("an accepted entry that is absent counts as acceptedLost, not as lost or data loss")
    func auditCountsAcceptedApart() {
        let result = Audit.classify(
            run: 1, sent: [0: SentLog.Calls(outcomes: [.acknowledged, .accepted, .accepted])],
            stored: [StoredEntry(producer: 0, seq: 0, level: "info", message: "m")]
        ) { _, _ in ("info", "m") }
        #expect(result.acceptedLost == 2)
        #expect(result.lost == 0 && !result.hasDataLoss)
        let durable = Audit.classify(run: 1, sent: [0: SentLog.Calls(outcomes: [.acknowledged])], stored: []) { _, _ in
            ("info", "m")
        }
        #expect(durable.lost == 1 && durable.acceptedLost == nil)
    }

    @Test("the crash audit separates accepted-and-lost from acknowledged-and-lost")
    func crashAuditAccepted() {
        var outcome = CrashOutcome(
            plan: "after:1", victimWorker: 0, killAfterAcknowledged: 1, killed: true, integrityCheck: "ok")
        CrashAudit.classify(
            sent: [0: [.acknowledged, .accepted, .accepted, .inFlight]], stored: [0: [0, 1]], logsPerProducer: 5,
            into: &outcome)
        #expect(outcome.acknowledgedStored == 1 && outcome.acknowledgedLost == 0)
        #expect(outcome.acceptedStored == 1 && outcome.acceptedLost == 1)
        #expect(outcome.inFlightLost == 1 && outcome.neverSent == 1)
        #expect(outcome.durable)
    }

    @Test("an open-loop cell whose pending grows is called unsustainable, in the seed's words")
    func unsustainableVerdict() {
        let profile = LoadProfile(ack: .accepted, ratePerSec: 100, durationS: 10)
        var record = LoadRecord()
        record.sendEndNs = 10_000_000_000
        let series = (0...100).map {
            PendingSample(
                atNs: UInt64($0) * 100_000_000, entries: $0 * 124, largestRun: $0 * 124, bytes: $0 * 124 * 100)
        }
        let growing = LoadResult.growth(
            series: series, sendPhaseNs: 10_000_000_000, profile: profile, record: record, sent: 20_000,
            concurrency: 20)
        #expect(growing.sustainable == false)
        // Medians of the first and last tenths of the samples (10 of 101 each): 5 × 124 and 96 × 124.
        #expect(growing.verdict == "unsustainable: pending grew from 620 to 11,904 in 10.0 s")
        // A backlog of 500 over 20,000 sent: within the 5 % allowed before 0.5.0, growth all the same.
        let slow = series.map {
            PendingSample(atNs: $0.atNs, entries: $0.entries / 25, largestRun: $0.entries / 25, bytes: 0)
        }
        let creeping = LoadResult.growth(
            series: slow, sendPhaseNs: 10_000_000_000, profile: profile, record: record, sent: 20_000,
            concurrency: 20)
        #expect(creeping.sustainable == false, "\(creeping.verdict)")
        // One burst at the very end (the last sample) does not decide: the median of the last tenth.
        var burst = series.map { PendingSample(atNs: $0.atNs, entries: 3, largestRun: 3, bytes: 300) }
        burst[burst.count - 1].entries = 900
        let lastBurst = LoadResult.growth(
            series: burst, sendPhaseNs: 10_000_000_000, profile: profile, record: record, sent: 20_000,
            concurrency: 20)
        #expect(lastBurst.sustainable == true)
        let flat = series.map { PendingSample(atNs: $0.atNs, entries: 3, largestRun: 3, bytes: 300) }
        let steady = LoadResult.growth(
            series: flat, sendPhaseNs: 10_000_000_000, profile: profile, record: record, sent: 20_000,
            concurrency: 20)
        #expect(steady.sustainable == true)
        let closed = LoadResult.growth(
            series: series, sendPhaseNs: 10_000_000_000, profile: LoadProfile(ack: .accepted), record: record,
            sent: 20_000, concurrency: 20)
        #expect(closed.sustainable == nil)
        record.unsent = 40
        let behind = LoadResult.growth(
            series: flat, sendPhaseNs: 10_000_000_000, profile: profile, record: record, sent: 20_000,
            concurrency: 20)
        #expect(behind.sustainable == false && behind.verdict.contains("fell behind"))
    }

    @Test("the saturation search doubles, then narrows the knee, within its step bound")
    func saturationSearch() {
        var plan = SaturationPlan(strategy: PerRunQueue.self, base: TestSupport.workload(concurrency: 2))
        plan.startRate = 4
        plan.maxSteps = 8
        plan.refineSteps = 3
        plan.confirmEveryStep = false
        func model(limit: Double) -> (Double) -> SaturationStep {
            { rate in
                SaturationStep(
                    ratePerProducer: rate, offeredPerSec: rate * 2, writtenPerSec: min(rate, limit) * 2,
                    lagP99Ns: 1, maxPendingPerRun: nil, sustained: rate <= limit, reason: rate <= limit ? nil : "model")
            }
        }
        let steps = Saturation.search(plan, measure: model(limit: 37))
        #expect(steps.prefix(5).map(\.ratePerProducer) == [4, 8, 16, 32, 64])
        #expect(steps.count == 8)
        let knee = steps.filter(\.sustained).map(\.ratePerProducer).max()!
        let above = steps.filter { !$0.sustained }.map(\.ratePerProducer).min()!
        #expect(knee > 32 && knee <= 37 && above > 37 && above < 64)
        #expect(Saturation.search(plan, measure: model(limit: 1e9)).count == plan.maxSteps)
        #expect(Saturation.search(plan, measure: model(limit: 1)).count == 1)
        #expect(Saturation.search(plan, elapsedS: { 1e9 }, measure: model(limit: 37)).isEmpty)
        // Every step confirmed: one stall at 16/s does not end the search (a third try decides), and
        // one lucky try above the limit does not raise the knee.
        plan.confirmEveryStep = true
        var stalled = false
        let steady = model(limit: 37)
        let retried = Saturation.search(plan) { rate in
            if rate == 16 && !stalled {
                stalled = true
                return SaturationStep(
                    ratePerProducer: 16, offeredPerSec: 32, writtenPerSec: 32, lagP99Ns: 1, maxPendingPerRun: nil,
                    sustained: false, reason: "a stall")
            }
            return steady(rate)
        }
        #expect(retried.filter { $0.ratePerProducer == 16 }.map(\.sustained) == [false, true, true])
        #expect(retried.filter { $0.ratePerProducer == 8 }.map(\.sustained) == [true, true])
        #expect(retried.contains { $0.ratePerProducer == 32 })
        let decided = SaturationResult.verdicts(retried)
        #expect(decided.filter { $0.ratePerProducer == 16 }.map(\.sustained) == [true])
        #expect(decided.filter(\.sustained).map(\.ratePerProducer).max()! <= 37)
        // Lucky once at 64/s (above the limit): the confirmation fails, the third try too.
        plan.refineSteps = 5
        var lucky = false
        let confirmed = Saturation.search(plan) { rate in
            if rate == 64 && !lucky {
                lucky = true
                return SaturationStep(
                    ratePerProducer: 64, offeredPerSec: 128, writtenPerSec: 128, lagP99Ns: 1, maxPendingPerRun: nil,
                    sustained: true, reason: nil)
            }
            return steady(rate)
        }
        #expect(confirmed.filter { $0.ratePerProducer == 64 }.map(\.sustained) == [true, false, false])
        #expect(SaturationResult.verdicts(confirmed).filter(\.sustained).map(\.ratePerProducer).max()! <= 37)
        // The bisection brackets the knee within 5 %.
        let decided64 = SaturationResult.verdicts(confirmed)
        let sustainedMax = decided64.filter(\.sustained).map(\.ratePerProducer).max()!
        let failedMin = decided64.filter { !$0.sustained }.map(\.ratePerProducer).min()!
        #expect(failedMin / sustainedMax <= 1.05)
    }

    @Test("documents and workloads written before the load model existed still decode, unchanged")
    func olderDocumentsDecode() throws {
        let document = try Fixtures.smallMatrix()
        #expect(document.cells.allSatisfy { $0.durabilityLagNs == nil && $0.load == nil })
        #expect(document.cells.allSatisfy { $0.workload.load.isDefault && $0.audit.acceptedLost == nil })
        // Derived when loaded, like the summaries: an older document was closed loop.
        #expect(document.loadModel == LoadProfile.closedLoopDescription)
        #expect(ReviewTable(document: document).loadModel == LoadProfile.closedLoopDescription)
        // A default workload encodes exactly as before: no "load" key.
        let plain = String(decoding: try ResultCoding.encode(Workload(concurrency: 2)), as: UTF8.self)
        #expect(!plain.contains("\"load\""))
        var loaded = Workload(concurrency: 2)
        loaded.load = LoadProfile(ack: .accepted, ratePerSec: 50, durationS: 2, maxPending: 10)
        let decoded = try JSONDecoder().decode(Workload.self, from: try ResultCoding.encode(loaded))
        #expect(decoded == loaded)
        #expect(CellKey(strategy: "x", concurrency: 2, workload: loaded).description.contains("ack=accepted"))
        // Worker reports gained one optional field: a report without it reads as before.
        let report = WorkerReport(
            worker: 0, latency: LatencyHistogram(), finishedAtNs: 1, counters: StrategyCounters(), errors: [],
            peakRssBytes: 1)
        let encoded = try ResultCoding.encode(report)
        #expect(!String(decoding: encoded, as: UTF8.self).contains("\"load\""))
        #expect(try JSONDecoder().decode(WorkerReport.self, from: encoded).load == nil)
    }

    @Test("load flags are checked with their bounds")
    func validation() {
        let bad: [LoadProfile] = [
            LoadProfile(ratePerSec: 0, durationS: 1), LoadProfile(ratePerSec: 10), LoadProfile(durationS: 2),
            LoadProfile(ratePerSec: 10, durationS: 0), LoadProfile(maxPending: 0),
            LoadProfile(ratePerSec: 1_000_000, durationS: 3600), LoadProfile(drainLimitS: -1),
        ]
        for profile in bad { #expect(throws: UsageError.self) { try profile.validate() } }
        #expect(throws: Never.self) { try LoadProfile(ack: .accepted, ratePerSec: 2000, durationS: 5).validate() }
    }
}
