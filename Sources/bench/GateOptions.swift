import ArgumentParser
import LogBench

/// Which cells a gate or baseline run measures, and how many times.
struct MatrixOptions: ParsableArguments {
    @Option(help: "Strategy to measure; repeat for several (default: queue).")
    var strategy: [StrategyName] = []

    @Option(help: "Comma-separated concurrency levels (each 1…4096); overrides --concurrency (e.g. 1,2,4).")
    var concurrencyLevels: String?

    @Option(help: "Trials per cell (1…1000), interleaved across cells, each on a fresh database.")
    var trials = 5

    func makePlan(_ workloadOptions: WorkloadOptions) throws -> BenchPlan {
        guard (1...1000).contains(trials) else {
            throw UsageError("--trials must be between 1 and 1000 (got \(trials))")
        }
        let base = try workloadOptions.makeWorkload()
        var levels = [base.concurrency]
        if let concurrencyLevels {
            levels = try concurrencyLevels.split(separator: ",", omittingEmptySubsequences: false).map { text in
                guard let level = Int(text.trimmingCharacters(in: .whitespaces)) else {
                    throw UsageError("--concurrency-levels: \"\(text)\" is not an integer")
                }
                return level
            }
            guard Set(levels).count == levels.count else { throw UsageError("--concurrency-levels repeats a level") }
        }
        let workloads = try levels.map { level in
            var workload = base
            workload.concurrency = level
            try workload.validate()
            return workload
        }
        let strategies = strategy.isEmpty ? [StrategyRegistry.defaultStrategy] : strategy.map(\.type)
        guard Set(strategies.map { $0.name }).count == strategies.count else {
            throw UsageError("--strategy repeats a strategy")
        }
        let plan = BenchPlan(
            strategies: strategies, workloads: workloads, trials: trials, budgetNs: workloadOptions.budgetMs * 1e6,
            temporaryDirectory: workloadOptions.tmpDir)
        try plan.validate()
        return plan
    }
}

/// The thresholds of `bench check`; bounds are checked by `GateRules.validate()` (exit 64).
struct GateRuleOptions: ParsableArguments {
    @Option(help: "Regression tolerance as a fraction: new/old's CI lower bound must exceed 1 + this (0…10).")
    var tolerance = 0.10

    @Option(help: "Tolerance when the baseline comes from another machine (normalized times; 0…10).")
    var crossMachineTolerance = 0.25

    @Option(help: "Smallest difference per log, in µs, that can fail the gate (0…10000000).")
    var minEffectUs = 100.0

    @Option(help: "Significance level after Holm's correction (0 < alpha ≤ 0.5).")
    var alpha = 0.01

    @Flag(help: "Cells or metrics present on one side only warn instead of failing.")
    var allowMissing = false

    @Option(help: "Cross-machine regressions: fail, or warn (never block).")
    var crossMachine = GateRules.CrossMachinePolicy.fail

    func makeRules(budgetMs: Double) throws -> GateRules {
        var rules = GateRules()
        rules.tolerance = tolerance
        rules.crossMachineTolerance = crossMachineTolerance
        rules.minEffectUs = minEffectUs
        rules.alpha = alpha
        rules.budgetMs = budgetMs
        rules.allowMissing = allowMissing
        rules.crossMachine = crossMachine
        try rules.validate()
        return rules
    }
}

extension GateRules.CrossMachinePolicy: ExpressibleByArgument {}
extension ComparisonRendering.Format: ExpressibleByArgument {}
