import LogBenchModel
import LogBenchStore

/// `lock` on PostgreSQL: `BEGIN; SELECT pg_advisory_xact_lock(space, run);` then the plain
/// read-modify-write, `COMMIT` (which releases the lock).
///
/// - Serializes: an advisory lock per run, the server-side counterpart of SQLite's `lock` (a file
///   lock): it protects the run only among producers that take it too. The key is
///   (`schema.lockSpace`, run), because advisory locks are database-wide and run ids repeat in
///   every cell's schema.
/// - The lock must be its own statement: in READ COMMITTED each statement reads from a snapshot
///   taken when it starts, so a SELECT that took the lock and read the row in one statement would
///   read the array as it was before it waited, and lose the previous holder's entry.
/// - Connections: one per producer.
public final class PGAdvisoryLockAppend: PGAppendDesign {
    public static let name = "lock"
    public static let layout = StorageLayout.jsonColumn
    public var criticalSection: (() -> Void)?
    public var retries: Int { transaction.retries }
    private let lock: PGStatement
    private let lockSpace: String
    private let column: PGJSONColumn
    private let transaction: PGTransactionRunner

    public init(connection: PGConnection, schema: PGSchema, codec: CodecKind) throws {
        lock = try connection.prepare("SELECT pg_advisory_xact_lock($1::integer, $2::integer)")
        lockSpace = String(schema.lockSpace)
        column = try PGJSONColumn(connection: connection, forUpdate: false, codec: codec)
        transaction = PGTransactionRunner(connection: connection)
    }

    public func append(entries: [LogEntry], run: Int) throws {
        try transaction.run {
            _ = try PhaseSample.measure(.wait) { try lock.execute([lockSpace, String(run)]) }
            try column.append(entries, run: run, criticalSection: criticalSection)
        }
    }
}
