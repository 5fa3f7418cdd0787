import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench compare BASELINE CURRENT`: the table only; it never fails on a regression (that is `check`).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two baselines or result documents per cell and metric (old, new, Δ, CI, p, verdict).",
        discussion: HelpExamples.block(
            "bench compare mine current.json", "bench compare old.json new.json --format markdown --tolerance 0.2"))

    @Argument(help: "Baseline name or path (a baseline or result document).")
    var baseline: String

    @Argument(help: "Current baseline name or path (a baseline or result document).")
    var current: String

    @Option(help: "Folder of baselines, for names.")
    var baselinesDir = BaselineStore.defaultDirectory

    @Option(help: "Output format: text, markdown, or json (the comparison, for scripts).")
    var format = ComparisonRendering.Format.text

    @OptionGroup var rules: GateRuleOptions

    func run() throws {
        let gateRules = try rules.makeRules(budgetMs: 1.0)
        let old = try BaselineStore.loadMeasurements(path: BaselineStore.resolve(baseline, directory: baselinesDir))
        let new = try BaselineStore.loadMeasurements(path: BaselineStore.resolve(current, directory: baselinesDir))
        let comparison = Comparison.compare(baseline: old, current: new, rules: gateRules)
        try writeOut(ComparisonRendering.render(comparison, format: format))
        // As benchstat does: say so when the trials cannot reach alpha, but keep the exit status.
        for warning in ComparisonRendering.blindWarning(comparison.blind) {
            FileHandle.standardError.write(Data("bench: warning: \(warning)\n".utf8))
        }
    }
}
