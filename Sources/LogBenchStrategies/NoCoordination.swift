import LogBenchModel
import LogBenchStore

/// `none`: the pipeline before the fix, and the reference every overhead is measured against.
///
/// - Serializes: nothing. Each producer reads the run's JSON array, appends in memory and writes it
///   back; concurrent producers read the same array and the last write wins, losing the others.
/// - Connections: one connection shared by all producers, as the pipeline had (SQLite's serialized
///   mode keeps memory safe; it does not make the read and the write one unit).
/// - Across processes: no (it is not even safe across threads).
public final class NoCoordination: BuiltInStrategy {
    public static let name = "none"
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = false
    public static let connectionPolicy = ConnectionPolicy.sharedByProducers
    public static let buffersEntries = false
    public static let isReference = true
    public static let summary = "read-modify-write of the JSON column with no coordination (the bug)"

    private let context: StrategyContext
    private let shared: Connection

    public init(context: StrategyContext) throws {
        self.context = context
        self.shared = try context.openConnection()
    }

    public func makeAppender(producer: Int) throws -> any LogAppender {
        Appender(column: try JSONLogColumn(connection: shared, codec: context.codec), context: context)
    }

    /// Tasks mode, as the seed wrote it: read the run's array, `await` (where the seed awaited its
    /// database driver, other tasks run), then write the array back, all on the one shared connection.
    /// Every task that reads before another's write loses that write.
    public func makeAsyncAppender(producer: Int) throws -> any AsyncLogAppender {
        SeedShapedAppender(column: try JSONLogColumn(connection: shared), context: context)
    }

    public func shutdown() { shared.close() }

    private final class SeedShapedAppender: AsyncLogAppender {
        package let column: JSONLogColumn
        package let context: StrategyContext
        package init(column: JSONLogColumn, context: StrategyContext) {
            self.column = column
            self.context = context
        }
        package func addLog(_ entry: LogEntry, run: Int) async throws {
            var logs = try column.read(run: run)
            await Task.yield()
            logs.append([entry])
            context.injectedDelay()
            try column.write(logs, run: run)
        }
    }

    private final class Appender: LogAppender {
        package let column: JSONLogColumn
        package let context: StrategyContext
        package init(column: JSONLogColumn, context: StrategyContext) {
            self.column = column
            self.context = context
        }
        package func append(_ entry: LogEntry, run: Int) throws {
            try column.append([entry], run: run, context: context)
        }
    }
}
