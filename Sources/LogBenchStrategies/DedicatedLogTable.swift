import LogBenchModel
import LogBenchStore

/// `log-table`: the dedicated table. One INSERT per entry into `log_entries`, whose
/// UNIQUE (run_id, producer, seq) makes a duplicate an error instead of a second row; reading a
/// run back is `SELECT … ORDER BY id` (an INTEGER PRIMARY KEY keeps insertion order).
///
/// - Serializes: SQLite's write lock for the one statement; nothing is read first, so nothing can
///   be overwritten.
/// - Connections: one per producer.
/// - Across processes: yes. Needs a schema change (the new table) in the pipeline.
public final class DedicatedLogTable: BuiltInStrategy {
    public static let name = "log-table"
    public static let layout = StorageLayout.logTable
    public static let claimsProcessSafety = true
    public static let connectionPolicy = ConnectionPolicy.perProducer
    public static let buffersEntries = false
    public static let summary = "one INSERT per entry into an append-only table keyed by (run, producer, seq)"

    private let context: StrategyContext

    public init(context: StrategyContext) throws { self.context = context }

    public func makeAppender(producer: Int) throws -> any LogAppender {
        try Appender(connection: try context.openConnection(), context: context)
    }

    private final class Appender: LogAppender {
        package let connection: Connection
        package let insert: LogTableInsert
        package let context: StrategyContext

        package init(connection: Connection, context: StrategyContext) throws {
            self.connection = connection
            self.context = context
            insert = try LogTableInsert(connection: connection)
        }

        deinit { connection.close() }

        package func append(_ entry: LogEntry, run: Int) throws {
            // There is no critical section of ours: the injected delay precedes the statement.
            context.injectedDelay()
            try PhaseSample.measure(.write) { try insert.insert(entry, run: run) }
        }
    }
}
