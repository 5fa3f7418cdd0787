import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The engine as part of a cell's identity, the per-engine registry, the two-engine review table
/// and the command line's refusals: none of it needs a server.
@Suite struct EngineTests {
    @Test("documents without an engine decode as SQLite, and SQLite workloads encode without one")
    func workloadIdentity() throws {
        let sqlite = TestSupport.workload(concurrency: 2)
        let json = String(decoding: try JSONEncoder().encode(sqlite), as: UTF8.self)
        #expect(!json.contains("engine"))
        #expect(try JSONDecoder().decode(Workload.self, from: Data(json.utf8)).engine == .sqlite)
        var postgres = sqlite
        postgres.engine = .postgres
        let decoded = try JSONDecoder().decode(Workload.self, from: try JSONEncoder().encode(postgres))
        #expect(decoded.engine == .postgres)
        let sqliteKey = CellKey(strategy: Names.lock, concurrency: 2, workload: sqlite)
        let postgresKey = CellKey(strategy: Names.lock, concurrency: 2, workload: postgres)
        #expect(sqliteKey != postgresKey)
        #expect(postgresKey.description.hasSuffix("engine=postgres"))
        #expect(!sqliteKey.description.contains("engine"))
    }

    @Test("every SQLite strategy has a PostgreSQL form of the same name and claims")
    func registries() throws {
        #expect(StrategyRegistry.postgres.map { $0.name } == StrategyRegistry.all.map { $0.name })
        for sqlite in StrategyRegistry.all {
            let postgres = try #require(StrategyRegistry.strategy(named: sqlite.name, engine: .postgres))
            #expect(sqlite.engine == .sqlite)
            #expect(postgres.engine == .postgres)
            #expect(postgres.layout == sqlite.layout)
            #expect(postgres.claimsProcessSafety == sqlite.claimsProcessSafety)
            #expect(postgres.isReference == sqlite.isReference)
            #expect(postgres.pendingEntriesDieWithProcess == sqlite.pendingEntriesDieWithProcess)
        }
        #expect(StrategyRegistry.reference(for: .postgres).engine == .postgres)
    }

    /// The hand-made matrix, as if measured again on PostgreSQL.
    static func postgresCopy(of document: ResultDocument) -> ResultDocument {
        var copy = document
        for index in copy.cells.indices { copy.cells[index].workload.engine = .postgres }
        copy.summaries = copy.summaries?.map { summary in
            var summary = summary
            summary.workload.engine = .postgres
            return summary
        }
        copy.limits = copy.limits?.map { limit in
            var limit = limit
            limit.engine = .postgres
            return limit
        }
        copy.growth = nil
        copy.safety = copy.safety?.map { verdict in
            var verdict = verdict
            verdict.engine = .postgres
            return verdict
        }
        copy.environment.server = ServerInfo(
            engine: .postgres, version: "15.18", synchronousCommit: "on", fsync: "on", sharedBuffers: "128MB",
            maxConnections: 300, connection: "unix socket", client: "libpq 15.18 (synchronous)")
        return copy
    }

    @Test("two documents holding the same design on the same engine are refused, not merged into one row")
    func overlappingDocuments() throws {
        let sqlite = try Fixtures.smallMatrix()
        #expect(ReviewTable.overlap([sqlite, Self.postgresCopy(of: sqlite)]) == nil)
        let overlap = try #require(ReviewTable.overlap([sqlite, sqlite]))
        #expect(overlap.first == 0 && overlap.second == 1 && overlap.design.contains("(sqlite, synchronous=normal)"))
        let path = Fixtures.path("matrix-small.json")
        let run = try HostileOutputTests.bench(["report", path, path])
        #expect(run.status == 64 && run.stderr.contains("both hold"), "\(run.stderr)")
    }

    @Test("two documents make one review table, rows side by side and labelled with their engine")
    func twoEngineTable() throws {
        let sqlite = try Fixtures.smallMatrix()
        let table = ReviewTable(documents: [sqlite, Self.postgresCopy(of: sqlite)])
        #expect(
            table.rows.map(\.strategy) == [
                Names.none, Names.none, Names.queue, Names.queue, Names.logTable, Names.logTable,
            ])
        #expect(table.rows.map(\.engine) == [nil, .postgres, nil, .postgres, nil, .postgres])
        #expect(table.mixesEngines)
        let columns = ReviewColumns(table)
        #expect(columns.rows.map { $0[0] }.contains("\(Names.queue) (PostgreSQL)"))
        let single = ReviewTable(document: sqlite)
        #expect(table.rows.filter { $0.engine == nil } == single.rows)
        let postgresQueue = try #require(table.rows.first { $0.strategy == Names.queue && $0.engine == .postgres })
        #expect(postgresQueue.growth.isEmpty)
        #expect(postgresQueue.overheadP50Ns == single.rows.first { $0.strategy == Names.queue }?.overheadP50Ns)
        let notes = ReviewColumns.notes(table).joined(separator: "\n")
        #expect(notes.contains("limit (PostgreSQL)"))
        #expect(notes.contains("synchronous_commit=on"))
        let csv = CSVReport.render(table).split(separator: "\n")
        #expect(csv[0].hasPrefix("strategy,engine,synchronous,"))
        #expect(csv.dropFirst().filter { $0.contains(",postgres,") }.count == 3)
        #expect(!CSVReport.render(single).contains("engine"))
    }

    @Test("dashboard exports keep the engines' benchmarks apart")
    func exportNames() throws {
        let sqlite = try Fixtures.smallMatrix()
        let exported = String(
            decoding: try GitHubActionBenchmarkExport.render(Self.postgresCopy(of: sqlite)), as: UTF8.self)
        #expect(exported.contains("logbench/postgres/\(Names.queue)/c=10"))
        #expect(!String(decoding: try GitHubActionBenchmarkExport.render(sqlite), as: UTF8.self).contains("postgres"))
    }
}

/// `--engine` and `--database-url` on the command line: bad input is one line and a documented code.
@Suite("Engine command line", .serialized)
struct EngineCommandLineTests {
    func bench(_ arguments: [String], url: String?) throws -> BenchBinary.Run {
        let run = try BenchBinary.run(arguments, environment: ["LOGBENCH_DATABASE_URL": url])
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("bench: error: "), "\(run.stderr)")
        return run
    }

    @Test("--engine postgres without a URL, a URL without it, or SQLite's --synchronous: usage errors (64)")
    func usage() throws {
        let noURL = try bench(["--engine", "postgres", "--concurrency", "2"], url: nil)
        #expect(noURL.status == 64)
        #expect(noURL.stderr.contains("LOGBENCH_DATABASE_URL"))
        let sqlite = try bench(["--database-url", "postgresql:///x", "--concurrency", "2"], url: nil)
        #expect(sqlite.status == 64)
        let synchronous = try bench(
            ["--engine", "postgres", "--synchronous", "full", "--concurrency", "2"], url: "postgresql:///x")
        #expect(synchronous.status == 64)
        let badName = try bench(
            ["--engine", "postgres", "--db", "public", "--concurrency", "2"], url: "postgresql:///x")
        #expect(badName.status == 64)
        let engine = try bench(["--engine", "oracle"], url: nil)
        #expect(engine.status == 64)
    }

    @Test("a server that cannot be reached is exit 69, before anything runs, password hidden")
    func unavailable() throws {
        let run = try bench(
            [
                "--engine", "postgres", "--concurrency", "2",
                "--database-url", "postgresql://nobody:sekrit@127.0.0.1:1/none?connect_timeout=2",
            ], url: nil)
        #expect(run.status == 69)
        #expect(!run.stderr.contains("sekrit"))
    }
}
