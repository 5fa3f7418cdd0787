import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchRun
@testable import LogBenchStore
@testable import LogBenchStrategies

/// A sweep's growth cells go through the one pipeline: the log is pre-filled by the store, the
/// producer appends through the strategy, and the audit accounts for every entry, pre-filled ones
/// included. Verdicts only, no timing.
@Suite struct GrowthCellTests {
    @Test(
        "growth cells are audited cells: the pre-filled entries and the appends are all found",
        arguments: [
            Names.queue, Names.logTable,
        ])
    func growthCellsAreAudited(strategy: String) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        var request = PlanRequest()
        request.strategies = [strategy]
        request.concurrency = [1]
        request.logsPerProducer = 5
        request.measureReference = false
        request.temporaryDirectory = folder
        var sweep = BenchPlan.Sweep()
        sweep.measureLimits = false
        sweep.growthSizes = [0, 150]
        sweep.growthAppends = 10
        sweep.safety = SafetyProbe(workers: 0, crashTrials: 0)
        request.sweep = sweep
        let document = try PlanRunner.run(try request.makePlan())
        let cells = document.cells.filter { $0.role == .growth }
        #expect(cells.map { $0.workload.prefillEntries } == [0, 150])
        #expect(cells.map(\.audit.stored) == [10, 160])
        #expect(cells.allSatisfy { !$0.audit.hasDataLoss && $0.audit.expected == $0.audit.stored })
        #expect(document.growth?.map(\.logSize) == [0, 150])
        #expect(document.growth?.allSatisfy { $0.dataLossEntries == 0 } == true)
        // Growth cells are not points of the sweep: no summary, no verdict.
        #expect(document.summaries?.allSatisfy { $0.workload.prefillEntries == nil } == true)
    }

    @Test("a pre-filled entry that went missing is data loss")
    func missingPrefilledEntryIsLoss() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        var workload = Workload(concurrency: 1, logsPerProducer: 1)
        workload.prefillEntries = 30
        let database = try SQLiteCellDatabase(
            path: folder + "/growth.db", settings: ConnectionSettings(synchronous: .normal, busyTimeoutMs: 1000),
            runIDs: [1])
        defer { database.close(finished: true) }
        try database.prefill(run: 1, entries: workload.prefill(run: 1), layout: .logTable, codec: .fast)
        let intact = try DatabaseAudit.audit(workload: workload, sent: SentLog()) {
            try database.entries(run: $0, layout: .logTable)
        }
        #expect(intact.stored == 30 && !intact.hasDataLoss)
        try database.admin().execute("DELETE FROM log_entries WHERE producer = \(Workload.prefillProducer) AND seq = 7")
        let damaged = try DatabaseAudit.audit(workload: workload, sent: SentLog()) {
            try database.entries(run: $0, layout: .logTable)
        }
        #expect(damaged.lost == 1)
    }
}
