import LogBenchModel
import LogBenchStore

/// `transaction` on PostgreSQL: `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT logs … FOR UPDATE;`
/// decode, append, encode; `UPDATE; COMMIT`.
///
/// - Serializes: the run's row lock, taken by FOR UPDATE; waiters queue in the server's lock
///   manager (no polling) and, once granted, read the newest committed array (READ COMMITTED
///   re-reads the locked row). Under READ COMMITTED neither 40001 nor (with one row per
///   transaction) 40P01 should occur; if the server reports either, the transaction is restarted
///   and counted in `retries`.
/// - Connections: one per producer (the transaction is the connection's).
public final class PGTransactionAppend: PGAppendDesign {
    public static let name = "transaction"
    public static let layout = StorageLayout.jsonColumn
    public var criticalSection: (() -> Void)?
    public var retries: Int { transaction.retries }
    private let column: PGJSONColumn
    private let transaction: PGTransactionRunner

    public init(connection: PGConnection, schema: PGSchema, codec: CodecKind) throws {
        column = try PGJSONColumn(connection: connection, forUpdate: true, codec: codec)
        transaction = PGTransactionRunner(connection: connection)
    }

    public func append(entries: [LogEntry], run: Int) throws {
        try transaction.run {
            try column.append(entries, run: run, criticalSection: criticalSection)
        }
    }
}
