import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// One measured cell position (strategy, concurrency, synchronous) as the dashboard exports publish
/// it, one benchmark per position: the document's derived summaries (medians over trials), read
/// as they are.
package struct CellAggregate {
    package init(
        strategy: String, concurrency: Int, synchronous: SynchronousMode, engine: EngineKind = .sqlite, p50Ns: Double,
        p99Ns: Double, meanNs: Double, overheadMeanNs: Double? = nil, throughputPerSec: Double, dataLoss: Int,
        expected: Int
    ) {
        self.strategy = strategy
        self.concurrency = concurrency
        self.synchronous = synchronous
        self.engine = engine
        self.p50Ns = p50Ns
        self.p99Ns = p99Ns
        self.meanNs = meanNs
        self.overheadMeanNs = overheadMeanNs
        self.throughputPerSec = throughputPerSec
        self.dataLoss = dataLoss
        self.expected = expected
    }

    /// The 95% bootstrap CI of each median above, when the cell had several trials (else nil), and
    /// the trials behind them: charts draw them as error bars.
    package var throughputInterval: MetricSummary?
    package var p50Interval: MetricSummary?
    package var p99Interval: MetricSummary?
    package var trials = 1

    package var strategy: String
    package var concurrency: Int
    package var synchronous: SynchronousMode
    package var engine: EngineKind = .sqlite
    package var p50Ns: Double
    package var p99Ns: Double
    package var meanNs: Double
    package var overheadMeanNs: Double?
    package var throughputPerSec: Double
    package var dataLoss: Int
    package var expected: Int

    /// "logbench/queue/c=20/sync=normal": stable across runs, so dashboards line the points up;
    /// PostgreSQL's are "logbench/postgres/queue/c=20" (its durability is the server's setting).
    package var name: String {
        engine == .sqlite
            ? "logbench/\(strategy)/c=\(concurrency)/sync=\(synchronous.rawValue)"
            : "logbench/\(engine.rawValue)/\(strategy)/c=\(concurrency)"
    }

    package static func all(_ document: ResultDocument) -> [CellAggregate] {
        let mode = document.matrix?.mode ?? .threads
        return (document.summaries ?? []).filter { ($0.mode ?? .threads) == mode }.compactMap { summary in
            guard let p50 = summary.metric(.latencyP50Ns), let mean = summary.metric(.latencyMeanNs),
                let throughput = summary.metric(.throughputPerSec)
            else { return nil }
            var aggregate = CellAggregate(
                strategy: summary.strategy, concurrency: summary.concurrency,
                synchronous: summary.workload.synchronous, engine: summary.workload.engine, p50Ns: p50.median,
                p99Ns: summary.metric(.latencyP99Ns)?.median ?? p50.median, meanNs: mean.median,
                overheadMeanNs: summary.metric(.overheadMeanNs)?.median, throughputPerSec: throughput.median,
                dataLoss: summary.dataLossEntries,
                expected: summary.entriesSent)
            aggregate.trials = summary.trials
            if summary.trials > 1 {
                aggregate.throughputInterval = throughput
                aggregate.p50Interval = p50
                aggregate.p99Interval = summary.metric(.latencyP99Ns)
            }
            return aggregate
        }
    }
}
