import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// The harness's own cost per measured log, so readers know which latency differences are below it.
public enum HarnessCalibration {
    /// The timer alone: two clock reads and one histogram record around a call that does nothing.
    public static func timerCostNs(iterations: Int = 200_000) -> Double {
        var histogram = LatencyHistogram()
        let start = MonotonicClock.now()
        for _ in 0..<iterations {
            let t0 = MonotonicClock.now()
            doNothing()
            histogram.record(MonotonicClock.now() - t0)
        }
        return Double(MonotonicClock.now() - start) / Double(iterations)
    }

    /// The real producer loop (entry creation, timing, phase and outcome recording, the start gate)
    /// at the workload's concurrency, driving an appender that does nothing: mean ns per log.
    @Sendable public static func producerLoopNs(_ workload: Workload) -> Double {
        let calibration = closedLoopShape(workload)
        let pool = ProducerPool(workload: calibration, strategy: DoNothing())
        pool.start()
        _ = pool.release()
        // Per log as each producer sees it: its own time from the gate to its last entry.
        let outcomes = pool.outcomes
        let busy = outcomes.reduce(0.0) { $0 + Double($1.finishedAt &- $1.startedAt) }
        return busy / Double(max(1, calibration.expectedEntries))
    }

    /// The loop's shape for a workload: the same producers, runs and messages, closed loop (an
    /// open-loop schedule would only measure its own sleeps), and enough entries that the start
    /// gate's wake-up does not dominate.
    package static func closedLoopShape(_ workload: Workload) -> Workload {
        var shape = workload
        shape.load = LoadProfile()
        shape.warmupLogsPerProducer = 0
        shape.logsPerProducer = 2000
        return shape
    }

    @inline(never)
    package static func doNothing() {}

    /// An appender that does nothing, registered nowhere: it exists to time the harness.
    private final class DoNothing: BuiltInStrategy {
        package static let name = "(harness)"
        package static let layout = StorageLayout.jsonColumn
        package static let claimsProcessSafety = false
        package static let connectionPolicy = ConnectionPolicy.perProducer
        package static let summary = "does nothing"
        package init() {}
        package init(context: StrategyContext) throws {}
        package func makeAppender(producer: Int) throws -> any LogAppender { Appender() }
        package final class Appender: LogAppender {
            package init() {}

            @inline(never) package func append(_ entry: LogEntry, run: Int) throws {}
        }
    }
}
