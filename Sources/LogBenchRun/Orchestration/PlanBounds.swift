import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// The bound on a whole plan's work: each cell is bounded by `Workload.validate()`; this bounds
/// their number and their sum (a sweep's cells, growth and safety steps), computed from the plan's
/// shape before `steps()` would lay out a single step, so a huge sweep is refused at once.
extension BenchPlan {
    /// Steps of one plan (cells, growth and safety measurements).
    public static let maxSteps = PlanLimits.maxSteps
    /// Entries appended by the whole plan, warm-up and growth prefill included.
    public static let maxEntriesPerPlan = PlanLimits.maxEntriesPerPlan

    package func validateTotalWork() throws(UsageError) {
        let perTrial = strategies.count + (measureReference ? 1 : 0)
        var steps = trials * workloads.count * perTrial
        var entries = trials * perTrial * workloads.reduce(0) { $0 + $1.totalEntries }
        steps += cells.count
        entries += cells.reduce(0) { $0 + $1.workload.totalEntries }
        if let sweep {
            let growthSteps = synchronousSettings.count * strategies.count * sweep.growthSizes.count
            steps += growthSteps + strategies.count * sweep.safety.cellsPerStrategy
            let messageBytes = workloads.map(\.messageBytes).max() ?? 64
            for size in sweep.growthSizes {
                let appended = size + sweep.growthAppends + 3
                guard appended * messageBytes <= Workload.maxMessageBytesPerCell else {
                    throw UsageError(
                        "--growth \(size) × --message-bytes \(messageBytes) is \(appended * messageBytes) bytes "
                            + "of messages in one log; at most \(Workload.maxMessageBytesPerCell) (256 MiB)")
                }
                entries += synchronousSettings.count * strategies.count * appended
            }
            entries +=
                strategies.count * sweep.safety.cellsPerStrategy * sweep.safety.workers
                * sweep.safety.logsPerProducer
        }
        guard steps <= Self.maxSteps else {
            throw UsageError(
                "the plan has \(steps) steps (trials × workloads × strategies, plus growth and safety); "
                    + "at most \(Self.maxSteps)")
        }
        guard entries <= Self.maxEntriesPerPlan else {
            throw UsageError(
                "the plan appends \(entries) entries in all (every cell, trial, growth and safety step); "
                    + "at most \(Self.maxEntriesPerPlan)")
        }
    }
}
