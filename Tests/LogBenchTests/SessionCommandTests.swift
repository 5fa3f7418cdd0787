import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStrategies

/// The commands that measure more than one plan (`seed-claims`, `saturate`) run in one measurement
/// session: one document, one stop behaviour, verdicts decided once. Verdicts only, no timing.
@Suite(.serialized) struct SessionCommandTests {
    /// A seed-claims run small enough for a test: every part, every search, a few seconds.
    static func seedClaimsArguments(folder: String, format: String = "markdown") -> [String] {
        [
            "seed-claims", "--output", folder + "/claims.out", "--results", folder + "/claims.json", "--format", format,
            "--concurrency", "2", "--logs-per-producer", "5", "--trials", "1", "--rate", "20", "--duration-s", "0.3",
            "--crash-trials", "1", "--saturation-step-s", "0.2", "--saturation-max-steps", "2", "--repetitions", "2",
        ]
    }

    @Test("seed-claims: a verdict in every row of the seed's document, and the same one in every format")
    func seedClaimsVerdictsAgreeAcrossFormats() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let run = try BenchBinary.run(Self.seedClaimsArguments(folder: folder, format: "json") + ["--quiet"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let document = try DocumentLoader.loadResult(folder + "/claims.json")
        let rows = try #require(SeedClaimVerdicts.rows(document))
        // The four performance claims, the test evidence (two shapes), reliability before and after,
        // order, error handling, isolation and scalability.
        #expect(rows.count == 12)
        for row in rows {
            for verdict in [row.durable] + (row.accepted.map { [$0] } ?? []) {
                #expect(verdict.verdict != .notMeasured, "\(row.claim): \(verdict.evidence)")
            }
        }
        let throughput = try #require(rows.first { $0.claim.hasPrefix("Throughput") })
        #expect(throughput.durable.evidence.contains("by the unfixed pipeline"))

        // The JSON the command wrote, and the other formats rendered from the same document.
        struct Written: Decodable { var rows: [ClaimRow] }
        let json = try JSONDecoder().decode(
            Written.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/claims.out")))
        #expect(json.rows == rows)
        let markdown = try #require(SeedClaimsReport.markdown(document, command: "bench seed-claims"))
        let text = try #require(try SeedClaimsReport.render(document, format: .text, command: ""))
        let html = SeedClaimsReport.htmlSection(document)
        for row in rows {
            let line = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| \(row.claim)") })
            #expect(line.contains("→ **\(row.durable.words)** | "), "\(line)")
            if let accepted = row.accepted {
                #expect(line.hasSuffix("→ **\(accepted.words)** | \(Escaping.markdown(row.workload)) |"), "\(line)")
            }
            #expect(String(decoding: text, as: UTF8.self).contains("durable   \(row.durable.words.uppercased()):"))
            #expect(html.contains("<strong>\(HTMLReport.escape(row.durable.words))</strong>"))
        }
        try Self.expectDecisionTable(document, folder: folder, hostMeasured: PGTestServer.url != nil)
    }

    /// The seven approaches, every criterion filled from the document, the seed's verdict beside the
    /// measured one; the same table from `bench report --format seed-claims` and `seed-decision`.
    static func expectDecisionTable(_ document: ResultDocument, folder: String, hostMeasured: Bool) throws {
        let decision = try #require(DecisionTable.rows(document))
        #expect(decision.map(\.approach) == DecisionTable.approaches)
        for row in decision {
            var cells = [
                row.schemaChange, row.codeLines, row.crashLoss, row.processSafe, row.latency, row.throughput,
                row.killedHolder, row.platforms, row.seedVerdict, row.measuredVerdict, row.recommendation,
            ]
            if hostMeasured { cells.append(row.hostSafe) }
            for cell in cells {
                #expect(!cell.isEmpty && !cell.hasPrefix("not measured") && !cell.hasPrefix("not counted"), "\(row)")
            }
        }
        #expect(decision.filter { $0.seedName != nil }.count == 4)
        let report = try GateFixtures.bench(["report", folder + "/claims.json", "--format", "seed-claims"])
        #expect(report.status == 0, "\(report.stderr)")
        let rendered = try #require(DecisionTableReport.markdown(document))
        #expect(report.stdout.contains(rendered))
        let block = try GateFixtures.bench(["report", folder + "/claims.json", "--format", "seed-decision"])
        #expect(block.status == 0 && block.stdout.contains("| `queue` (Queue (chosen)) |"), "\(block.stderr)")
    }

    @Test(
        "seed-claims --engine postgres: the same rows and decision table for PostgreSQL",
        .enabled(if: PGTestServer.url != nil || PGTestServer.isCI, "LOGBENCH_DATABASE_URL is not set"))
    func seedClaimsOnPostgres() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let run = try BenchBinary.run(
            Self.seedClaimsArguments(folder: folder, format: "json") + ["--quiet", "--engine", "postgres"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let document = try DocumentLoader.loadResult(folder + "/claims.json")
        #expect(document.cells.allSatisfy { $0.workload.engine == .postgres })
        let rows = try #require(SeedClaimVerdicts.rows(document))
        #expect(rows.count == 12)
        try Self.expectDecisionTable(document, folder: folder, hostMeasured: true)
    }

    @Test("one SIGINT during seed-claims writes the finished steps, marked incomplete, and exits 130")
    func interruptedSeedClaimsWritesWhatFinished() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        var arguments = Self.seedClaimsArguments(folder: folder)
        // Enough work that the signal lands before the end.
        arguments += ["--logs-per-producer", "300", "--trials", "3"]
        let run = try BenchBinary.runSignalled(arguments, signals: [SIGINT], progressPrefix: "bench seed-claims: part")
        #expect(run.status == 130, "stderr: \(run.stderr)")
        #expect(run.leftovers.isEmpty, "scratch left: \(run.leftovers)")
        let document = try DocumentLoader.loadResult(folder + "/claims.json")
        #expect(document.complete == false)
        #expect(!document.cells.isEmpty)
    }

    @Test("one SIGINT during saturate writes the finished steps, marked incomplete, and exits 130")
    func interruptedSaturateWritesWhatFinished() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let output = folder + "/saturate.json"
        let run = try BenchBinary.runSignalled(
            [
                "saturate", "--concurrency", "2", "--step-duration-s", "0.5", "--max-steps", "12", "--start-rate", "1",
                "--format", "json", "--output", output,
            ], signals: [SIGINT], progressPrefix: "saturate ")
        #expect(run.status == 130, "stderr: \(run.stderr)")
        let document = try DocumentLoader.loadResult(output)
        #expect(document.complete == false)
        let search = try #require(document.saturation?.first)
        #expect(search.steps.count >= 2 && search.steps.count == document.cells.count)
    }

    @Test("the harness figure of an open-loop cell is measured on a closed-loop shape, once per shape")
    func harnessNeverReplaysASchedule() {
        var open = Workload(concurrency: 3, logsPerProducer: 50)
        open.load = LoadProfile(ack: .accepted, ratePerSec: 10, durationS: 5)
        let shape = HarnessCalibration.closedLoopShape(open)
        #expect(shape.load.isDefault)
        #expect(shape.concurrency == 3 && shape.warmupLogsPerProducer == 0)
        var closed = open
        closed.load = LoadProfile()
        #expect(HarnessCalibration.closedLoopShape(closed) == shape)
    }

    @Test("a saturation search is bounded as a whole before its first step")
    func saturationBoundsEveryStep() {
        var plan = SaturationPlan(strategy: StrategyRegistry.defaultStrategy, base: Workload(concurrency: 2))
        plan.startRate = 10_000
        plan.stepDurationS = 60
        plan.maxSteps = 12
        // The first step is within the bounds; a later, faster one is not: refused before measuring.
        #expect(throws: UsageError.self) { try plan.validate() }
        plan.maxSteps = 1
        #expect(throws: Never.self) { try plan.validate() }
    }
}
