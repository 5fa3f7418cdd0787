import LogBenchModel
import LogBenchStore

/// `log-table` on PostgreSQL: one INSERT per entry into `log_entries`, each committing alone
/// (`PGLogTableInsert`); UNIQUE (run_id, producer, seq) turns a duplicate into an error.
///
/// - Serializes: nothing of ours; nothing is read first, so nothing can be overwritten.
/// - Connections: one per producer.
/// - Across processes and hosts: yes. Needs a schema change (the new table).
public final class PGDedicatedLogTable: BuiltInStrategy {
    public static let name = PGLogTableInsert.name
    public static let engine = EngineKind.postgres
    public static let layout = StorageLayout.logTable
    public static let claimsProcessSafety = true
    public static let connectionPolicy = ConnectionPolicy.perProducer
    public static let summary = "one INSERT per entry into an append-only table keyed by (run, producer, seq)"

    private let context: StrategyContext

    public init(context: StrategyContext) throws { self.context = context }

    public func makeAppender(producer: Int) throws -> any LogAppender {
        try PGDesignAppender(PGLogTableInsert.self, context: context)
    }
}
