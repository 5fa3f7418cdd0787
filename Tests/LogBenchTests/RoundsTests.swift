import Foundation
import Testing

@testable import LogBenchModel
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStrategies

/// Rounds repeat the measured phase into fresh runs (issue 17: a default run long enough to repeat
/// without growing the seed's arrays); every round is audited, and auto stops once enough was measured.
@Suite struct RoundsTests {
    @Test("each round writes its own runs; warm-up runs shift with it")
    func roundsShiftRuns() {
        var workload = Workload(concurrency: 4, logsPerProducer: 10, runs: 2)
        workload.rounds = 3
        #expect(workload.measuredRunIDs == [1, 2])
        #expect(workload.inRound(2).measuredRunIDs == [5, 6])
        #expect(workload.inRound(2).run(ofProducer: 3, seq: 9) == 6)
        #expect(workload.allRoundsRunIDs == [1, 2, 3, 4, 5, 6])
        #expect(Set(workload.inRound(1).warmupRunIDs).isDisjoint(with: workload.warmupRunIDs))
        #expect(workload.expectedEntries == 40)
        #expect(workload.totalEntries == 3 * 4 * (10 + 5))
    }

    @Test("documents keep their shape: rounds appear only when more than one, and the round never")
    func roundsInJSON() throws {
        let plain = String(decoding: try JSONEncoder().encode(Workload(concurrency: 2)), as: UTF8.self)
        #expect(!plain.contains("rounds") && !plain.contains("minMeasured"))
        var workload = Workload(concurrency: 2)
        workload.rounds = 100
        workload.minMeasuredMs = 1000
        workload.round = 7
        let data = try JSONEncoder().encode(workload)
        let decoded = try JSONDecoder().decode(Workload.self, from: data)
        #expect(decoded.rounds == 100 && decoded.minMeasuredMs == 1000 && decoded.round == 0)
    }

    @Test("rounds are refused where they cannot apply, naming the flag")
    func roundsValidation() {
        var openLoop = Workload(concurrency: 2)
        openLoop.rounds = 2
        openLoop.load = LoadProfile(ratePerSec: 10, durationS: 1)
        #expect(throws: UsageError.self) { try openLoop.validate() }
        var zero = Workload(concurrency: 2)
        zero.rounds = 0
        #expect((try? zero.validate()) == nil)
        var tooMany = Workload(concurrency: 2, logsPerProducer: 1_000_000)
        tooMany.rounds = 20
        do {
            try tooMany.validate()
            Issue.record("20 rounds of 2 × 1000005 entries passed validation")
        } catch {
            #expect(error.description.contains("--rounds × --concurrency"))
        }
    }

    @Test("three rounds: every entry of every round audited, throughput over the rounds' windows")
    func fixedRoundsAreAudited() throws {
        var workload = TestSupport.workload(concurrency: 4, logs: 10, runs: 2)
        workload.rounds = 3
        let result = try TestSupport.runCell(PerRunQueue.self, workload)
        #expect(result.rounds == 3)
        #expect(result.audit.expected == 3 * 4 * 10)
        #expect(result.audit.stored == 3 * 4 * 10)
        #expect(!result.audit.hasDataLoss)
        #expect(result.latencyNs.max > 0)
        #expect(result.throughputPerSec > 0)
    }

    @Test("summaries count every round's entries as sent; one round leaves the document's shape alone")
    func summariesCountRounds() throws {
        var workload = TestSupport.workload(concurrency: 2, logs: 5)
        workload.rounds = 3
        let rounds = try (0..<2).map { trial in
            var result = try TestSupport.runCell(DedicatedLogTable.self, workload)
            result.trial = trial
            return result
        }
        let summary = try #require(CellSummary.summarize(rounds).first)
        #expect(summary.sentEntries == 2 * 3 * 10)
        #expect(summary.entriesSent == 60)
        let single = try TestSupport.runCell(DedicatedLogTable.self, TestSupport.workload(concurrency: 2, logs: 5))
        let plain = try #require(CellSummary.summarize([single]).first)
        #expect(plain.sentEntries == nil && plain.entriesSent == 10)
    }

    @Test("loss in a later round is found: the uncoordinated design over rounds")
    func lossAcrossRounds() throws {
        var workload = TestSupport.workload(concurrency: 8, logs: 20)
        workload.rounds = 4
        let result = try TestSupport.runCell(NoCoordination.self, workload)
        #expect(result.audit.expected == 4 * 8 * 20)
        #expect(result.audit.stored + result.audit.lost == result.audit.expected)
    }

    @Test("auto: rounds stop once the minimum was measured")
    func autoStops() throws {
        var workload = TestSupport.workload(concurrency: 2, logs: 5)
        workload.rounds = 1000
        workload.minMeasuredMs = 1
        let quick = try TestSupport.runCell(DedicatedLogTable.self, workload)
        // 1000 rounds of 10 INSERTs take more than the ceiling of 3 × 1 ms; the check is that it stopped early.
        #expect((quick.rounds ?? 1) < 1000)
        #expect(quick.audit.expected == (quick.rounds ?? 1) * 10)
        #expect(quick.wallTimeNs >= 1_000_000)
    }

    @Test("auto: steady rounds stop at the minimum, varying ones go on until ±2.5 % or the ceiling")
    func autoPrecision() {
        let ms = 1_000_000.0
        let steady = [Double](repeating: 10 * ms, count: 100)
        #expect(AutoRounds.enough(windowsNs: steady, measuredNs: 1_000_000_000, minMeasuredNs: 1_000_000_000))
        #expect(!AutoRounds.enough(windowsNs: steady, measuredNs: 999_000_000, minMeasuredNs: 1_000_000_000))
        // Four rounds are too few to tell, however steady.
        let four = [Double](repeating: 300 * ms, count: 4)
        #expect(!AutoRounds.enough(windowsNs: four, measuredNs: 1_200_000_000, minMeasuredNs: 1_000_000_000))
        // Rounds of 36 or 136 ms at random (the busy handler's sleeps): 2.9 s is not enough, three
        // times the minimum is.
        var random = SeededGenerator(seed: 7)
        let varying = (0..<34).map { _ in Bool.random(using: &random) ? 36 * ms : 136 * ms }
        #expect(!AutoRounds.enough(windowsNs: varying, measuredNs: 2_900_000_000, minMeasuredNs: 1_000_000_000))
        #expect(AutoRounds.enough(windowsNs: varying, measuredNs: 3_000_000_000, minMeasuredNs: 1_000_000_000))
        // The interval itself: 1…5 has mean 3, s = 1.58, t(4) = 2.776 → ±1.963, 65.4 % of the mean.
        let halfWidth = Descriptive.relativeHalfWidth95([1, 2, 3, 4, 5]) ?? 0
        #expect(abs(halfWidth - 0.6544) < 0.001)
        #expect(Descriptive.relativeHalfWidth95([7]) == nil)
    }

    @Test("auto: rounds that drift together are not taken for a precise figure (batch means)")
    func autoDrift() {
        // 200 rounds whose windows drift ±10 % over a period of 100 rounds, as the machine drifts:
        // taken as independent they look known to ±1 %; their batch means say ±4 %, so auto goes on.
        let drifting = (0..<200).map { 10_000_000 * (1 + 0.1 * sin(2 * Double.pi * Double($0) / 100)) }
        #expect((Descriptive.relativeHalfWidth95(drifting) ?? 1) < 0.015)
        #expect((Descriptive.batchMeansRelativeHalfWidth95(drifting) ?? 0) > 0.03)
        #expect(!AutoRounds.enough(windowsNs: drifting, measuredNs: 2_000_000_000, minMeasuredNs: 1_000_000_000))
        // Independent rounds: batching changes little (same series, shuffled by a fixed generator).
        var random = SeededGenerator(seed: 3)
        let shuffled = drifting.shuffled(using: &random)
        #expect((Descriptive.batchMeansRelativeHalfWidth95(shuffled) ?? 1) < 0.02)
        #expect(AutoRounds.enough(windowsNs: shuffled, measuredNs: 2_000_000_000, minMeasuredNs: 1_000_000_000))
        #expect(Descriptive.batchCount(for: 4) == 4 && Descriptive.batchCount(for: 24) == 5)
        #expect(Descriptive.batchCount(for: 200) == 14 && Descriptive.batchMeansRelativeHalfWidth95([7]) == nil)
    }

    @Test("auto with long rounds: its ceiling fits the cell's bounds instead of being refused")
    func autoCeilingFitsBounds() throws {
        var request = PlanRequest()
        request.concurrency = [20, 2]
        request.logsPerProducer = 500
        request.rounds = .auto
        let workloads = try request.workloads()
        // 20 × (500 + 5) entries of 64 bytes a round: 415 rounds fit 256 MiB of messages (990 would
        // fit 10 M entries); at 2 producers the usual 1000.
        #expect(
            workloads.map(\.rounds) == [Workload.maxMessageBytesPerCell / (20 * 505 * 64), PlanRequest.autoMaxRounds])
        for workload in workloads { #expect(workload.totalEntries <= Workload.maxEntriesPerCell) }
        // A count the user wrote is still refused, not lowered.
        request.rounds = .count(1000)
        #expect(throws: UsageError.self) { try request.workloads() }
    }

    @Test("bench run: auto rounds by default, one round with --logs-per-producer, refusals exit 64")
    func commandLine() throws {
        let explicit = try BenchBinary.run(
            ["--strategy", Names.logTable, "--concurrency", "2", "--logs-per-producer", "5", "--format", "json"])
        #expect(explicit.status == 0)
        let one = try explicit.document().cells.first { $0.role == CellResult.Role.measured }
        #expect(one?.rounds == nil && one?.workload.minMeasuredMs == nil)

        let auto = try BenchBinary.run([
            "--strategy", Names.logTable, "--concurrency", "2", "--min-measured-ms", "50", "--rounds", "auto",
            "--format", "json", "--no-reference",
        ])
        #expect(auto.status == 0)
        let measured = try auto.document().cells.first { $0.role == CellResult.Role.measured }
        #expect(measured?.workload.minMeasuredMs == 50)
        #expect((measured?.wallTimeNs ?? 0) >= 50_000_000 || measured?.rounds == PlanRequest.autoMaxRounds)

        for arguments in [
            ["--rounds", "2", "--rate", "10", "--duration-s", "1"], ["--rounds", "2", "--min-measured-ms", "100"],
            ["--rounds", "3", "--mode", "processes"], ["--rounds", "often"],
        ] {
            let refused = try BenchBinary.run(["--strategy", Names.logTable, "--concurrency", "2"] + arguments)
            #expect(refused.status == 64, "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(arguments): \(refused.stderr)")
        }
    }
}
