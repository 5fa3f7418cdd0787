import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Every strategy that claims correctness stores every entry exactly once, repeatedly; `none` does not.
@Suite("Strategies under concurrency", .serialized)
struct StrategyCorrectnessTests {
    static let correct = StrategyRegistry.all.filter { $0 != NoCoordination.self }.map { $0.name }

    @Test("stores every entry exactly once", arguments: correct, [1, 20])
    func storesEverything(strategyName: String, concurrency: Int) throws {
        let strategy = try #require(StrategyRegistry.strategy(named: strategyName))
        for _ in 0..<3 {
            let cell = try TestSupport.runCell(strategy, TestSupport.workload(concurrency: concurrency))
            #expect(cell.audit.expected == concurrency * 20)
            #expect(cell.audit.stored == cell.audit.expected, "\(strategyName) stored \(cell.audit)")
            #expect(!cell.audit.hasDataLoss)
            #expect(cell.audit.failed == 0, "errors: \(cell.errors)")
            #expect(cell.audit.outOfOrder == 0)
        }
    }

    @Test("runs do not share entries", arguments: correct)
    func severalRuns(strategyName: String) throws {
        let strategy = try #require(StrategyRegistry.strategy(named: strategyName))
        let cell = try TestSupport.runCell(strategy, TestSupport.workload(concurrency: 6, logs: 10, runs: 3))
        #expect(cell.audit.stored == 60)
        #expect(!cell.audit.hasDataLoss)
    }

    @Test("none loses entries at concurrency 20, as the seed saw")
    func noCoordinationLoses() throws {
        let cell = try TestSupport.runCell(NoCoordination.self, TestSupport.workload(concurrency: 20))
        #expect(cell.audit.lost > 0)
        #expect(cell.audit.stored < cell.audit.expected)
        #expect(cell.audit.hasDataLoss)
    }

    @Test("group commit counts its commits: every measured entry in one, fewer commits than entries at c=20")
    func groupCommitsAreCounted() throws {
        for strategy in [GroupCommitLogTable.self, GroupCommitQueue.self] as [any BuiltInStrategy.Type] {
            var workload = TestSupport.workload(concurrency: 20, logs: 20)
            workload.rounds = 2
            let cell = try TestSupport.runCell(strategy, workload)
            let commits = try #require(cell.counters.groupCommits)
            #expect(cell.counters.groupCommittedEntries == 2 * 20 * 20, "\(strategy.name)")
            #expect(commits >= 2 && commits <= 800, "\(strategy.name): \(commits) commits")
            #expect(TextSummary.render(cell).contains("entries per commit"))
        }
        let single = try TestSupport.runCell(PerRunQueue.self, TestSupport.workload(concurrency: 4))
        #expect(single.counters.groupCommits == nil)
        #expect(!TextSummary.render(single).contains("entries per commit"))
    }

    @Test("queue strategies report their largest pending queue")
    func queueDepth() throws {
        let cell = try TestSupport.runCell(PerRunQueue.self, TestSupport.workload(concurrency: 8))
        let pending = try #require(cell.memory.maxPendingPerRun)
        #expect((1...8).contains(pending))
    }

    @Test("a kept database holds exactly what the audit counted")
    func keptDatabaseMatchesAudit() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        for strategy in [AtomicJSONAppend.self, DedicatedLogTable.self] as [any BuiltInStrategy.Type] {
            let path = "\(folder)/\(strategy.name).db"
            let cell = try TestSupport.runCell(strategy, TestSupport.workload(concurrency: 4), keepAt: path)
            let connection = try Connection(
                path: path, settings: ConnectionSettings(synchronous: .normal, busyTimeoutMs: 1000))
            let rows = try connection.scalar("SELECT count(*) FROM log_entries")
            let arrayEntries = try connection.scalar("SELECT coalesce(sum(json_array_length(logs)), 0) FROM runs")
            #expect(Int(rows + arrayEntries) == cell.audit.stored)
            #expect(cell.audit.stored == 80)
        }
    }
}
