import LogBenchModel
import LogBenchStore
import Synchronization

/// `transaction`: the read-modify-write inside `BEGIN IMMEDIATE … COMMIT` on the producer's own
/// connection.
///
/// - Serializes: SQLite's write lock, taken up front by BEGIN IMMEDIATE; waiters sleep in the busy
///   handler (polling, not FIFO) until the busy timeout, and a BEGIN that still times out restarts
///   the whole transaction (counted as a retry). A DEFERRED read-then-write would not do: its
///   upgrade to writer fails with SQLITE_BUSY or SQLITE_BUSY_SNAPSHOT, skipping the busy handler on
///   purpose, so no busy timeout resolves it; only restarting the transaction would.
/// - Connections: one per producer (a transaction belongs to a connection).
/// - Across processes: yes, the lock is the database file's.
public final class ImmediateTransaction: BuiltInStrategy {
    public static let name = "transaction"
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = true
    public static let connectionPolicy = ConnectionPolicy.perProducer
    public static let buffersEntries = false
    public static let summary = "BEGIN IMMEDIATE; SELECT; UPDATE; COMMIT per entry, one connection per producer"

    /// Restarts after a timed-out BEGIN before the append is reported as failed.
    package static let maxRetries = 5

    private let context: StrategyContext
    private let totals = Mutex(StrategyCounters())

    public init(context: StrategyContext) throws { self.context = context }

    public func makeAppender(producer: Int) throws -> any LogAppender {
        let connection = try context.openConnection()
        return try Appender(
            connection: connection, column: try JSONLogColumn(connection: connection, codec: context.codec), owner: self
        )
    }

    public func counters() -> StrategyCounters { totals.withLock { $0 } }

    private final class Appender: LogAppender {
        package let connection: Connection
        package let column: JSONLogColumn
        package let owner: ImmediateTransaction
        package let transaction: WriteTransaction

        package init(connection: Connection, column: JSONLogColumn, owner: ImmediateTransaction) throws {
            self.connection = connection
            self.column = column
            self.owner = owner
            transaction = try WriteTransaction(connection: connection)
        }

        package func append(_ entry: LogEntry, run: Int) throws {
            let waitsBefore = connection.busyWaits
            var retries = 0
            defer {
                let waits = connection.busyWaits - waitsBefore
                if waits > 0 || retries > 0 {
                    owner.totals.withLock {
                        $0.busyWaits += waits
                        $0.retries += retries
                    }
                }
            }
            while true {
                do {
                    // BEGIN IMMEDIATE takes the write lock, sleeping in the busy handler while another holds it.
                    try PhaseSample.measure(.wait) { try transaction.beginImmediate() }
                } catch let error as SQLiteError where error.isBusy && retries < ImmediateTransaction.maxRetries {
                    retries += 1
                    continue
                }
                do {
                    try column.append([entry], run: run, context: owner.context)
                    try PhaseSample.measure(.commit) { try transaction.commit() }
                    return
                } catch {
                    transaction.rollback()
                    throw error
                }
            }
        }
    }
}
