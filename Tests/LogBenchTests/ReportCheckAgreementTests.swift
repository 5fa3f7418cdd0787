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

    @Test func reportAndCheckStateTheSameMedians() throws {
        let document = try Self.document()
        let summaries = try #require(document.summaries)
        #expect(summaries.count == 4)
        let set = MeasurementSet(source: "doc", result: document)
        let report = GateJudge.judge(current: set, baseline: set, rules: GateRules())
        let table = ReviewTable(document: document)
        let exports = CellAggregate.all(document)
        for summary in summaries {
            let stored = try #require(summary.metric(.throughputPerSec)?.median)
            let trialValues = try #require(summary.metric(.throughputPerSec)?.trialValues)
            #expect(trialValues.count == 3)
            let gate = report.comparison.metrics.first { $0.key == summary.key && $0.metric == .throughputPerSec }
            #expect(gate?.new == stored, "check's median for \(summary.key)")
            let export = exports.first { $0.strategy == summary.strategy && $0.concurrency == summary.concurrency }
            #expect(export?.throughputPerSec == stored, "export's figure for \(summary.key)")
            if summary.concurrency == table.headlineConcurrency {
                let row = try #require(table.rows.first { $0.strategy == summary.strategy })
                #expect(row.throughputPerSec == stored, "report's figure for \(summary.key)")
            }
        }
    }

    @Test func aDisagreeingConsumerIsCaught() throws {
        // The check above can fail: a mean of three distinct trial values is not their median.
        let values = [1.0, 2.0, 9.0]
        let summary = try #require(MetricSummary(trialValues: values))
        #expect(summary.median != values.reduce(0, +) / 3)
    }
}
