import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Measures what design tables only claim, for one strategy: whether it stays correct with its
/// producers in separate processes, and whether a SIGKILL of the writer process mid-run loses
/// entries it had acknowledged. The crash trials kill a writer running all producers as threads,
/// so a strategy that is unsafe across processes is still judged on durability alone (a queue's
/// pending entries die with it; they were never acknowledged). The cells feed `SafetyVerdict.measure`.
public struct SafetyProbe: Sendable {
    /// Worker processes, one producer each (0 skips the probe).
    public var workers: Int
    public var logsPerProducer: Int
    /// Crash trials, each on a fresh database with the writer process killed at a random point.
    public var crashTrials: Int

    public init(workers: Int = 8, logsPerProducer: Int = 30, crashTrials: Int = 3) {
        self.workers = workers
        self.logsPerProducer = logsPerProducer
        self.crashTrials = crashTrials
    }

    public var isEnabled: Bool { workers > 0 }
    /// Cells measured per strategy.
    public var cellsPerStrategy: Int { isEnabled ? 1 + crashTrials : 0 }

    public func validate() throws(UsageError) {
        guard (0...256).contains(workers) else { throw UsageError("--safety-workers must be between 0 and 256") }
        guard (0...100).contains(crashTrials) else {
            throw UsageError("--safety-crash-trials must be between 0 and 100")
        }
        guard logsPerProducer > 0 else { throw UsageError("safety entries per producer must be positive") }
    }

    /// The processes-mode cell, then the crash trials (threads mode: the writer process is
    /// killed and restarted), each on a fresh database and marked as a safety probe.
    package func cells(strategy: StrategyDescriptor, base: Workload) -> [CellSpec] {
        var workload = base
        workload.concurrency = workers
        workload.logsPerProducer = logsPerProducer
        workload.runs = 1
        workload.injectDelayUs = 0
        return (0..<cellsPerStrategy).map { index in
            var spec = CellSpec(strategy: strategy, workload: workload, mode: index == 0 ? .processes : .threads)
            spec.safetyProbe = true
            if index > 0 {
                spec.crash = .random
                spec.trial = index - 1
                // A different kill point per trial, drawn from the seed like `--crash random`.
                spec.workload.seed = base.seed &+ UInt64(index)
            }
            return spec
        }
    }
}
