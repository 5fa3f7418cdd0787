import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// `bench --engine postgres` end to end through the built binary, against the server
/// `Scripts/with-postgres.sh` starts (`LOGBENCH_DATABASE_URL`). Without one these are skipped with
/// that reason, except in CI (`CI=true`), where they fail. Verdicts only: no timing is asserted.
@Suite(
    "PostgreSQL engine end to end", .serialized,
    .enabled(if: PGTestServer.url != nil || PGTestServer.isCI, "LOGBENCH_DATABASE_URL is not set: \(PGTestServer.hint)")
)
struct PostgresEngineTests {
    /// The strategies that must lose nothing however their producers run.
    static let safe = [Names.transaction, Names.logTable, Names.lock, Names.atomicAppend]

    /// Runs `bench --engine postgres … --format json --no-reference` and checks what it leaves
    /// behind: no worker process, no scratch file, and no schema on the server.
    func bench(_ arguments: [String]) throws -> BenchBinary.Run {
        let url = try PGTestServer.requireURL()
        let before = try Self.schemas(url)
        let run = try BenchBinary.run(
            ["--engine", "postgres"] + arguments + ["--format", "json", "--no-reference"],
            environment: ["LOGBENCH_DATABASE_URL": url])
        #expect(run.survivingWorkers.isEmpty, "workers outlived bench: \(run.survivingWorkers)")
        #expect(run.leftovers.isEmpty, "temporary files left: \(run.leftovers)")
        #expect(try Self.schemas(url) == before, "schemas left on the server")
        return run
    }

    static func schemas(_ url: String) throws -> [String] {
        let connection = try PGConnection(url: url)
        defer { connection.close() }
        return try PGSchema.leftovers(on: connection).map(\.name)
    }

    @Test("the default log-table run writes ten runs in turn a round, every entry audited; the queue one run")
    func runsInTurnByDefault() throws {
        let run = try bench(["--strategy", Names.logTable, "--concurrency", "4", "--min-measured-ms", "20"])
        #expect(run.status == 0, "\(run.stderr)")
        let cell = try #require(try run.document().cells.first { $0.role == CellResult.Role.measured })
        #expect(cell.workload.runsInTurn == 10 && cell.workload.logsPerRun == 50)
        #expect(cell.audit.stored == (cell.rounds ?? 1) * 4 * 500 && !cell.audit.hasDataLoss)
        let queue = try bench(["--strategy", Names.queue, "--concurrency", "4", "--min-measured-ms", "20"])
        let one = try #require(try queue.document().cells.first { $0.role == CellResult.Role.measured })
        #expect(one.workload.runsInTurn == 1)
    }

    @Test("every design's phases add up to its mean latency, and the work is in them, not in other")
    func phasesAttributeTheWork() throws {
        for name in StrategyRegistry.all(for: .postgres).map({ $0.name }) {
            let run = try bench(["--strategy", name, "--concurrency", "3", "--logs-per-producer", "20"])
            let cell = try #require(try run.document().cells.first { $0.role == CellResult.Role.measured })
            let phases = try #require(cell.phasesNs, "no phases for \(name)")
            let mean = cell.latencyNs.mean
            let sum = phases.values.reduce(0) { $0 + $1.mean }
            #expect(abs(sum - mean) <= 0.01 * mean, "\(name): phases \(sum) ns vs mean \(mean) ns")
            // Before the PostgreSQL designs timed their statements, every nanosecond was `other`.
            #expect((phases["other"]?.mean ?? 0) < 0.5 * mean, "\(name): \(phases.mapValues(\.mean))")
        }
    }

    @Test("none loses entries at c=20, exits 3, and the document names the engine and server")
    func noneLoses() throws {
        let run = try bench(["--strategy", Names.none, "--concurrency", "20", "--logs-per-producer", "10"])
        #expect(run.status == 3, "\(run.stderr)")
        let document = try run.document()
        let cell = try #require(document.measuredCells.first)
        #expect(cell.workload.engine == .postgres)
        #expect(cell.audit.lost > 0)
        let server = try #require(document.environment.server)
        #expect(server.version.hasPrefix("1"))
        #expect(document.environment.fingerprint.contains("synchronous_commit="))
    }

    @Test("queue in processes mode loses entries at c=20 and exits 3")
    func queueLosesAcrossProcesses() throws {
        let run = try bench([
            "--strategy", Names.queue, "--mode", "processes", "--concurrency", "20", "--logs-per-producer", "10",
        ])
        #expect(run.status == 3, "\(run.stderr)")
        let document = try run.document()
        #expect(try #require(document.measuredCells.first).audit.lost > 0)
        #expect(document.safety?.first?.processSafe?.holds == false)
    }

    @Test("safe strategies lose nothing with 20 producer threads", arguments: safe)
    func threads(strategy: String) throws {
        let run = try bench(["--strategy", strategy, "--concurrency", "20", "--logs-per-producer", "10"])
        #expect(run.status == 0, "\(run.stderr)")
        let cell = try #require(try run.document().measuredCells.first)
        #expect(cell.audit.stored == 200)
        #expect(!cell.audit.hasDataLoss)
    }

    @Test("safe strategies lose nothing with 8 worker processes, each its own client", arguments: safe)
    func processes(strategy: String) throws {
        let run = try bench([
            "--strategy", strategy, "--mode", "processes", "--concurrency", "8", "--logs-per-producer", "10",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try run.document()
        let cell = try #require(document.measuredCells.first)
        #expect(cell.workerProcesses == 8)
        #expect(cell.audit.stored == 80)
        #expect(cell.integrityCheck == "ok")
        #expect(document.safety?.first?.processSafe?.holds == true)
    }

    @Test("a SIGKILLed worker loses no acknowledged entry", arguments: safe)
    func crashes(strategy: String) throws {
        let run = try bench([
            "--strategy", strategy, "--mode", "processes", "--concurrency", "4", "--logs-per-producer", "20",
            "--crash", "random", "--crash-trials", "3",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try run.document()
        let trials = document.measuredCells.compactMap(\.crash)
        #expect(trials.count == 3)
        #expect(trials.contains { $0.killed }, "no kill landed")
        for trial in trials {
            #expect(trial.acknowledgedLost == 0)
            #expect(trial.integrityCheck == "ok")
            #expect(trial.acknowledgedStored + trial.inFlightStored + trial.inFlightLost + trial.neverSent == 80)
        }
        #expect(document.safety?.first?.crashSafe?.holds == true)
    }

    @Test("a killed and restarted writer keeps every acknowledged entry", arguments: safe)
    func restartedWriter(strategy: String) throws {
        let run = try bench([
            "--strategy", strategy, "--concurrency", "4", "--logs-per-producer", "20", "--crash", "after:10",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let trial = try #require(try run.document().measuredCells.first?.crash)
        #expect(trial.killed)
        #expect(trial.restarted == true)
        #expect(trial.acknowledgedLost == 0)
        #expect(trial.acknowledgedLostAfterRestart == 0)
        #expect(trial.neverSent == 0)
        #expect(trial.durable)
    }

    @Test("--db keeps the cell's schema and prints its name")
    func keptSchema() throws {
        let url = try PGTestServer.requireURL()
        let run = try BenchBinary.run(
            [
                "--engine", "postgres", "--strategy", Names.logTable, "--concurrency", "2", "--logs-per-producer",
                "5", "--db", "auto", "--no-reference",
            ], environment: ["LOGBENCH_DATABASE_URL": url])
        #expect(run.status == 0, "\(run.stderr)")
        let line = try #require(run.stderr.split(separator: "\n").first { $0.contains("kept PostgreSQL schema") })
        let schema = try PGSchema(name: String(try #require(line.split(separator: " ").last)))
        let admin = try PGConnection(url: url)
        defer {
            try? schema.drop(on: admin)
            admin.close()
        }
        #expect(try admin.scalar("SELECT count(*) FROM \(schema.name).log_entries") == 10)
        let again = try BenchBinary.run(
            [
                "--engine", "postgres", "--strategy", Names.logTable, "--concurrency", "2", "--db", schema.name,
                "--no-reference",
            ], environment: ["LOGBENCH_DATABASE_URL": url])
        #expect(again.status == 64, "\(again.stderr)")
        #expect(try admin.scalar("SELECT count(*) FROM \(schema.name).log_entries") == 10)
    }

    @Test("bench matrix --engine postgres: limit, sweep, safety, and a table beside SQLite's")
    func matrix() throws {
        let url = try PGTestServer.requireURL()
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        var documents: [ResultDocument] = []
        for engine in EngineKind.allCases {
            let output = "\(folder)/\(engine.rawValue).json"
            let run = try BenchBinary.run(
                [
                    "matrix", "--engine", engine.rawValue, "--strategy", "\(Names.none),\(Names.lock)",
                    "--concurrency", "1,2", "--logs-per-producer", "5", "--safety-workers", "2",
                    "--safety-crash-trials", "1", "--growth", "0,40", "--output", output, "--quiet",
                ], environment: ["LOGBENCH_DATABASE_URL": engine == .postgres ? url : nil])
            #expect(run.status == 0, "\(run.stderr)")
            documents.append(try DocumentLoader.loadResult(output))
        }
        let postgres = documents[1]
        #expect(postgres.limits?.first?.engine == .postgres)
        #expect(postgres.cells.allSatisfy { $0.workload.engine == .postgres })
        #expect(postgres.safety?.contains { $0.engine == .postgres && $0.strategy == Names.lock } == true)
        let table = ReviewTable(documents: documents)
        #expect(table.rows.count == 4)
        let lock = try #require(table.rows.first { $0.strategy == Names.lock && $0.engine == .postgres })
        #expect(lock.loss.allSatisfy { $0.lost == 0 })
        #expect(lock.measuredProcessSafe == true)
        #expect(TextReport.render(table).contains("\(Names.lock) (PostgreSQL)"))
        // Growth on both engines, through the pipeline: every pre-filled entry audited.
        for document in documents {
            let engine = document.cells[0].workload.engine
            let growth = try #require(document.growth)
            #expect(growth.count == 4, "\(engine): \(growth.map(\.logSize))")
            #expect(growth.allSatisfy { $0.dataLossEntries == 0 && ($0.engine ?? .sqlite) == engine })
            let cells = document.cells.filter { $0.role == .growth }
            #expect(cells.count == 4)
            #expect(cells.filter { $0.workload.prefillEntries == 40 }.allSatisfy { $0.audit.stored == 40 + 20 })
        }
        #expect(!lock.growth.isEmpty)
    }
}

extension PostgresEngineTests {
    @Test("saturate --engine postgres searches on the server (the engine reaches every step)")
    func saturateOnPostgres() throws {
        let url = try PGTestServer.requireURL()
        let run = try BenchBinary.run(
            [
                "saturate", "--engine", "postgres", "--strategy", Names.logTable, "--concurrency", "2",
                "--step-duration-s", "0.2", "--max-steps", "2", "--refine-steps", "0", "--format", "json",
            ], environment: ["LOGBENCH_DATABASE_URL": url])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("(PostgreSQL)"), "\(run.stderr)")
        let document = try run.document()
        #expect(!document.cells.isEmpty)
        #expect(document.cells.allSatisfy { $0.workload.engine == .postgres })
        #expect(document.environment.server != nil)
    }
}

extension PostgresEngineTests {
    @Test("a SIGKILLed run leaves its schema, named by its owner; bench clean finds it and removes it")
    func cleanRemovesAKilledRunsSchema() throws {
        let url = try PGTestServer.requireURL()
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let process = Process()
        process.executableURL = BenchBinary.executable
        process.arguments = [
            "--engine", "postgres", "--strategy", Names.logTable, "--concurrency", "2", "--logs-per-producer",
            "1000000", "--warmup", "0", "--no-reference", "--tmp-dir", folder,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(["LOGBENCH_DATABASE_URL": url]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let connection = try PGConnection(url: url)
        defer { connection.close() }
        // Waits on the server, not the clock: until the run's schema exists (bounded by a deadline).
        let deadline = MonotonicClock.now() + 60_000_000_000
        var mine: [Leftovers.Item] = []
        while mine.isEmpty && MonotonicClock.now() < deadline {
            mine = try Leftovers.schemas(on: connection).filter {
                $0.status == "in use by pid \(process.processIdentifier)"
            }
            if mine.isEmpty { usleep(20_000) }
        }
        #expect(mine.count == 1, "the run's schema never appeared")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let listed = try HostileOutputTests.bench(["clean", "--database-url", url, "--tmp-dir", folder])
        #expect(listed.status == 0, "\(listed.stderr)")
        for item in mine { #expect(listed.text.contains("leftover  schema  \(item.name)"), "\(listed.text)") }
        let cleaned = try HostileOutputTests.bench(["clean", "--database-url", url, "--tmp-dir", folder, "--yes"])
        #expect(cleaned.status == 0, "\(cleaned.stderr)")
        let names = try Leftovers.schemas(on: connection).map(\.name)
        for item in mine { #expect(!names.contains(item.name), "\(item.name) is still on the server") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "the scratch folder stayed")
    }
}
