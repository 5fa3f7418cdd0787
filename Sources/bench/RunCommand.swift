import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench run` (the default): measure one strategy at one concurrency and audit every entry.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the append workload with one strategy and audit the database.",
        discussion: HelpExamples.block(
            "bench --strategy queue --concurrency 20",
            "bench --adapter \"python3 Adapters/python/seed.py queue\" --concurrency 20",
            "bench run --strategy queue --ack accepted --rate 2000 --duration-s 5 --format json --output run.json"))

    @Option(help: "Strategy (one): \(StrategyRegistry.names.joined(separator: ", ")) (default: queue).")
    var strategy: [StrategyList] = []

    @OptionGroup var workload: WorkloadOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var execution: ExecutionOptionGroup

    @Option(
        help: """
            Keep the database at this path (must not exist yet). Default: a temporary file, removed. \
            With --engine postgres: keep the cell's schema under this name (logbench_…, must not exist), \
            or `auto` for a fresh name; its name is printed.
            """)
    var db: String?

    @Option(
        help: "Trials per cell (1…1000, default 1), each on a fresh database; the JSON carries per-cell summaries.")
    var trials: Int?

    @Flag(help: "Do not measure the `none` reference (no overhead figures).")
    var noReference = false

    func run() throws {
        var request = try workload.makeRequest(autoRounds: true)
        guard request.concurrency.count == 1 else {
            throw UsageError(
                "--concurrency takes one value for bench run (got "
                    + request.concurrency.map(String.init).joined(separator: ",")
                    + "); bench matrix and bench check sweep levels")
        }
        let strategies = try StrategyList.flatten(strategy)
        guard strategies.count <= 1 else {
            throw UsageError(
                "--strategy takes one value for bench run (got \(strategies.joined(separator: ","))); "
                    + "bench matrix and bench check sweep strategies")
        }
        if request.engine == .sqlite, let db, let written = output.output {
            // The kept database and the results must not be one file: one would destroy the other.
            try OutputPath.checkDistinct([try OutputPath(db, flag: "--db"), try OutputPath(written, flag: "--output")])
        }
        guard strategies.count + request.adapters.count <= 1 else {
            throw UsageError("bench run measures one design: give --strategy or --adapter, not both")
        }
        request.strategies = request.adapters.isEmpty ? [strategies.first ?? StrategyRegistry.defaultStrategy.name] : []
        request.trials = trials ?? 1
        request.measureReference = !noReference
        request.keepDatabaseAt = try db.map { try KeptDatabase.resolve($0, engine: request.engine) }
        request.execution = try execution.makeOptions()
        if request.execution.crash != nil {
            if trials != nil { throw UsageError("--trials does not go with --crash: give --crash-trials") }
            // Each crash trial is a fresh database; overhead against `none` means nothing under a kill.
            request.trials = execution.crashTrials
            request.measureReference = false
        }
        try output.checkWritable()
        // Every bound before anything is created: a refused value costs no time and leaves nothing.
        let plan = try request.makePlan()
        let workload = plan.workloads[0]
        let keep = plan.keepDatabaseAt
        if let keep, workload.engine == .postgres {
            // Named before anything runs, so that a run that is stopped or dies still said where it wrote.
            FileHandle.standardError.write(
                Data("bench: the cell's schema is \(keep) (kept when the run finishes)\n".utf8))
        }
        let scope = CommandScope.start()
        // Several trials take a while: a redrawn progress line with an ETA on a terminal.
        let printer = MatrixProgressPrinter.terminalOnly()
        let document = try PlanRunner.run(plan, scope: scope, progress: plan.trials > 1 ? printer.show : { _ in })
        try output.emit(document)
        if let keep, workload.engine == .postgres, document.complete {
            FileHandle.standardError.write(Data("bench: kept PostgreSQL schema \(keep)\n".utf8))
        }
        try CommandScope.exitIfStopped(scope)
        try AppenderFailures.exitIfAny(document)
        let status = Verdicts.exitStatus(document, reading: .measurement)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

extension SynchronousMode: ExpressibleByArgument {}
