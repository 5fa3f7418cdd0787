import LogBenchModel
import LogBenchStore

/// `lock` on PostgreSQL: the read-modify-write inside a transaction that first takes
/// `pg_advisory_xact_lock(schema's lock space, run)` (`PGAdvisoryLockAppend`); COMMIT releases it.
/// The cross-host counterpart of SQLite's file lock: it excludes every producer that takes it,
/// wherever it runs, and nothing else.
///
/// - Connections: one per producer (the lock belongs to the connection's transaction).
/// - Across processes and hosts: yes.
public final class PGAdvisoryLock: BuiltInStrategy {
    public static let name = PGAdvisoryLockAppend.name
    public static let engine = EngineKind.postgres
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = true
    public static let connectionPolicy = ConnectionPolicy.perProducer
    public static let summary = "read-modify-write under a per-run advisory lock (pg_advisory_xact_lock)"

    private let context: StrategyContext
    private let tally = PGRetryTally()

    public init(context: StrategyContext) throws { self.context = context }

    public func makeAppender(producer: Int) throws -> any LogAppender {
        try PGDesignAppender(PGAdvisoryLockAppend.self, context: context, tally: tally)
    }

    public func counters() -> StrategyCounters { tally.counters }
}
