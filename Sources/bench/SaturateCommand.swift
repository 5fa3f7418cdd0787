import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench saturate`: the highest open-loop rate each strategy sustains (see `Saturation`).
/// What `saturate` writes: the searches as text, or the whole result document.
enum SaturateFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct SaturateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saturate",
        abstract: "Raise the offered rate step by step until a strategy no longer keeps up; report the knee.",
        discussion: HelpExamples.after(
            """
            Each step is an open-loop cell on a fresh database: every producer sends at the step's rate for \
            --step-duration-s seconds. The rate is multiplied by --factor while steps are sustained, then \
            --refine-steps bisection steps narrow the knee to within 5 %. Every step is measured twice, and a \
            third time when the two disagree: the majority decides. A step is sustained when the producers \
            kept their schedule, pending did not grow (the median of the send phase's last tenth of samples \
            at most 2 × producers above that of its first tenth), nothing was lost, abandoned or failed, and \
            the p99 durability lag stayed within --lag-budget-ms. No new step starts after --max-total-s per strategy. \
            One SIGINT or SIGTERM stops it between steps: the finished steps are written (marked incomplete) \
            and it exits 128 + the signal. Exit codes: 0 done · 64 usage error · 69 database server \
            unavailable · 70 internal, SQLite or PostgreSQL failure · 74 output not written (disk full) · \
            130/143 stopped by a signal.
            """,
            "bench saturate --strategy queue --concurrency 20",
            "bench saturate --strategy queue,queue-batch,log-table --step-duration-s 1 --format json --output knee.json"
        ))

    @Option(help: "Strategies to search: repeatable, each a name or a comma list (default: queue).")
    var strategy: [StrategyList] = []

    @Option(help: "Producer threads (one value, 1…4096; default 20).")
    var concurrency: [LevelList] = []

    @Option(help: "Acknowledgement point of every step: accepted or durable.")
    var ack = AckPoint.accepted

    @Option(help: "Budget for the p99 durability lag, in milliseconds (more than 0, at most 600000).")
    var lagBudgetMs = 100.0

    @Option(help: "First rate, entries per second per producer (0.1…1000000).")
    var startRate = 5.0

    @Option(help: "Rate multiplier between steps while they are sustained (1.1…16).")
    var factor = 2.0

    @Option(help: "Seconds each step sends (0.2…600; default 2).")
    var stepDurationS: Double?

    /// Before 0.5.0: `--step-duration S`. Now `--step-duration-s S`.
    @Option(help: .hidden)
    var stepDuration: Double?

    @Option(help: "Steps of the rising phase at most (1…40).")
    var maxSteps = 12

    @Option(help: "Bisection steps between the last sustained and the first unsustained rate (0…10).")
    var refineSteps = 5

    @Option(help: "No new step starts after this many seconds per strategy (more than 0, at most 86400).")
    var maxTotalS = 180.0

    @Option(help: "Runs the producers are spread over (round-robin; 1…concurrency).")
    var runs = 1

    @Option(help: "PRAGMA synchronous: off, normal or full.")
    var synchronous = SynchronousMode.normal

    @Option(help: "Bound each run's queue to N pending entries (1…10000000); callers wait for room.")
    var maxPending: Int?

    @OptionGroup var entry: EntryOptions

    @Option(help: "Output format: text or json (the result document, with every step's cell).")
    var format = SaturateFormat.text

    @Option(help: "Write the output to this file instead of standard output (refuses to overwrite).")
    var output: String?

    @Flag(help: "Allow --output to replace an existing file.")
    var force = false

    func run() throws {
        if let output { try ResultCoding.checkWritable(output, flag: "--output", replace: force) }
        let stepSeconds =
            try DeprecatedFlag.resolve(
                old: ("--step-duration", stepDuration), new: ("--step-duration-s", stepDurationS))
            ?? 2.0
        var request = PlanRequest()
        entry.apply(to: &request)
        request.strategies = try StrategyList.flatten(strategy)
        request.concurrency = [try LevelList.single(concurrency, default: 20, command: "saturate")]
        request.runs = runs
        request.synchronous = [synchronous]
        request.load.maxPending = maxPending
        request.measureReference = false
        let plans = try request.makeSaturationPlans { plan in
            plan.ack = ack
            plan.lagBudgetNs = lagBudgetMs * 1e6
            plan.startRate = startRate
            plan.factor = factor
            plan.stepDurationS = stepSeconds
            plan.maxSteps = maxSteps
            plan.refineSteps = refineSteps
            plan.maxTotalS = maxTotalS
        }
        let scope = CommandScope.start()
        let session = MeasurementSession(scope: scope, temporaryDirectory: entry.tmpDir)
        for plan in plans where session.stopSignal == nil {
            try Saturation.run(plan, session: session) { step in
                let rate = LoadProfile.number(step.ratePerProducer.rounded(toPlaces: 1))
                let verdict = step.sustained ? "sustained" : "not sustained"
                FileHandle.standardError.write(
                    Data(
                        "saturate \(plan.strategy.name) (\(entry.engine.displayName)): \(rate)/s per producer → \(verdict)\n"
                            .utf8))
            }
        }
        // A signal: the finished steps are written (the document says it is incomplete), then 128 + signal.
        let document = try session.finish()
        let data =
            format == .json
            ? try ResultCoding.encode(document) : Data(SaturationText.render(document.saturation ?? []).utf8)
        if let output {
            try ResultCoding.write(data, to: output, replace: force)
        } else {
            try ResultCoding.writeStandardOutput(data)
        }
        try CommandScope.exitIfStopped(scope)
    }
}
