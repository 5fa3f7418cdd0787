/// Producers as real threads of this process (the default mode): see `ProducerPool`.
struct ThreadDriver: CellDriver {
    var measuresMemoryInProcess: Bool { true }

    func drive(_ cell: PreparedCell, phase: MeasuredPhase) throws -> Observations {
        let strategy = try cell.spec.strategy.init(context: cell.context)
        defer { strategy.shutdown() }
        let pool = ProducerPool(workload: cell.workload, strategy: strategy)
        pool.start()
        if let failure = pool.outcomes.lazy.compactMap(\.setupError).first {
            _ = pool.release()
            throw failure
        }
        try phase.willStart()
        var observed = Observations()
        observed.startNs = pool.release()
        phase.didEnd()
        observed.endNs = observed.startNs
        for (producer, outcome) in pool.outcomes.enumerated() {
            observed.add(outcome, producer: producer, run: cell.workload.run(ofProducer: producer))
        }
        observed.counters = strategy.counters()
        return observed
    }
}
