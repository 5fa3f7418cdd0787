import Foundation

/// The producer threads of one cell (or, in a worker process, of its share of the cell): each makes
/// its appender, warms up, waits at the start gate, then appends its entries, timing each call into
/// its own histogram. With journals, each producer also records every send and acknowledgement.
final class ProducerPool: @unchecked Sendable {
    typealias Outcome = ProducerOutcome

    private let workload: Workload
    private let strategy: any AppendStrategy
    private let messages: MessageGenerator
    /// Producers arrive here after their warm-up; the coordinator opens it to start the measured phase.
    private let gate = StartGate()
    // Each slot is written by its own producer thread only, and read after join. A buffer, not an
    // Array: concurrent writes to distinct elements of one Array race on its copy-on-write check.
    private let results: UnsafeMutableBufferPointer<Outcome>
    private var threads: [OSThread] = []
    /// The producer numbers this pool runs (all of the workload's unless a worker runs a share).
    let producers: [Int]
    /// One per entry of `producers`, or none.
    private let journals: [AckJournal]?
    /// The seq each producer starts at, one per entry of `producers`: 0, or where a restarted writer resumes.
    private let firstSeqs: [Int]?

    init(
        workload: Workload, strategy: any AppendStrategy, producers: [Int]? = nil, journals: [AckJournal]? = nil,
        firstSeqs: [Int]? = nil
    ) {
        self.workload = workload
        self.strategy = strategy
        self.messages = MessageGenerator(seed: workload.seed, length: workload.messageBytes)
        self.producers = producers ?? Array(0..<workload.concurrency)
        self.journals = journals
        self.firstSeqs = firstSeqs
        self.results = .allocate(capacity: self.producers.count)
        self.results.initialize(repeating: Outcome())
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    /// Starts every producer; they warm up and then wait at the gate.
    func start() {
        for (slot, producer) in producers.enumerated() {
            threads.append(OSThread(name: "producer-\(producer)") { [self] in produce(producer, slot: slot) })
        }
        gate.waitForArrivals(producers.count)
    }

    /// Opens the gate and waits for every producer to finish. Returns the start time.
    func release() -> UInt64 {
        let start = MonotonicClock.now()
        gate.open()
        threads.forEach { $0.join() }
        return start
    }

    var outcomes: [Outcome] { Array(results) }

    private func produce(_ producer: Int, slot: Int) {
        let journal = journals?[slot]
        var outcome = Outcome()
        outcome.outcomes.reserveCapacity(workload.logsPerProducer)
        let appender: (any LogAppender)?
        do {
            appender = try strategy.makeAppender(producer: producer)
            let warmupRun = workload.warmupRun(ofProducer: producer)
            for seq in 0..<workload.warmupLogsPerProducer {
                try appender!.append(entry(producer: producer, seq: seq, run: warmupRun), run: warmupRun)
            }
        } catch {
            // Visible before arriving, so the coordinator sees it before it opens the gate.
            outcome.setupError = error
            results[slot] = outcome
            gate.arriveAndWait()
            return
        }
        gate.arriveAndWait()
        outcome.startedAt = MonotonicClock.now()

        let run = workload.run(ofProducer: producer)
        for seq in (firstSeqs?[slot] ?? 0)..<workload.logsPerProducer {
            let entry = entry(producer: producer, seq: seq, run: run)
            // Journal writes stay outside the timed call: they are the observer, not the strategy.
            journal?.record(.sent, seq: seq)
            let phases = PhaseSample.current
            phases.reset()
            let start = MonotonicClock.now()
            do {
                try appender!.append(entry, run: run)
                let elapsed = MonotonicClock.now() - start
                outcome.acknowledged(latencyNs: elapsed)
                if PhaseSample.enabled { outcome.phases.record(phases, totalNs: elapsed) }
                journal?.record(.acknowledged, seq: seq)
            } catch {
                outcome.failed(error, latencyNs: MonotonicClock.now() - start)
                journal?.record(.failed, seq: seq)
            }
        }
        outcome.finishedAt = MonotonicClock.now()
        results[slot] = outcome
    }

    private func entry(producer: Int, seq: Int, run: Int) -> LogEntry {
        messages.entry(producer: producer, seq: seq, run: run)
    }
}

/// One producer's record of its measured phase; written by that producer only, read after it ends.
/// Threads (`ProducerPool`) and tasks (`TaskDriver`) record through the same two calls.
struct ProducerOutcome {
    var histogram = LatencyHistogram()
    /// Where each acknowledged call's time went (`Phase`).
    var phases = PhaseHistograms()
    /// Failed calls are timed too, apart: a fast failure must not pass for a fast append.
    var failedHistogram = LatencyHistogram()
    var outcomes: [SentLog.Outcome] = []
    /// Each distinct error message, in the order first seen, with how many calls it hit.
    var errors: [String] = []
    var errorCounts: [String: Int] = [:]
    var setupError: Error?
    var startedAt: UInt64 = 0
    var finishedAt: UInt64 = 0

    mutating func acknowledged(latencyNs: UInt64) {
        histogram.record(latencyNs)
        outcomes.append(.acknowledged)
    }

    mutating func failed(_ error: Error, latencyNs: UInt64) {
        failedHistogram.record(latencyNs)
        outcomes.append(.failed)
        let message = "\(error)"
        if errorCounts[message] == nil { errors.append(message) }
        errorCounts[message, default: 0] += 1
    }
}

extension MessageGenerator {
    /// The entry producer `producer` sends as its `seq`-th to `run`, stamped now.
    func entry(producer: Int, seq: Int, run: Int) -> LogEntry {
        LogEntry(
            producer: producer, seq: seq, level: .forSequence(seq), ts: MonotonicClock.wallNanos(),
            message: message(run: run, producer: producer, seq: seq))
    }
}
