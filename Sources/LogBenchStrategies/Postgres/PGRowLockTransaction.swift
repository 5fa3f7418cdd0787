import LogBenchModel
import LogBenchStore

/// `transaction` on PostgreSQL: `BEGIN` (READ COMMITTED), `SELECT logs … FOR UPDATE`, append,
/// `UPDATE`, `COMMIT` (`PGTransactionAppend`). The row lock queues writers in the server's lock
/// manager; a granted waiter reads the newest committed array. 40001/40P01 restart the
/// transaction (counted as retries; not expected under READ COMMITTED with one row).
///
/// - Connections: one per producer (the transaction is the connection's).
/// - Across processes and hosts: yes.
public final class PGRowLockTransaction: BuiltInStrategy {
    public static let name = PGTransactionAppend.name
    public static let engine = EngineKind.postgres
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = true
    public static let connectionPolicy = ConnectionPolicy.perProducer
    public static let summary = "read-modify-write in a transaction holding the run's row lock (SELECT … FOR UPDATE)"

    private let context: StrategyContext
    private let tally = PGRetryTally()

    public init(context: StrategyContext) throws { self.context = context }

    public func makeAppender(producer: Int) throws -> any LogAppender {
        try PGDesignAppender(PGTransactionAppend.self, context: context, tally: tally)
    }

    public func counters() -> StrategyCounters { tally.counters }
}
