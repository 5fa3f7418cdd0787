import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Producers as Swift tasks that `await addLog(...)`, on a `ThreadPoolTaskExecutor` with one thread
/// per task. Same workload, warm-up, start line and recording as threads mode, so the difference
/// in per-log latency between the modes is the cost of the async machinery.
package struct TaskDriver: CellDriver {
    package init() {}

    package var measuresMemoryInProcess: Bool { true }

    /// One producer task's results; written by that task only, read after all finished.
    private final class Slot: @unchecked Sendable {
        package var outcome = ProducerOutcome()
    }

    package func drive(_ cell: PreparedCell, phase: MeasuredPhase) throws -> Observations {
        let workload = cell.workload
        let strategy = try cell.spec.strategy.make(context: cell.context)
        var shutDown = false
        defer { if !shutDown { strategy.shutdown() } }
        let executor = ThreadPoolTaskExecutor(threads: workload.concurrency)
        defer { executor.shutdown() }
        let gate = AsyncStartGate()
        let slots = (0..<workload.concurrency).map { _ in Slot() }
        let finished = DispatchSemaphore(value: 0)
        let messages = workload.messages
        let firstFinish = FirstFinish()

        for producer in 0..<workload.concurrency {
            let slot = slots[producer]
            Task(executorPreference: executor) {
                defer { finished.signal() }
                let appender: any AsyncLogAppender
                do {
                    appender = try strategy.makeAsyncAppender(producer: producer)
                    let warmupRun = workload.warmupRun(ofProducer: producer)
                    for seq in 0..<workload.warmupLogsPerProducer {
                        try await appender.addLog(
                            messages.entry(producer: producer, seq: seq, run: warmupRun), run: warmupRun)
                    }
                } catch {
                    slot.outcome.setupError = error
                    await gate.arriveAndWait()
                    return
                }
                await gate.arriveAndWait()
                slot.outcome.outcomes.reserveCapacity(workload.logsPerProducer)
                for seq in 0..<workload.logsPerProducer {
                    let run = workload.run(ofProducer: producer, seq: seq)
                    let entry = messages.entry(producer: producer, seq: seq, run: run)
                    let start = MonotonicClock.now()
                    do {
                        try await appender.addLog(entry, run: run)
                        let end = MonotonicClock.now()
                        slot.outcome.acknowledged(latencyNs: end - start)
                        slot.outcome.closeAllBusyCount(endNs: end, firstFinish: firstFinish)
                    } catch {
                        slot.outcome.failed(error, latencyNs: MonotonicClock.now() - start)
                    }
                }
                slot.outcome.finish(at: MonotonicClock.now(), firstFinish: firstFinish)
            }
        }
        gate.waitForArrivals(workload.concurrency)
        if let failure = slots.lazy.compactMap(\.outcome.setupError).first {
            gate.open()
            for _ in slots { finished.wait() }
            throw failure
        }
        try phase.willStart()
        var observed = Observations()
        observed.startNs = MonotonicClock.now()
        observed.endNs = observed.startNs
        gate.open()
        for _ in slots { finished.wait() }
        phase.didEnd()
        for (producer, slot) in slots.enumerated() {
            observed.add(slot.outcome, producer: producer, workload: workload)
        }
        observed.counters = strategy.counters()
        strategy.shutdown()
        shutDown = true
        observed.strategyFailure = strategy.failure()
        return observed
    }
}
