import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// `bench report` and `bench check` read the same derived figures: for every cell of one document,
/// the review table, the dashboard exports and the gate's comparison state the same median.
@Suite struct ReportCheckAgreementTests {
    /// Three trials of two strategies at two levels: trial values differ, so a consumer that
    /// averaged instead of reading the stored median would disagree.
    static func document() throws -> ResultDocument {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let base = TestSupport.workload(concurrency: 1, logs: 15)
        var plan = BenchPlan(
            strategies: [StrategyRegistry.defaultStrategy, DedicatedLogTable.self],
            workloads: BenchPlan.sweepWorkloads(
                base: base, concurrency: [1, 3], synchronous: [.normal], logsPerProducer: 15),
            trials: 3, temporaryDirectory: folder)
        plan.sweep = BenchPlan.Sweep()
        plan.sweep?.measureLimits = false
        plan.sweep?.safety = SafetyProbe(workers: 0)
        return try PlanRunner.run(plan)
    }

    /// The cells whose figure, as a consumer states it, is not the document's stored median.
    static func disagreements(_ summaries: [CellSummary], stated: (CellSummary) -> Double?) -> [String] {
        summaries.compactMap { summary in
            let stored = summary.metric(.throughputPerSec)?.median
            return stated(summary) == stored ? nil : "\(summary.key)"
        }
    }

    @Test func reportAndCheckStateTheSameMedians() throws {
        let document = try Self.document()
        let summaries = try #require(document.summaries)
        #expect(summaries.count == 4)
        #expect(summaries.allSatisfy { $0.metric(.throughputPerSec)?.trialValues.count == 3 })
        let set = MeasurementSet(source: "doc", result: document)
        let report = GateJudge.judge(current: set, baseline: set, rules: GateRules())
        let table = ReviewTable(document: document)
        let exports = CellAggregate.all(document)
        let gate = Self.disagreements(summaries) { summary in
            report.comparison.metrics.first { $0.key == summary.key && $0.metric == .throughputPerSec }?.new
        }
        #expect(gate.isEmpty, "check's medians differ for \(gate)")
        let export = Self.disagreements(summaries) { summary in
            exports.first { $0.strategy == summary.strategy && $0.concurrency == summary.concurrency }?.throughputPerSec
        }
        #expect(export.isEmpty, "the exports differ for \(export)")
        let headline = summaries.filter { $0.concurrency == table.headlineConcurrency }
        let review = Self.disagreements(headline) { summary in
            table.rows.first { $0.strategy == summary.strategy }?.throughputPerSec
        }
        #expect(review.isEmpty, "the review table differs for \(review)")

        // The same over-budget verdicts everywhere: a budget of 1 ns puts every cell over it.
        var tight = document
        tight.budgetNs = 1
        for index in tight.cells.indices { tight.cells[index].overheadNs?.budgetNs = 1 }
        DerivedFigures.apply(to: &tight)
        let over = tight.measuredCells.compactMap(\.overheadNs).filter { !Verdicts.withinBudget($0) }
        #expect(!over.isEmpty)
        #expect(TextSummary.render(tight).components(separatedBy: "OVER").count - 1 == over.count)
        #expect(MarkdownSummary.render(tight).components(separatedBy: "**over**").count - 1 == over.count)
        // Per summary (median over trials): the review table and the gate decide on the same cells.
        let overSummaries = try #require(tight.summaries).filter { summary in
            summary.metric(.overheadMeanNs).map { !Verdicts.withinBudget(meanOverheadNs: $0.median, budgetNs: 1) }
                ?? false
        }
        #expect(!overSummaries.isEmpty)
        let overInTable = ReviewTable(document: tight).rows.reduce(0) { $0 + ($1.overBudgetAt?.count ?? 0) }
        #expect(overInTable == overSummaries.count)
        var rules = GateRules()
        rules.budgetMs = 1e-6
        let judged = GateJudge.judge(current: MeasurementSet(source: "doc", result: tight), baseline: set, rules: rules)
        #expect(Set(judged.findings.filter { $0.rule == .budget }.compactMap(\.key)) == Set(overSummaries.map(\.key)))
    }

    @Test func aDisagreeingConsumerIsCaught() throws {
        // The agreement check can fail: a consumer that averages the trials instead of reading the
        // stored median disagrees wherever the three trial values are not symmetric.
        let summaries = try #require(try Self.document().summaries)
        let averaging = Self.disagreements(summaries) { summary in
            summary.metric(.throughputPerSec).map { $0.trialValues.reduce(0, +) / Double($0.trialValues.count) }
        }
        #expect(!averaging.isEmpty)
    }
}
