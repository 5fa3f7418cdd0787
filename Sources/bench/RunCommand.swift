import ArgumentParser
import Foundation
import LogBench

/// `bench run` (the default): measure one strategy at one concurrency and audit every entry.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the append workload with one strategy and audit the database.")

    @Option(help: "Strategy: \(StrategyRegistry.names.joined(separator: ", ")).")
    var strategy = StrategyName(StrategyRegistry.defaultStrategy)

    @OptionGroup var workload: WorkloadOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var execution: ExecutionOptionGroup

    @Option(help: "Keep the database at this path (must not exist yet). Default: a temporary file, removed.")
    var db: String?

    @Option(help: "Trials per cell (1…1000), each on a fresh database; the JSON carries per-cell summaries.")
    var trials = 1

    @Flag(help: "Do not measure the `none` reference (no overhead figures).")
    var noReference = false

    func run() throws {
        let workload = try workload.makeWorkload()
        if let db { try DatabaseLocation.validateNew(db) }
        try output.checkWritable()
        var plan = BenchPlan(
            strategies: [strategy.type], workloads: [workload], trials: trials, measureReference: !noReference,
            budgetNs: self.workload.budgetMs * 1e6, keepDatabaseAt: db, temporaryDirectory: self.workload.tmpDir)
        plan.execution = try execution.makeOptions()
        if plan.execution.crash != nil {
            // Each crash trial is a fresh database; overhead against `none` means nothing under a kill.
            plan.trials = execution.crashTrials
            plan.measureReference = false
        }
        // Every bound before anything is created: a refused value costs no time and leaves nothing.
        try plan.validate()
        let scope = CommandScope.start()
        let document = try PlanRunner.run(plan, scope: scope)
        try output.emit(document)
        try CommandScope.exitIfStopped(scope)
        if document.hasDataLoss { throw ExitCode(ExitStatus.dataLoss.rawValue) }
    }
}

/// A registered strategy name; an unknown one is refused with the list of valid names.
struct StrategyName: ExpressibleByArgument {
    let type: any AppendStrategy.Type

    init?(argument: String) {
        guard let type = StrategyRegistry.strategy(named: argument) else { return nil }
        self.type = type
    }

    init(_ type: any AppendStrategy.Type) { self.type = type }

    static var allValueStrings: [String] { StrategyRegistry.names }
    var defaultValueDescription: String { type.name }
}

extension SynchronousMode: ExpressibleByArgument {}
