import Foundation
import LogBenchModel

/// One cell's PostgreSQL schema (`PGSchema`): created fresh by LogBench with the cell's runs and
/// dropped after it, so cells never see each other's rows and nothing else on the server is
/// touched. The pipeline reads it back through its own connection. A kept schema (`--db NAME`)
/// survives a cell that finished; a failing cell drops it, as a failing SQLite cell removes its file.
package final class PGCellDatabase: CellDatabase {
    package let url: String
    package let schema: PGSchema
    private let ledger: BackendLedger
    private let keep: Bool
    private let scope: CleanupScope
    private let cleanup: UInt64
    private var connection: PGConnection?

    /// Longest wait for the server to end the writers' backends before the audit.
    package static let backendTimeoutNs: UInt64 = 60_000_000_000

    package init(url: String, keep: String?, runIDs: [Int], ledger: BackendLedger, scope: CleanupScope) throws {
        self.url = url
        schema =
            try keep.map { name in
                do { return try PGSchema(name: name) } catch { throw UsageError("--db \(name): \(Self.nameRule)") }
            } ?? PGSchema()
        self.ledger = ledger
        self.keep = keep != nil
        self.scope = scope
        let admin = try PGConnection(url: url)
        do {
            try schema.create(runIDs: runIDs, on: admin)
        } catch let error as PGError where error.sqlState == "42P06" {
            admin.close()
            throw UsageError("--db \(schema.name): the schema already exists; refusing to reuse it")
        } catch {
            admin.close()
            throw error
        }
        // Who made it (or that it is kept), so that `bench clean` can tell a leftover from a live one.
        _ = try? admin.query(
            "COMMENT ON SCHEMA \(schema.name) IS '\(keep != nil ? Leftovers.keptRecord : Leftovers.ownerRecord())'")
        connection = admin
        // A second signal exits at once: the schema goes with everything else registered.
        let (url, schema) = (url, schema)
        cleanup = scope.add { Self.drop(schema, url: url, terminating: ledger.pids) }
    }

    package static let nameRule =
        "a PostgreSQL schema name: logbench_ then lowercase letters, digits or _ (63 bytes at most)"

    package var path: DatabasePath { .schema(url: url, name: schema.name) }

    /// The pipeline's connection (its `search_path` is the schema); refused while released.
    package func admin() throws -> PGConnection {
        guard let connection else { throw CellDatabaseReleased() }
        return connection
    }

    package func reopen() throws {
        if connection == nil { connection = try schema.connect(url: url) }
    }

    package func prefill(run: Int, entries: [LogEntry], layout: StorageLayout, codec: CodecKind) throws {
        guard !entries.isEmpty else { return }
        let json = try codec.makeCodec().encode(entries: entries) { String(decoding: $0, as: UTF8.self) }
        switch layout {
        case .jsonColumn:
            _ = try admin().query("UPDATE runs SET logs = $1::jsonb WHERE id = $2", [json, String(run)])
        case .logTable:
            // One statement, rows in array order (their ids keep the entries' order).
            _ = try admin().query(PGSchema.logTableBatchInsert, [String(run), json])
        }
    }

    package func dropRuns(_ runIDs: [Int]) throws { try schema.dropRuns(runIDs, on: try admin()) }

    /// Polls `pg_stat_activity` until none of the backends the writers connected through (their
    /// pids, from the cell's `BackendLedger`) is alive: a SIGKILLed worker's backend ends only once
    /// the server notices its client is gone, and until then it may still hold locks or commit.
    package func awaitWritersGone() throws {
        let pids = ledger.pids
        guard !pids.isEmpty else { return }
        let list = "{\(pids.map(String.init).joined(separator: ","))}"
        let deadline = MonotonicClock.now() + Self.backendTimeoutNs
        while true {
            let alive = try admin().scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1::int[])", [list])
            if alive == 0 { return }
            guard MonotonicClock.now() < deadline else {
                throw PGError(
                    sqlState: nil, message: "\(alive) writer backend(s) still alive after 60 s",
                    context: "wait for the writers' sessions to end")
            }
            usleep(5_000)
        }
    }

    package func entries(run: Int, layout: StorageLayout) throws -> [StoredEntry] {
        try PGStoredLogReader.entries(run: run, layout: layout, connection: try admin())
    }

    /// The server keeps its pages consistent itself (WAL, crash recovery); what LogBench checks is
    /// that every run still holds a JSON array and that no (run, producer, seq) is stored twice.
    package func integrityCheck() throws -> String {
        let admin = try admin()
        var complaints: [String] = []
        let notArrays = try admin.scalar("SELECT count(*) FROM runs WHERE jsonb_typeof(logs) <> 'array'")
        if notArrays > 0 { complaints.append("\(notArrays) run(s) hold no JSON array") }
        let duplicates = try admin.scalar(
            "SELECT count(*) FROM (SELECT 1 FROM log_entries GROUP BY run_id, producer, seq HAVING count(*) > 1) d")
        if duplicates > 0 { complaints.append("\(duplicates) duplicated key(s) in log_entries") }
        return complaints.isEmpty ? "ok" : complaints.joined(separator: "; ")
    }

    package func release() {
        connection?.close()
        connection = nil
    }

    package func close(finished: Bool) {
        if !(keep && finished) {
            // A failing cell may leave writers' backends behind (killed workers): DROP would wait
            // for their locks, so wait for them first (cheap when they are gone).
            if !finished {
                try? reopen()
                try? awaitWritersGone()
            }
            let dropped = connection.map { (try? schema.drop(on: $0)) != nil } ?? false
            if !dropped && !Self.drop(schema, url: url) {
                // The server went away (or refused): say what stays there and how to remove it.
                FileHandle.standardError.write(
                    Data("bench: left schema \(schema.name) on the server; `bench clean` removes it\n".utf8))
            }
        }
        release()
        scope.remove(action: cleanup)
    }

    /// Drops `schema` through a connection of its own, waiting at most 5 s for locks, after ending
    /// the backends of writers that may still hold some (`pg_terminate_backend`, allowed on one's
    /// own role's backends).
    @discardableResult
    package static func drop(_ schema: PGSchema, url: String, terminating pids: [Int32] = []) -> Bool {
        guard let connection = try? PGConnection(url: url, settings: ["lock_timeout": "5s"]) else { return false }
        if !pids.isEmpty {
            let list = "{\(pids.map(String.init).joined(separator: ","))}"
            _ = try? connection.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1::int[])", [list])
        }
        defer { connection.close() }
        return (try? schema.drop(on: connection)) != nil
    }
}
