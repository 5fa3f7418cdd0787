import Foundation
import LogBenchModel

/// One cell's private PostgreSQL namespace: a fresh schema `logbench_<16 hex digits>` holding the
/// same two tables as SQLite's `Schema`. LogBench creates it, points its connections at it through
/// `search_path`, and drops it; it never names any other schema, so a shared database is safe.
///
/// - `runs.logs` is JSONB: `||` appends to it in one statement (`json` has no such operator), and
///   the server validates every write. JSONB stores objects with their keys reordered (shortest
///   first) and without whitespace, so the stored text differs from what was sent; arrays keep
///   their order, and readers go by field name, so the audit sees the same entries.
/// - `log_entries.id` is a BIGSERIAL: ids follow the order rows were inserted in (each producer's
///   rows stay in its own order); concurrent transactions may commit in another order.
public struct PGSchema: Sendable, Hashable, CustomStringConvertible {
    public static let prefix = "logbench_"

    /// The schema's name, always `logbench_` followed by lowercase hex digits.
    public let name: String

    /// A new, random name. Nothing exists on the server until `create(runIDs:on:)`.
    public init() {
        name = Self.prefix + (0..<2).map { _ in String(format: "%016llx", UInt64.random(in: .min ... .max)) }.joined()
    }

    /// A schema's name as LogBench writes names: `logbench_` and then lowercase ASCII letters,
    /// digits or underscores, 63 bytes at most (PostgreSQL's limit). Random names are hex; a kept
    /// schema (`--db`) may be named by the user. Nothing else is accepted: names go into SQL.
    public init(name: String) throws {
        guard name.hasPrefix(Self.prefix), name.count > Self.prefix.count, name.utf8.count <= 63,
            name.dropFirst(Self.prefix.count).allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else {
            throw PGError(sqlState: nil, message: "not a LogBench schema name", context: "schema \(name)")
        }
        self.name = name
    }

    public var description: String { name }

    /// The advisory-lock namespace of this schema (first key of `pg_advisory_xact_lock(int, int)`).
    /// Advisory locks are database-wide; keying them by schema keeps concurrent cells apart.
    /// Random names give their first 8 hex digits; other names a hash of the name (FNV-1a).
    public var lockSpace: Int32 {
        let hex = name.dropFirst(Self.prefix.count).prefix(8)
        if let value = UInt32(hex, radix: 16) { return Int32(bitPattern: value) }
        let hash = name.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
        return Int32(bitPattern: hash)
    }

    package static let tableStatements = [
        "CREATE TABLE runs (id BIGINT PRIMARY KEY, logs JSONB NOT NULL DEFAULT '[]')",
        """
        CREATE TABLE log_entries (
            id BIGSERIAL PRIMARY KEY,
            run_id BIGINT NOT NULL,
            producer BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            level TEXT NOT NULL,
            ts BIGINT NOT NULL,
            message TEXT NOT NULL,
            UNIQUE (run_id, producer, seq)
        )
        """,
    ]

    /// Creates the schema, its tables and one empty run per id, in one transaction, and leaves
    /// `connection` pointed at it (its `search_path`).
    /// Many entries into `log_entries` in one statement: $1 the run, $2 the entries as one JSON
    /// array, inserted in array order (ORDER BY the ordinality), so their ids keep the entries' order.
    public static let logTableBatchInsert = """
        INSERT INTO log_entries (run_id, producer, seq, level, ts, message)
        SELECT $1::bigint, e.producer, e.seq, e.level, e.ts, e.message
        FROM ROWS FROM (
            json_to_recordset($2::json) AS (producer bigint, seq bigint, level text, ts bigint, message text)
        ) WITH ORDINALITY AS e(producer, seq, level, ts, message, position)
        ORDER BY e.position
        """

    public func create(runIDs: [Int], on connection: PGConnection) throws {
        try connection.execute("BEGIN")
        do {
            try connection.execute("CREATE SCHEMA \(name)")
            try use(on: connection)
            for sql in Self.tableStatements { try connection.execute(sql) }
            try connection.query(
                "INSERT INTO runs (id) SELECT unnest($1::bigint[])",
                ["{\(runIDs.map(String.init).joined(separator: ","))}"])
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Opens a connection whose `search_path` is this schema alone, so unqualified table names are
    /// this cell's (pg_catalog stays implicitly first: built-in types and functions resolve).
    public func connect(url: String) throws -> PGConnection {
        try PGConnection(url: url, settings: ["search_path": name])
    }

    /// Points an existing connection at this schema for the rest of its session.
    public func use(on connection: PGConnection) throws {
        try connection.execute("SET search_path TO \(name)")
    }

    /// Removes the warm-up runs' entries so a kept schema holds exactly the measured phase.
    public func dropRuns(_ runIDs: [Int], on connection: PGConnection) throws {
        let ids = "{\(runIDs.map(String.init).joined(separator: ","))}"
        try connection.execute("BEGIN")
        do {
            try connection.query("DELETE FROM \(name).runs WHERE id = ANY($1::bigint[])", [ids])
            try connection.query("DELETE FROM \(name).log_entries WHERE run_id = ANY($1::bigint[])", [ids])
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Drops the schema and everything in it. Idempotent: an absent schema is no error.
    public func drop(on connection: PGConnection) throws {
        try connection.execute("DROP SCHEMA IF EXISTS \(name) CASCADE")
    }

    /// Whether the schema exists on the server.
    public func exists(on connection: PGConnection) throws -> Bool {
        try connection.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [name]) > 0
    }

    /// Schemas LogBench created and never dropped (e.g. after a crash), for a cleanup command.
    public static func leftovers(on connection: PGConnection) throws -> [PGSchema] {
        try connection.query(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) ORDER BY nspname", [prefix]
        ).rows.compactMap { row in row[0].flatMap { try? PGSchema(name: $0) } }
    }
}
