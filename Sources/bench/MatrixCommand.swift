import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench matrix`: strategies × concurrency (× synchronous × trials) into one result document, with
/// the SQLite limit measured in the same run and, with --growth, latency against the log's size.
struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Sweep strategies and concurrency levels into one result document for `bench report`.",
        discussion: HelpExamples.after(
            """
            Exit codes: 0 the matrix finished (data loss is a finding here, shown by `bench report`, \
            not a failure) · 3 failed writes in a design asked for (a call threw; --allow-failed reports \
            them without failing; the document is written either way) · 129/130/143 stopped by SIGHUP/SIGINT/SIGTERM: the cells that finished are \
            written with "complete": false (a second signal stops at once and writes nothing) · \
            64 usage error · 69 database server unavailable · 70 internal, SQLite or PostgreSQL failure.
            """,
            "bench matrix --strategy all --concurrency 1,2,5,10,20 --growth 100,1000 --trials 3 --output matrix.json",
            "bench matrix --strategy queue,transaction --mode processes --concurrency 4 --output processes.json",
            "bench matrix --engine postgres --strategy log-table,lock --concurrency 1,20 --output pg.json"))

    @Option(
        help: """
            Strategies: repeatable, each a name or a comma list of \(StrategyRegistry.names.joined(separator: ", ")), \
            or all (default: all).
            """)
    var strategy: [StrategyList] = []

    /// Before 0.5.0: `--strategies a,b`. Now `--strategy a,b` (or repeated).
    @Option(help: .hidden)
    var strategies: StrategyList?

    @Option(help: "Producer counts: repeatable, each a number or a comma list (each 1…4096; default 1,2,5,10,20,50).")
    var concurrency: [LevelList] = []

    @Option(help: "Comma-separated PRAGMA synchronous settings: off, normal, full.")
    var synchronous = "normal"

    @Option(
        help: """
            Entries each producer appends (1…10000000). Default: 1000 entries per cell divided among the \
            producers (rounded up), so every run's log ends at the same size at every concurrency.
            """)
    var logsPerProducer: Int?

    @Option(help: "Runs the producers are spread over (round-robin; 1…the smallest concurrency).")
    var runs = 1

    @Option(help: "Repetitions of every cell, interleaved (1…1000; at most 100000 steps in all).")
    var trials = 1

    @Option(
        help:
            "Comma-separated log sizes (each 0…1000000): measure latency per append with the run's log pre-filled to each."
    )
    var growth: String?

    @Option(help: "Timed appends per strategy and log size in the growth measurement (1…100000).")
    var growthAppends = 20

    @Option(help: "Worker processes for the process-safety and crash runs of each strategy (0…256; 0 skips them).")
    var safetyWorkers = 8

    @Option(help: "Crash trials per strategy (0…100): one worker SIGKILLed mid-run on a fresh database.")
    var safetyCrashTrials = 3

    @Option(help: "How producers run: threads (of this process), processes (one worker process each) or tasks.")
    var mode = ExecutionMode.threads

    @OptionGroup var entry: EntryOptions

    @Option(help: "Write the result document (JSON) here.")
    var output: String

    @Flag(help: "Allow --output to replace an existing file.")
    var force = false

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func run() throws {
        let plan = try makePlan()
        try plan.validate()
        try ResultCoding.checkWritable(output, flag: "--output", replace: force)
        let scope = CommandScope.start()
        let printer = MatrixProgressPrinter(quiet: quiet)
        let document = try PlanRunner.run(plan, scope: scope, progress: printer.show)
        try ResultCoding.write(try ResultCoding.encode(document), to: output, replace: force, flag: "--output")
        let wall = document.matrix.map { Units.duration(ns: $0.wallTimeNs) } ?? "?"
        if !document.complete {
            printer.finish()
            FileHandle.standardError.write(
                Data(
                    "bench: matrix stopped after \(document.cells.count) cells (\(wall)); wrote \(output) marked incomplete\n"
                        .utf8))
            try CommandScope.exitIfStopped(scope)
        }
        if !quiet {
            FileHandle.standardError.write(
                Data("bench: wrote \(output): \(document.cells.count) cells in \(wall)\n".utf8))
        }
        try AppenderFailures.exitIfAny(document)
        // Loss is a finding of a sweep; failed writes mean the measurement itself broke (a full disk).
        let failing = Verdicts.failingCells(document, reading: .sweep)
        if !failing.isEmpty {
            FileHandle.standardError.write(
                Data(
                    "bench: \(failing.count) cells had failed writes (see the report); --allow-failed accepts them\n"
                        .utf8))
            throw ExitCode(Verdicts.exitStatus(document, reading: .sweep).rawValue)
        }
    }

    func makePlan() throws -> BenchPlan {
        var request = PlanRequest()
        entry.apply(to: &request)
        var lists = strategy
        if let strategies {
            DeprecatedFlag.note("--strategies", use: "--strategy (repeatable, or a comma list)")
            guard strategy.isEmpty else {
                throw UsageError("give the strategies once: --strategy (--strategies is its old name)")
            }
            lists = [strategies]
        }
        let names = try StrategyList.flatten(lists)
        // No design named: every built-in one, unless adapters were given (then just those).
        request.strategies =
            names.isEmpty && !entry.adapter.isEmpty
            ? [] : names.isEmpty || names == StrategyRegistry.names ? ["all"] : names
        let levels = try LevelList.flatten(concurrency)
        request.concurrency = levels.isEmpty ? [1, 2, 5, 10, 20, 50] : levels
        request.synchronous = try Self.parseList(synchronous, flag: "--synchronous") { SynchronousMode(rawValue: $0) }
        request.logsPerProducer = logsPerProducer
        request.runs = runs
        request.trials = trials
        request.execution.mode = mode
        var sweep = BenchPlan.Sweep()
        sweep.growthSizes = try growth.map { try Self.parseList($0, flag: "--growth") { Int($0) } } ?? []
        sweep.growthAppends = growthAppends
        sweep.safety = SafetyProbe(workers: safetyWorkers, crashTrials: safetyCrashTrials)
        request.sweep = sweep
        return try request.makePlan()
    }

    /// Comma-separated values, each parsed by `parse`; duplicates are refused (they would mean twice the work).
    static func parseList<T: Equatable>(_ text: String, flag: String, _ parse: (String) -> T?) throws -> [T] {
        var values: [T] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard let value = parse(item) else { throw UsageError("\(flag): '\(item)' is not a valid value") }
            guard !values.contains(value) else { throw UsageError("\(flag): '\(item)' is given twice") }
            values.append(value)
        }
        return values
    }
}
