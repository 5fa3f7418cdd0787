import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// The producer threads of one cell (or, in a worker process, of its share of the cell): each makes
/// its appender, warms up, waits at the start gate, then appends its entries, timing each call into
/// its own histogram. With journals, each producer also records every send and acknowledgement.
package final class ProducerPool: @unchecked Sendable {
    package typealias Outcome = ProducerOutcome

    package let workload: Workload
    private let strategy: any AppendStrategy
    private let messages: MessageGenerator
    /// Producers arrive here after their warm-up; the coordinator opens it to start the measured phase.
    private let gate = StartGate()
    // Each slot is written by its own producer thread only, and read after join. A buffer, not an
    // Array: concurrent writes to distinct elements of one Array race on its copy-on-write check.
    private let results: UnsafeMutableBufferPointer<Outcome>
    private var threads: [OSThread] = []
    /// The producer numbers this pool runs (all of the workload's unless a worker runs a share).
    package let producers: [Int]
    /// One per entry of `producers`, or none.
    private let journals: [AckJournal]?
    /// The seq each producer starts at, one per entry of `producers`: 0, or where a restarted writer resumes.
    private let firstSeqs: [Int]?
    /// `--ack accepted` with a buffering strategy: one per entry of `producers`, told by the strategy's
    /// writer when each accepted entry is committed.
    package let recorders: [DurabilityRecorder]?
    /// Open loop: the schedules' common origin, set before the gate opens.
    private(set) var originNs: UInt64 = 0
    private let firstFinish = FirstFinish()

    package init(
        workload: Workload, strategy: any AppendStrategy, producers: [Int]? = nil, journals: [AckJournal]? = nil,
        firstSeqs: [Int]? = nil
    ) {
        self.workload = workload
        self.strategy = strategy
        self.messages = workload.messages
        self.producers = producers ?? Array(0..<workload.concurrency)
        self.journals = journals
        self.firstSeqs = firstSeqs
        self.results = .allocate(capacity: self.producers.count)
        self.results.initialize(repeating: Outcome())
        if workload.load.ack == .accepted && strategy.buffersAcceptedEntries {
            recorders = self.producers.indices.map { slot in
                let first = firstSeqs?[slot] ?? 0
                return DurabilityRecorder(
                    firstSeq: first, capacity: workload.logsPerProducer - first, journal: journals?[slot])
            }
        } else {
            recorders = nil
        }
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    /// Starts every producer; they warm up and then wait at the gate.
    package func start() {
        for (slot, producer) in producers.enumerated() {
            threads.append(OSThread(name: "producer-\(producer)") { [self] in produce(producer, slot: slot) })
        }
        gate.waitForArrivals(producers.count)
    }

    /// Opens the gate and waits for every producer to finish. Returns the start time.
    package func release() -> UInt64 {
        let start = MonotonicClock.now()
        originNs = start
        gate.open()
        threads.forEach { $0.join() }
        return start
    }

    package var outcomes: [Outcome] { Array(results) }

    private func produce(_ producer: Int, slot: Int) {
        let journal = journals?[slot]
        var outcome = Outcome()
        outcome.outcomes.reserveCapacity(workload.logsPerProducer)
        let appender: (any LogAppender)?
        do {
            appender = try strategy.makeAppender(producer: producer)
        } catch {
            // Visible before arriving, so the coordinator sees it before it opens the gate.
            outcome.setupError = error
            results[slot] = outcome
            gate.arriveAndWait()
            return
        }
        // A warm-up write that fails is the strategy failing, not the harness: it is noted and the
        // measured phase runs anyway, where such calls count as failed writes.
        let warmupRun = workload.warmupRun(ofProducer: producer)
        for seq in 0..<workload.warmupLogsPerProducer {
            do {
                try appender!.append(entry(producer: producer, seq: seq, run: warmupRun), run: warmupRun)
            } catch {
                outcome.warmupFailed(error)
                break
            }
        }
        if workload.load.ratePerSec != nil { MonotonicClock.preciseSleeps() }
        gate.arriveAndWait()
        outcome.startedAt = MonotonicClock.now()

        let firstSeq = firstSeqs?[slot] ?? 0
        let schedule = SendSchedule(load: workload.load, producer: producer, concurrency: workload.concurrency)
        let recorder = recorders?[slot]
        let buffering = recorder == nil ? nil : appender as? any BufferingLogAppender
        for seq in firstSeq..<workload.logsPerProducer {
            // Open loop: wait for the entry's intended time and measure from it (a late send counts).
            var intended: UInt64?
            if let schedule {
                guard MonotonicClock.now() < schedule.windowEnd(origin: originNs) else {
                    outcome.stopSending(at: seq, of: workload.logsPerProducer, firstSeq: firstSeq) {
                        schedule.intendedNs(origin: originNs, index: $0)
                    }
                    break
                }
                intended = schedule.intendedNs(origin: originNs, index: seq - firstSeq)
                MonotonicClock.sleep(until: intended!)
            }
            let run = workload.run(ofProducer: producer, seq: seq)
            let entry = entry(producer: producer, seq: seq, run: run)
            // Journal writes stay outside the timed call: they are the observer, not the strategy.
            journal?.record(.sent, seq: seq)
            let phases = PhaseSample.current
            phases.reset()
            let start = intended ?? MonotonicClock.now()
            if let intended {
                outcome.sendDelayNs = MonotonicClock.now() &- intended
                phases.ns[Phase.schedule.rawValue] = outcome.sendDelayNs
            }
            do {
                if let buffering, let recorder {
                    try buffering.accept(entry, run: run, observer: recorder)
                    let end = MonotonicClock.now()
                    outcome.accepted(latencyNs: end - start)
                    if PhaseSample.enabled { outcome.phases.record(phases, totalNs: end - start) }
                    recorder.accepted(seq: seq, startNs: start, endNs: end)
                    journal?.record(.queued, seq: seq)
                    continue
                }
                try appender!.append(entry, run: run)
                let end = MonotonicClock.now()
                let elapsed = end - start
                outcome.acknowledged(latencyNs: elapsed)
                if schedule == nil { outcome.closeAllBusyCount(endNs: end, firstFinish: firstFinish) }
                if PhaseSample.enabled { outcome.phases.record(phases, totalNs: elapsed) }
                journal?.record(.acknowledged, seq: seq)
            } catch {
                outcome.failed(error, latencyNs: MonotonicClock.now() - start)
                journal?.record(.failed, seq: seq)
            }
        }
        if schedule == nil && buffering == nil {
            outcome.finish(at: MonotonicClock.now(), firstFinish: firstFinish)
        } else {
            outcome.finishedAt = MonotonicClock.now()
        }
        results[slot] = outcome
    }

    private func entry(producer: Int, seq: Int, run: Int) -> LogEntry {
        messages.entry(producer: producer, seq: seq, run: run)
    }
}

extension MessageGenerator {
    /// The entry producer `producer` sends as its `seq`-th to `run`, stamped now.
    package func entry(producer: Int, seq: Int, run: Int) -> LogEntry {
        LogEntry(
            producer: producer, seq: seq, level: .forSequence(seq), ts: MonotonicClock.wallNanos(),
            message: message(run: run, producer: producer, seq: seq))
    }
}
