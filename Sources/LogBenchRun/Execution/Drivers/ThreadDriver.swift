import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Producers as real threads of this process (the default mode): see `ProducerPool`.
package struct ThreadDriver: CellDriver {
    package init() {}

    package var measuresMemoryInProcess: Bool { true }

    package func drive(_ cell: PreparedCell, phase: MeasuredPhase) throws -> Observations {
        let strategy = try cell.spec.strategy.make(context: cell.context)
        var shutDown = false
        defer { if !shutDown { strategy.shutdown() } }
        let pool = ProducerPool(workload: cell.workload, strategy: strategy)
        pool.start()
        if let failure = pool.outcomes.lazy.compactMap(\.setupError).first {
            _ = pool.release()
            throw failure
        }
        try phase.willStart()
        var observed = Observations()
        let sampler = pool.startPendingSampler(strategy)
        observed.startNs = pool.release()
        // Under --ack accepted the phase lasts until the strategy wrote what it took (or gave up).
        let (outcomes, load) = pool.finishAcceptedWrites(strategy: strategy, sampler: sampler)
        phase.didEnd()
        observed.endNs = max(observed.startNs, load.lastCommitNs ?? 0)
        for (producer, outcome) in outcomes.enumerated() {
            observed.add(outcome, producer: producer, workload: cell.workload)
        }
        observed.load = load
        observed.counters = strategy.counters()
        // An adapter's end can itself be a breach (one that would not exit): shut down, then ask.
        strategy.shutdown()
        shutDown = true
        observed.strategyFailure = strategy.failure()
        return observed
    }
}
