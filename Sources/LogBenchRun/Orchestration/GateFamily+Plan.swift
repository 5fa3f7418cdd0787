import Foundation
import LogBenchAnalysis
import LogBenchModel

extension GateFamily {
    /// The cells a plan will measure, matched against a baseline (nil: the plan records the baseline,
    /// so each cell gets as many baseline trials as current ones). Cells the baseline lacks are left
    /// out: the missing rule reports them.
    public static func members(plan: BenchPlan, baseline: MeasurementSet?) -> [Member] {
        let old = baseline.map { set in
            Dictionary(set.cells.map { ($0.key, $0.trials) }, uniquingKeysWith: { a, _ in a })
        }
        var members: [Member] = []
        for strategy in plan.strategies {
            for workload in plan.workloads {
                let key = CellSummary.gateKey(
                    strategy: strategy.name, concurrency: workload.concurrency, workload: workload,
                    mode: plan.execution.mode)
                if let old {
                    guard let trials = old[key] else { continue }
                    members.append(Member(key: key, baselineTrials: trials, currentTrials: plan.trials))
                } else {
                    members.append(Member(key: key, baselineTrials: nil, currentTrials: plan.trials))
                }
            }
        }
        return members
    }
}
