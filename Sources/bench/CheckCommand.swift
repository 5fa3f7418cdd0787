import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench check`: the gate. Runs the matrix (or reads --current), applies the rules, exits 0/2/3.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Gate: data loss (exit 3), budget and regression against a baseline (exit 2).",
        discussion: HelpExamples.block(
            "bench check --baseline mine --strategy queue --concurrency 1,2 --trials 10 --keep-results current.json",
            "bench check --baseline Baselines/ci.json --current current.json --format markdown --report gate.md"))

    @Option(help: "Baseline name (in --baselines-dir) or path to a baseline or result document.")
    var baseline: String

    @Option(help: "Folder of baselines, for names.")
    var baselinesDir = BaselineStore.defaultDirectory

    @Option(help: "Judge this result document instead of running (no remeasurement possible).")
    var current: String?

    @Option(help: "With --current: a second measurement of the current side, used for the cells that fail.")
    var currentRetry: String?

    @Option(help: "With --current-retry: the matching second measurement of the baseline side.")
    var baselineRetry: String?

    @Option(help: "Report format: text, markdown, or json (the verdict, findings and comparison, for scripts).")
    var format = ComparisonRendering.Format.text

    @Option(help: "Also write the report to this file (must not exist unless --force).")
    var report: String?

    @Option(
        help: "Keep this run's result document here (must not exist unless --force); a remeasurement goes beside it.")
    var keepResults: String?

    @Flag(help: "Allow --report and --keep-results to replace existing files.")
    var force = false

    @OptionGroup var rules: GateRuleOptions
    @OptionGroup var matrix: GateCellOptions
    @OptionGroup var workload: WorkloadOptions

    func run() throws {
        let scope = CommandScope.start()
        let gateRules = try rules.makeRules(budgetMs: workload.budgetMs)
        if current == nil && (currentRetry != nil || baselineRetry != nil) {
            throw UsageError("--current-retry and --baseline-retry need --current")
        }
        if let keepResults {
            try ResultCoding.checkWritable(keepResults, flag: "--keep-results", replace: force)
            try ResultCoding.checkWritable(Self.remeasurePath(keepResults), flag: "--keep-results", replace: force)
        }
        if let report { try ResultCoding.checkWritable(report, flag: "--report", replace: force) }
        try OutputPath.checkDistinct([
            try keepResults.map { try OutputPath($0, flag: "--keep-results") },
            try keepResults.map { try OutputPath(Self.remeasurePath($0), flag: "--keep-results") },
            try report.map { try OutputPath($0, flag: "--report") },
        ])
        if current != nil { try MeasuringFlags.refuse(alongside: "--current", extra: ["--keep-results"]) }
        if baselineRetry != nil && currentRetry == nil {
            throw UsageError("--baseline-retry is the baseline side of --current-retry; give both")
        }
        var plan = current == nil ? try matrix.makePlan(workload) : nil
        let baselineSet = try BaselineStore.loadMeasurements(
            path: BaselineStore.resolve(baseline, directory: baselinesDir))
        // Before measuring: trials that cannot reach --alpha would make a gate that cannot fail.
        if plan != nil { try matrix.ensureDetectable(&plan!, baseline: baselineSet, alpha: gateRules.alpha) }
        let gateReport: GateReport
        let currentSet: MeasurementSet
        if let current {
            currentSet = try BaselineStore.loadMeasurements(path: current)
            gateReport = GateJudge.judge(
                current: currentSet, baseline: baselineSet,
                retry: try currentRetry.map { try BaselineStore.loadMeasurements(path: $0) },
                baselineRetry: try baselineRetry.map { try BaselineStore.loadMeasurements(path: $0) },
                rules: gateRules)
        } else {
            // One redrawn progress line with an ETA on a terminal (as matrix has); nothing for scripts.
            let printer = MatrixProgressPrinter.terminalOnly()
            let outcome = try GateRunner.run(
                plan: plan!, baseline: baselineSet, rules: gateRules, scope: scope, progress: printer.show
            ) { line in
                FileHandle.standardError.write(Data("bench check: \(line)\n".utf8))
            }
            try AppenderFailures.exitIfAny(outcome.first)
            if let remeasured = outcome.remeasurement { try AppenderFailures.exitIfAny(remeasured) }
            if let keepResults {
                try ResultCoding.write(
                    ResultCoding.encode(outcome.first), to: keepResults, replace: force, flag: "--keep-results")
                if let retry = outcome.remeasurement {
                    try ResultCoding.write(
                        ResultCoding.encode(retry), to: Self.remeasurePath(keepResults), replace: force,
                        flag: "--keep-results")
                }
            }
            gateReport = outcome.report
            currentSet = MeasurementSet(source: "this run", result: outcome.first)
        }
        for line in currentSet.adapterChanges(since: baselineSet) {
            FileHandle.standardError.write(Data("bench check: \(Escaping.terminal(line))\n".utf8))
        }
        let text = ComparisonRendering.render(gateReport, format: format)
        try writeOut(text)
        if let report { try ResultCoding.write(Data(text.utf8), to: report, replace: force, flag: "--report") }
        if gateReport.exitStatus != .success { throw ExitCode(gateReport.exitStatus.rawValue) }
    }

    static func remeasurePath(_ keepResults: String) -> String { keepResults + ".remeasure.json" }
}
