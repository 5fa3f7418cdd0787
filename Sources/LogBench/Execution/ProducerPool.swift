import Foundation

/// The producer threads of one cell: each makes its appender, warms up, waits at the start gate,
/// then appends its entries, timing each call into its own histogram.
final class ProducerPool: @unchecked Sendable {
    struct Outcome {
        var histogram = LatencyHistogram()
        var outcomes: [SentLog.Outcome] = []
        var errors: [String] = []
        var setupError: Error?
        var finishedAt: UInt64 = 0
    }

    private let workload: Workload
    private let strategy: any AppendStrategy
    private let messages: MessageGenerator
    /// Producers arrive here after their warm-up; the coordinator opens it to start the measured phase.
    private let gate = StartGate()
    // Each slot is written by its own producer thread only, and read after join. A buffer, not an
    // Array: concurrent writes to distinct elements of one Array race on its copy-on-write check.
    private let results: UnsafeMutableBufferPointer<Outcome>
    private var threads: [OSThread] = []

    init(workload: Workload, strategy: any AppendStrategy) {
        self.workload = workload
        self.strategy = strategy
        self.messages = MessageGenerator(seed: workload.seed, length: workload.messageBytes)
        self.results = .allocate(capacity: workload.concurrency)
        self.results.initialize(repeating: Outcome())
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    /// Starts every producer; they warm up and then wait at the gate.
    func start() {
        for producer in 0..<workload.concurrency {
            threads.append(OSThread(name: "producer-\(producer)") { [self] in produce(producer) })
        }
        gate.waitForArrivals(workload.concurrency)
    }

    /// Opens the gate and waits for every producer to finish. Returns the start time.
    func release() -> UInt64 {
        let start = MonotonicClock.now()
        gate.open()
        threads.forEach { $0.join() }
        return start
    }

    var outcomes: [Outcome] { Array(results) }

    private func produce(_ producer: Int) {
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
            results[producer] = outcome
            gate.arriveAndWait()
            return
        }
        gate.arriveAndWait()

        let run = workload.run(ofProducer: producer)
        for seq in 0..<workload.logsPerProducer {
            let entry = entry(producer: producer, seq: seq, run: run)
            let start = MonotonicClock.now()
            do {
                try appender!.append(entry, run: run)
                outcome.histogram.record(MonotonicClock.now() - start)
                outcome.outcomes.append(.acknowledged)
            } catch {
                outcome.outcomes.append(.failed)
                if outcome.errors.count < 3 { outcome.errors.append("\(error)") }
            }
        }
        outcome.finishedAt = MonotonicClock.now()
        results[producer] = outcome
    }

    private func entry(producer: Int, seq: Int, run: Int) -> LogEntry {
        LogEntry(
            producer: producer, seq: seq, level: .forSequence(seq), ts: MonotonicClock.wallNanos(),
            message: messages.message(run: run, producer: producer, seq: seq))
    }
}
