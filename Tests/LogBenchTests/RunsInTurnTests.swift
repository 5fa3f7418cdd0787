import Foundation
import Testing

@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStrategies

/// Closed loop, several runs a round (`--runs-in-turn`, issue 17: a default window long enough to
/// repeat, whose rounds' tails do not dominate): each producer writes its share of one run, then the
/// next, without a barrier; every run keeps the seed's size and every entry is audited.
@Suite struct RunsInTurnTests {
    @Test("each producer's entries go to its runs in turn; every run holds concurrency × logs / runs")
    func runsKeepTheirSize() {
        var workload = Workload(concurrency: 4, logsPerProducer: 10, runs: 2)
        workload.writeRunsInTurn(3)
        #expect(workload.logsPerProducer == 30 && workload.logsPerRun == 10)
        #expect(workload.runsInTurn == 3 && workload.runsPerRound == 6)
        workload.rounds = 2
        let second = workload.inRound(1)
        #expect(second.measuredRunIDs == Array(7...12))
        var perRun: [Int: Int] = [:]
        for producer in 0..<4 {
            for seq in 0..<30 { perRun[second.run(ofProducer: producer, seq: seq), default: 0] += 1 }
        }
        #expect(perRun == Dictionary(uniqueKeysWithValues: (7...12).map { ($0, 4 * 10 / 2) }))
        #expect(second.run(ofProducer: 1, seq: 9) == 8 && second.run(ofProducer: 1, seq: 10) == 10)
        // Writing one run a round leaves the workload (and its documents) as they were.
        var one = Workload(concurrency: 4)
        one.writeRunsInTurn(1)
        #expect(one == Workload(concurrency: 4))
    }

    @Test("every entry of every run of every round is audited; loss is still found")
    func auditedAcrossRuns() throws {
        var workload = TestSupport.workload(concurrency: 4, logs: 10, runs: 2)
        workload.writeRunsInTurn(3)
        workload.rounds = 2
        let queue = try TestSupport.runCell(PerRunQueue.self, workload)
        #expect(queue.audit.expected == 2 * 4 * 30 && queue.audit.stored == 2 * 4 * 30)
        #expect(!queue.audit.hasDataLoss)
        let batch = try TestSupport.runCell(GroupCommitQueue.self, workload)
        #expect(batch.audit.stored == 2 * 4 * 30 && !batch.audit.hasDataLoss)

        var contended = TestSupport.workload(concurrency: 8, logs: 20)
        contended.writeRunsInTurn(4)
        let unsafe = try TestSupport.runCell(NoCoordination.self, contended)
        #expect(unsafe.audit.expected == 8 * 80)
        #expect(unsafe.audit.stored + unsafe.audit.lost == unsafe.audit.expected)
        #expect(unsafe.audit.lost > 0)
    }

    @Test("--rounds auto: PostgreSQL's log-table writes ~500 entries per producer a round; others one run")
    func defaults() throws {
        let logTable = [StrategyDescriptor(PGDedicatedLogTable.self)]
        #expect(logTable[0].writesRunsInTurnByDefault)
        // SQLite serializes its writers: the same design keeps one run a round there.
        #expect(StrategyDescriptor(DedicatedLogTable.self).sharesNothingPerRun)
        #expect(!StrategyDescriptor(DedicatedLogTable.self).writesRunsInTurnByDefault)
        let perRun: [any BuiltInStrategy.Type] = [
            PerRunQueue.self, GroupCommitLogTable.self, NoCoordination.self, ImmediateTransaction.self,
            PGGroupCommitLogTable.self, PGPerRunQueue.self,
        ]
        for design in perRun {
            #expect(!StrategyDescriptor(design).sharesNothingPerRun, "\(design.name)")
            #expect(!StrategyDescriptor(design).writesRunsInTurnByDefault, "\(design.name)")
        }
        var request = PlanRequest()
        request.concurrency = [20]
        request.rounds = .auto
        // Producers of a per-run design spread over runs would meet less contention than the seed's tasks.
        let mixed = [StrategyDescriptor(PGPerRunQueue.self)] + logTable
        #expect(try request.workloads(designs: mixed).first?.runsInTurn == 1)
        #expect(try request.workloads().first?.runsInTurn == 1)
        for (logs, runs, expected) in [(50, 1, 10), (500, 1, 1), (120, 1, 5), (1, 1, 64), (50, 8, 8)] {
            request.logsPerProducer = logs
            request.runs = runs
            let workload = try #require(try request.workloads(designs: logTable).first)
            #expect(workload.runsInTurn == expected, "\(logs) logs, \(runs) runs")
            #expect(workload.logsPerRun == (expected > 1 ? logs : nil))
            #expect(workload.rounds * workload.runsPerRound <= Workload.maxRunsPerCell)
        }
        request.runs = 1
        request.logsPerProducer = 50
        request.rounds = .count(3)
        #expect(try request.workloads(designs: logTable).first?.runsInTurn == 1)
        request.runsInTurn = 4
        #expect(try request.workloads().first?.logsPerProducer == 200)

        for (runs, inTurn, load) in [
            (1, 0, LoadProfile()), (1, 65, LoadProfile()), (8, 9, LoadProfile()),
            (1, 2, LoadProfile(ratePerSec: 10, durationS: 1)),
        ] {
            var refused = PlanRequest()
            refused.runs = runs
            refused.runsInTurn = inTurn
            refused.load = load
            #expect(throws: UsageError.self, "\(runs) runs, \(inTurn) in turn") { try refused.workloads() }
        }
    }

    @Test("the header says what a round writes, in the flag's terms")
    func header() throws {
        var workload = TestSupport.workload(concurrency: 2, logs: 5)
        workload.writeRunsInTurn(3)
        let cell = try TestSupport.runCell(DedicatedLogTable.self, workload)
        let header = TextSummary.render(cell).split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("5 logs/producer · 3 runs a round, in turn (no barrier between runs)"), "\(header)")
    }

    @Test("bench run: SQLite's defaults write one run a round; --runs-in-turn and worker processes take several")
    func commandLine() throws {
        for design in [Names.logTable, Names.queue] {
            let auto = try BenchBinary.run([
                "--strategy", design, "--concurrency", "2", "--min-measured-ms", "20", "--format", "json",
                "--no-reference",
            ])
            #expect(auto.status == 0, "\(auto.stderr)")
            let cell = try #require(try auto.document().cells.first { $0.role == CellResult.Role.measured })
            #expect(cell.workload.runsInTurn == 1 && cell.workload.logsPerRun == nil, "\(design)")
        }
        let turns = try BenchBinary.run([
            "--strategy", Names.logTable, "--concurrency", "2", "--min-measured-ms", "20", "--runs-in-turn", "10",
            "--format", "json", "--no-reference",
        ])
        let measured = try #require(try turns.document().cells.first { $0.role == CellResult.Role.measured })
        #expect(measured.workload.runsInTurn == 10 && measured.workload.logsPerRun == 50)
        #expect(measured.audit.expected == (measured.rounds ?? 1) * 2 * 500 && !measured.audit.hasDataLoss)

        let processes = try BenchBinary.run([
            "--strategy", Names.logTable, "--concurrency", "2", "--logs-per-producer", "5", "--runs-in-turn", "3",
            "--mode", "processes", "--format", "json", "--no-reference",
        ])
        #expect(processes.status == 0, "\(processes.stderr)")
        let cell = try #require(try processes.document().cells.first { $0.role == CellResult.Role.measured })
        #expect(cell.audit.stored == 2 * 15 && !cell.audit.hasDataLoss && cell.workload.runsPerRound == 3)

        let refused = try BenchBinary.run([
            "--strategy", Names.queue, "--runs-in-turn", "2", "--rate", "10", "--duration-s", "1",
        ])
        #expect(refused.status == 64 && refused.stderr.contains("--runs-in-turn is the closed loop's"))
    }
}
