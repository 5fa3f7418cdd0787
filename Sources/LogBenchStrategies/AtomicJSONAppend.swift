import Foundation
import LogBenchModel
import LogBenchStore

/// `atomic-append`: the JSON column kept, but appended by one statement,
/// `UPDATE runs SET logs = json_insert(logs, '$[#]', json(?)) WHERE id = ?`.
///
/// - Serializes: SQLite's write lock for the one statement; the read and the write are one step.
///   SQLite still re-parses and rewrites the whole array: O(size of the log) per append.
/// - Connections: one per producer.
/// - Across processes: yes. No schema change.
public final class AtomicJSONAppend: BuiltInStrategy {
    public static let name = "atomic-append"
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = true
    public static let connectionPolicy = ConnectionPolicy.perProducer
    public static let buffersEntries = false
    public static let summary = "one UPDATE with json_insert(logs, '$[#]', json(?)) per entry"

    private let context: StrategyContext

    public init(context: StrategyContext) throws { self.context = context }

    public func makeAppender(producer: Int) throws -> any LogAppender {
        try Appender(connection: try context.openConnection(), context: context)
    }

    private final class Appender: LogAppender {
        package let connection: Connection
        package let update: Statement
        package let context: StrategyContext
        package let encoder = JSONEncoder()

        package init(connection: Connection, context: StrategyContext) throws {
            self.connection = connection
            self.context = context
            // json(?) matters: without it the entry would be stored as a string, not an object.
            update = try Statement(
                connection: connection, sql: "UPDATE runs SET logs = json_insert(logs, '$[#]', json(?)) WHERE id = ?")
        }

        package func append(_ entry: LogEntry, run: Int) throws {
            let json = try PhaseSample.measure(.encode) { String(decoding: try encoder.encode(entry), as: UTF8.self) }
            update.bind(json, at: 1)
            update.bind(Int64(run), at: 2)
            context.injectedDelay()
            // json_insert parses and rewrites the whole array inside SQLite: all of it is this one write.
            try PhaseSample.measure(.write) { try update.run() }
        }
    }
}
