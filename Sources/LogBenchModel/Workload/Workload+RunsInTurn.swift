import LogBenchStatistics

/// Closed loop, several runs a round (`--runs-in-turn`): each producer writes its entries for one
/// run, then moves on to the next run at once, without waiting for the other producers. A round
/// ends when every producer has written all of its runs, so the tail of a round (producers done,
/// waiting for the slowest) is paid once per `count` runs instead of once per run, while every
/// run's log still holds concurrency × logs per producer / runs entries: the seed's shape.
extension Workload {
    /// Entries each producer should send a round under `--rounds auto` when `--runs-in-turn` is not
    /// given: enough that a round's tail is a small part of it (at the default 50 logs per
    /// producer, ten runs in turn).
    public static let autoEntriesPerProducerPerRound = 500

    /// The runs in turn `--rounds auto` uses by default: about `autoEntriesPerProducerPerRound`
    /// entries per producer a round, within `maxRunsPerRound`.
    public static func defaultRunsInTurn(logsPerProducer: Int, runs: Int) -> Int {
        let wanted = (autoEntriesPerProducerPerRound + max(logsPerProducer, 1) - 1) / max(logsPerProducer, 1)
        return max(1, min(wanted, maxRunsPerRound / max(runs, 1)))
    }

    /// Makes each producer write `count` runs in turn of its current `logsPerProducer` entries each.
    public mutating func writeRunsInTurn(_ count: Int) {
        guard count > 1 else { return }
        logsPerRun = logsPerProducer
        logsPerProducer = Saturating.multiply(logsPerProducer, count)
    }

    /// How many runs in turn each producer writes a round (1: one run a round, or open loop).
    public var runsInTurn: Int { load.isOpenLoop ? 1 : segments }

    func validateRunsInTurn(naming: Naming) throws(UsageError) {
        guard !load.isOpenLoop, segments > 1, runsPerRound > Self.maxRunsPerRound else { return }
        let what = naming == .flags ? "--runs × --runs-in-turn" : "runs × logsPerProducer / logsPerRun"
        throw UsageError(
            "\(what) is \(runsPerRound) runs a round; at most \(Self.maxRunsPerRound) (per-run designs keep a "
                + "consumer and connection for each)")
    }
}
