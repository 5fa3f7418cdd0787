import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// Which cells a gate or baseline run measures, and how many times.
struct GateCellOptions: ParsableArguments {
    @Option(help: "Strategies to measure: repeatable, each a name or a comma list, or all (default: queue).")
    var strategy: [StrategyList] = []

    /// Before 0.5.0: `--concurrency-levels 1,2,4`. Now `--concurrency 1,2,4`.
    @Option(help: .hidden)
    var concurrencyLevels: LevelList?

    @Option(
        help: """
            Trials per cell (1…1000, default 5), interleaved across cells, each on a fresh database. Left out, it is \
            raised when 5 cannot reach --alpha; given, a count that cannot is refused (exit 64).
            """)
    var trials: Int?

    @Option(help: "With --inject-delay-us: inject the delay into this strategy only (validates the gate).")
    var injectStrategy: StrategyName?

    static let defaultTrials = 5

    func makePlan(_ workloadOptions: WorkloadOptions) throws -> BenchPlan {
        var request = try workloadOptions.makeRequest()
        request.trials = trials ?? Self.defaultTrials
        request.strategies = try StrategyList.flatten(strategy)
        request.injectStrategy = injectStrategy?.name
        if let concurrencyLevels {
            DeprecatedFlag.note("--concurrency-levels", use: "--concurrency (repeatable, or a comma list)")
            guard workloadOptions.concurrency.isEmpty else {
                throw UsageError("give the levels once: --concurrency (--concurrency-levels is its old name)")
            }
            request.concurrency = try LevelList.flatten([concurrencyLevels], flag: "--concurrency-levels")
        }
        return try request.makePlan()
    }

    /// Sets the plan's trials before measuring so that a regression can be detected (`GateFamily`):
    /// raises the default and says so on stderr, or refuses an explicit `--trials` that cannot (64).
    func ensureDetectable(_ plan: inout BenchPlan, baseline: MeasurementSet?, alpha: Double) throws {
        let members = GateFamily.members(plan: plan, baseline: baseline)
        switch GateFamily.chooseTrials(members, requested: trials, defaultTrials: Self.defaultTrials, alpha: alpha) {
        case .use(let n): plan.trials = n
        case .raised(let n, let message):
            FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
            plan.trials = n
        case .refused(let message): throw UsageError(message)
        }
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
