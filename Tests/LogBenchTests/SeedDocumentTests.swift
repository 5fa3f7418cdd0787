import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The measurements behind the rest of the seed's document (issue 18): refused writes, call order,
/// and the decision table read from a seed-claims document. Behaviour only, no timing.
@Suite(.serialized) struct SeedDocumentTests {
    static func refusedPlan(_ strategies: [any BuiltInStrategy.Type], engine: EngineKind) throws -> BenchPlan {
        var workload = Workload(concurrency: 4, logsPerProducer: 6, engine: engine)
        workload.rejectedSeq = 3
        var plan = BenchPlan(strategies: strategies, workloads: [workload], measureReference: false)
        if engine == .postgres { plan.execution.databaseURL = try PGTestServer.requireURL() }
        return plan
    }

    static func expectRefusalsReachCallers(_ document: ResultDocument) {
        #expect(!document.cells.isEmpty)
        for cell in document.cells {
            // One refused entry per producer; a batch design fails the batch it was in.
            #expect(cell.audit.failed >= cell.concurrency, "\(cell.strategy): \(cell.audit)")
            #expect(cell.errors.contains { $0.contains(RejectedWrites.message) }, "\(cell.strategy): \(cell.errors)")
            // Nothing acknowledged is lost, and no refused entry was stored: every entry stored or failed.
            guard cell.strategy != DesignTraits.unfixedName else { continue }
            #expect(cell.audit.lost == 0 && !cell.audit.hasDataLoss, "\(cell.strategy): \(cell.audit)")
            #expect(cell.audit.stored + cell.audit.failed == cell.audit.expected, "\(cell.strategy): \(cell.audit)")
        }
    }

    @Test("a write SQLite refuses reaches its caller as an error in every design; nothing acknowledged is lost")
    func refusedWritesReachCallers() throws {
        Self.expectRefusalsReachCallers(try PlanRunner.run(try Self.refusedPlan(StrategyRegistry.all, engine: .sqlite)))
    }

    @Test(
        "a write PostgreSQL refuses reaches its caller as an error in every design",
        .enabled(if: PGTestServer.url != nil || PGTestServer.isCI, "LOGBENCH_DATABASE_URL is not set"))
    func refusedWritesReachCallersPostgres() throws {
        let plan = try Self.refusedPlan(StrategyRegistry.postgres, engine: .postgres)
        Self.expectRefusalsReachCallers(try PlanRunner.run(plan))
    }

    @Test("call order: inverted pairs counted, and the widest gap between their calls")
    func callOrderInversions() {
        #expect(CallOrder.inversions([1, 2, 3]) == (0, 0))
        #expect(CallOrder.inversions([3, 1, 2]) == (2, 2))
        #expect(CallOrder.inversions([5, 4, 3, 2, 1]) == (10, 4))
        let stored = [10, 30, 20].map {
            StoredEntry(producer: $0 / 10 - 1, seq: 0, level: "info", message: "m", ts: Int64($0))
        }
        let sent: [Int: [SentLog.Outcome]] = [0: [.acknowledged], 1: [.acknowledged], 2: [.acknowledged]]
        let audit = Audit.classify(run: 1, sent: sent.mapValues { SentLog.Calls(outcomes: $0) }, stored: stored) {
            _, _ in ("info", "m")
        }
        #expect(audit.callOrderInversions == 1 && audit.maxInversionGapNs == 10 && audit.outOfOrder == 0)
    }

    @Test("lines of code are counted from the design's own file, comments and blank lines aside")
    func designFactsAreCounted() throws {
        let facts = DesignFactsCount.facts(engine: .sqlite)
        for type in StrategyRegistry.all {
            let fact = try #require(facts.first { $0.name == type.name })
            #expect(FileManager.default.fileExists(atPath: GateFixtures.repositoryRoot + "/" + fact.sourceFile))
            #expect((fact.codeLines ?? 0) > 0 && !fact.platforms.isEmpty && !fact.platformSource.isEmpty)
            #expect(fact.postgresForm != nil)
        }
        #expect(DesignFactsCount.codeLines("Sources/LogBenchStrategies/does-not-exist.swift") == nil)
        // A PostgreSQL form is counted with the statement class it names.
        let lock = try #require(DesignFactsCount.facts(engine: .postgres).first { $0.name == "lock" })
        #expect(
            lock.sourceFile.hasSuffix(
                "PGAdvisoryLock.swift + Sources/LogBenchStrategies/Postgres/PGAdvisoryLockAppend.swift"))
    }
}
