/// One measured cell position (strategy, concurrency, synchronous) as the dashboard exports publish
/// it, one benchmark per position: the document's derived summaries (medians over trials), read
/// as they are.
struct CellAggregate {
    var strategy: String
    var concurrency: Int
    var synchronous: SynchronousMode
    var engine: EngineKind = .sqlite
    var p50Ns: Double
    var p99Ns: Double
    var meanNs: Double
    var overheadMeanNs: Double?
    var throughputPerSec: Double
    var dataLoss: Int
    var expected: Int

    /// "logbench/queue/c=20/sync=normal": stable across runs, so dashboards line the points up;
    /// PostgreSQL's are "logbench/postgres/queue/c=20" (its durability is the server's setting).
    var name: String {
        engine == .sqlite
            ? "logbench/\(strategy)/c=\(concurrency)/sync=\(synchronous.rawValue)"
            : "logbench/\(engine.rawValue)/\(strategy)/c=\(concurrency)"
    }

    static func all(_ document: ResultDocument) -> [CellAggregate] {
        let mode = document.matrix?.mode ?? .threads
        return (document.summaries ?? []).filter { ($0.mode ?? .threads) == mode }.compactMap { summary in
            guard let p50 = summary.metric(.latencyP50Ns), let mean = summary.metric(.latencyMeanNs),
                let throughput = summary.metric(.throughputPerSec)
            else { return nil }
            return CellAggregate(
                strategy: summary.strategy, concurrency: summary.concurrency,
                synchronous: summary.workload.synchronous, engine: summary.workload.engine, p50Ns: p50.median,
                p99Ns: summary.metric(.latencyP99Ns)?.median ?? p50.median, meanNs: mean.median,
                overheadMeanNs: summary.metric(.overheadMeanNs)?.median, throughputPerSec: throughput.median,
                dataLoss: summary.dataLossEntries,
                expected: Saturating.multiply(summary.workload.expectedEntries, summary.trials))
        }
    }
}
