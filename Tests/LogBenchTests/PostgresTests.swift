import Foundation
import Synchronization
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The PostgreSQL building blocks against a real server: run them through
/// `Scripts/with-postgres.sh swift test -j 1 --filter Postgres`, which sets `LOGBENCH_DATABASE_URL`.
/// Without it they are skipped with that reason, except in CI (`CI=true`), where they fail.
@Suite(
    "Postgres building blocks",
    .enabled(if: PGTestServer.url != nil || PGTestServer.isCI, "LOGBENCH_DATABASE_URL is not set: \(PGTestServer.hint)")
)
struct PostgresTests {
    // MARK: Connection and errors

    @Test("a connection reports its server, settings and backend, and closes once")
    func connection() throws {
        let connection = try PGConnection(url: try PGTestServer.requireURL())
        #expect(connection.serverVersion >= 150_000)
        #expect(try connection.setting("server_version_num") == String(connection.serverVersion))
        #expect(Int(try connection.setting("max_connections"))! >= 200)
        #expect(try connection.scalar("SELECT pg_backend_pid()") == Int64(connection.backendPID))
        #expect(try connection.query("SELECT $1::text, $2::text", ["a b", nil]).rows == [["a b", nil]])
        connection.close()
        connection.close()
        #expect(connection.isClosed)
        let error = try #require(throws: PGError.self) { try connection.execute("SELECT 1") }
        #expect(error.sqlState == nil)
    }

    @Test("keyword/value connection strings and the TCP URL connect too")
    func connectionStringForms() throws {
        let url = try PGTestServer.requireURL()
        let items = URLComponents(string: url)?.queryItems ?? []
        let host = try #require(items.first { $0.name == "host" }?.value)
        let port = try #require(items.first { $0.name == "port" }?.value)
        let keywords = try PGConnection(url: "host=\(host) port=\(port) user=postgres dbname=logbench")
        #expect(try keywords.query("SELECT current_database()").text(row: 0, column: 0) == "logbench")
        keywords.close()
        if let tcp = ProcessInfo.processInfo.environment["LOGBENCH_DATABASE_TCP_URL"] {
            let connection = try PGConnection(url: tcp)
            #expect(try connection.query("SELECT host(inet_server_addr())").text(row: 0, column: 0) == "127.0.0.1")
            connection.close()
        }
    }

    @Test("a bad URL fails to connect with libpq's message and no password in it")
    func connectFailure() throws {
        _ = try PGTestServer.requireURL()
        let error = try #require(throws: PGError.self) {
            try PGConnection(url: "postgresql://nobody:sekrit@127.0.0.1:1/none?connect_timeout=2")
        }
        #expect(error.sqlState == nil)
        #expect(!error.message.isEmpty)
        #expect(!error.description.contains("sekrit"))
    }

    @Test("PGError carries the server's SQLSTATE, message and context")
    func errorFields() throws {
        let connection = try PGConnection(url: try PGTestServer.requireURL())
        defer { connection.close() }
        let syntax = try #require(throws: PGError.self) { try connection.execute("SELEC 1") }
        #expect(syntax.sqlState == "42601")
        #expect(syntax.message.contains("syntax error"))
        #expect(syntax.context == "SELEC 1")
        let missing = try #require(throws: PGError.self) { try connection.query("SELECT * FROM no_such_table") }
        #expect(missing.sqlState == "42P01")
        let division = try #require(throws: PGError.self) { try connection.query("SELECT 1 / $1::int", ["0"]) }
        #expect(division.sqlState == "22012")
        #expect(!division.isRetryable)
        let prepared = try connection.prepare("SELECT 1 / $1::int")
        #expect(throws: PGError.self) { try prepared.execute(["0"]) }
        #expect(try prepared.execute(["1"]).int64(row: 0, column: 0) == 1)
        #expect(PGError(sqlState: "40001", message: "", context: "").isSerializationFailure)
        #expect(PGError(sqlState: "40P01", message: "", context: "").isDeadlock)
    }

    @Test("a duplicate (run, producer, seq) is a unique violation, alone or in a batch")
    func uniqueViolation() throws {
        let cell = try PGTestCell()
        defer { cell.drop() }
        let connection = try cell.connect()
        defer { connection.close() }
        let single = try PGLogTableInsert(connection: connection, schema: cell.schema)
        try single.append(entries: [PGTestCell.entry(producer: 0, seq: 0)], run: 1)
        let error = try #require(throws: PGError.self) {
            try single.append(entries: [PGTestCell.entry(producer: 0, seq: 0)], run: 1)
        }
        #expect(error.isUniqueViolation)
        #expect(error.sqlState == "23505")
        #expect(error.constraint != nil)
        #expect(error.detail?.contains("already exists") == true)
        let batch = try PGLogTableBatchInsert(connection: connection, schema: cell.schema)
        let batchError = try #require(throws: PGError.self) {
            try batch.append(entries: [1, 0].map { PGTestCell.entry(producer: 0, seq: $0) }, run: 1)
        }
        #expect(batchError.isUniqueViolation)
        // The batch is one statement: its first row was not kept either.
        #expect(try cell.stored(.logTable, run: 1).map(\.seq) == [0])
    }

    // MARK: Schema and reader

    @Test("a schema is created with its tables and runs, and dropping it leaves nothing")
    func schemaLifecycle() throws {
        let cell = try PGTestCell(runIDs: [1, 2, 3])
        let admin = cell.admin
        let name = cell.schema.name
        #expect(name.hasPrefix("logbench_"))
        let tables = try admin.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [name])
        #expect(tables.rows.map { $0[0] } == ["log_entries", "runs"])
        #expect(try admin.scalar("SELECT count(*) FROM \(name).runs WHERE logs = '[]'::jsonb") == 3)
        let connection = try cell.connect()
        #expect(try connection.setting("search_path") == name)
        #expect(try connection.scalar("SELECT count(*) FROM runs") == 3)
        connection.close()

        try cell.schema.dropRuns([2], on: admin)
        #expect(try admin.scalar("SELECT count(*) FROM \(name).runs") == 2)

        try cell.schema.drop(on: admin)
        try cell.schema.drop(on: admin)  // idempotent
        #expect(try !cell.schema.exists(on: admin))
        for view in ["schemata WHERE schema_name", "tables WHERE table_schema", "sequences WHERE sequence_schema"] {
            #expect(try admin.scalar("SELECT count(*) FROM information_schema.\(view) = $1", [name]) == 0, "\(view)")
        }
        #expect(try admin.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [name]) == 0)
        admin.close()
    }

    @Test("schema names are random and only LogBench's are accepted")
    func schemaNames() throws {
        #expect(PGSchema().name != PGSchema().name)
        #expect(try PGSchema(name: "logbench_0123abcd").lockSpace == 0x0123_abcd)
        for bad in ["public", "logbench_", "logbench_XYZ", "logbench_1; DROP SCHEMA public", "pg_catalog"] {
            #expect(throws: PGError.self) { try PGSchema(name: bad) }
        }
    }

    @Test("the reader is lenient: entries missing fields or not objects still count")
    func lenientReader() throws {
        let cell = try PGTestCell()
        defer { cell.drop() }
        let connection = try cell.connect()
        defer { connection.close() }
        try connection.execute(
            #"UPDATE runs SET logs = '[{"producer": 1, "seq": 2}, 5, {"seq": "x", "level": "info"}]' WHERE id = 1"#)
        try connection.execute(#"UPDATE runs SET logs = '{"producer": 1}' WHERE id = 2"#)
        let first = try PGStoredLogReader.entries(run: 1, layout: .jsonColumn, connection: connection)
        #expect(
            first == [
                StoredEntry(producer: 1, seq: 2, level: nil, message: nil),
                StoredEntry(producer: nil, seq: nil, level: nil, message: nil),
                StoredEntry(producer: nil, seq: nil, level: "info", message: nil),
            ])
        let second = try PGStoredLogReader.entries(run: 2, layout: .jsonColumn, connection: connection)
        #expect(second == [StoredEntry(producer: nil, seq: nil, level: nil, message: nil)])
        #expect(try PGStoredLogReader.entries(run: 99, layout: .jsonColumn, connection: connection).isEmpty)
    }

    // MARK: Designs, one thread

    @Test("each design stores exactly what it was given, in order", arguments: PGAppendDesigns.all.map { $0.name })
    func storesWhatItWasGiven(designName: String) throws {
        let design = try #require(PGAppendDesigns.design(named: designName))
        let cell = try PGTestCell()
        defer { cell.drop() }
        let connection = try cell.connect()
        defer { connection.close() }
        let appender = try design.init(connection: connection, schema: cell.schema)
        let run1 = (0..<5).map { PGTestCell.entry(producer: 3, seq: $0) }
        try appender.append(entries: [run1[0]], run: 1)
        try appender.append(entries: Array(run1[1...3]), run: 1)
        try appender.append(entries: [run1[4]], run: 1)
        let run2 = [PGTestCell.entry(producer: 7, seq: 0)]
        try appender.append(entries: run2, run: 2)

        #expect(try cell.stored(design.layout, run: 1) == run1)
        #expect(try cell.stored(design.layout, run: 2) == run2)
        let audited = try PGStoredLogReader.entries(run: 1, layout: design.layout, connection: connection)
        #expect(
            audited
                == run1.map {
                    StoredEntry(
                        producer: $0.producer, seq: $0.seq, level: $0.level.rawValue, message: $0.message,
                        ts: $0.ts)
                })
        #expect(appender.retries == 0)
        if design.layout == .jsonColumn {
            #expect(throws: PGError.self) { try appender.append(entries: run2, run: 99) }
        }
    }

    @Test("a transaction is restarted, and counted, after a serialization failure or deadlock")
    func transactionRetry() throws {
        let cell = try PGTestCell()
        defer { cell.drop() }
        let connection = try cell.connect()
        defer { connection.close() }
        let runner = PGTransactionRunner(connection: connection)
        var attempts = 0
        try runner.run {
            attempts += 1
            try connection.execute("UPDATE runs SET logs = logs || '[1]' WHERE id = 1")
            if attempts == 1 { throw PGError(sqlState: "40001", message: "injected", context: "test") }
            if attempts == 2 { throw PGError(sqlState: "40P01", message: "injected", context: "test") }
        }
        #expect(attempts == 3)
        #expect(runner.retries == 2)
        #expect(!connection.inTransaction)
        // The aborted attempts were rolled back: one element, not three.
        #expect(try connection.scalar("SELECT jsonb_array_length(logs) FROM runs WHERE id = 1") == 1)
        #expect(throws: PGError.self) {
            try runner.run { throw PGError(sqlState: "23505", message: "not retried", context: "test") }
        }
        #expect(runner.retries == 2)
        #expect(!connection.inTransaction)
    }

    // MARK: Designs, two threads interleaved

    @Test("none loses an update: read A, read B, write A, write B keeps only B's entry")
    func noneLosesUpdate() throws {
        let outcome = try PGInterleaving.run(PGNoCoordinationAppend.name)
        #expect(outcome.bWasBlocked == false, "B's read should not wait for A")
        #expect(outcome.stored == [PGInterleaving.entryB])
    }

    @Test(
        "transaction and lock keep both entries: B's read waits for A's commit",
        arguments: [PGTransactionAppend.name, PGAdvisoryLockAppend.name])
    func serializedKeepsBoth(designName: String) throws {
        let outcome = try PGInterleaving.run(designName)
        #expect(outcome.bWasBlocked == true, "B's read should wait on a lock while A holds it")
        #expect(outcome.stored == [PGInterleaving.entryA, PGInterleaving.entryB])
    }

    @Test(
        "correct designs keep every entry with 8 producer threads on one run",
        arguments: PGAppendDesigns.all.map { $0.name }.filter { $0 != PGNoCoordinationAppend.name })
    func concurrentProducers(designName: String) throws {
        let design = try #require(PGAppendDesigns.design(named: designName))
        let layout = design.layout
        let cell = try PGTestCell()
        defer { cell.drop() }
        let producers = 8
        let perProducer = 15
        let failures = PGFailures()
        let gate = StartGate()
        let threads = (0..<producers).map { producer in
            OSThread(name: "pg-producer-\(producer)") {
                do {
                    let connection = try cell.connect()
                    defer { connection.close() }
                    // By name: metatypes of a non-Sendable protocol cannot cross into the thread.
                    let appender = try PGAppendDesigns.design(named: designName)!.init(
                        connection: connection, schema: cell.schema)
                    gate.arriveAndWait()
                    for seq in 0..<perProducer {
                        try appender.append(entries: [PGTestCell.entry(producer: producer, seq: seq)], run: 1)
                    }
                } catch {
                    failures.record("producer \(producer): \(error)")
                }
            }
        }
        gate.waitForArrivals(producers)
        gate.open()
        threads.forEach { $0.join() }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let stored = try cell.stored(layout, run: 1)
        #expect(stored.count == producers * perProducer)
        #expect(Set(stored.map { "\($0.producer)/\($0.seq)" }).count == producers * perProducer)
        for producer in 0..<producers {
            #expect(stored.filter { $0.producer == producer }.map(\.seq) == Array(0..<perProducer))
        }
    }
}

// MARK: - Support
