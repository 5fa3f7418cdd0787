import LogBenchModel
import LogBenchStore

/// `log-table-batch`: the seed's per-run queue in front of the dedicated table, with group commit.
/// The consumer takes every pending entry of the run and INSERTs them all in one `BEGIN IMMEDIATE`
/// transaction, then releases their callers: one commit (and one fsync at `synchronous=full`) per
/// batch instead of per entry, and no array to re-read or rewrite.
///
/// - Serializes: in memory, per run, through the single consumer; SQLite's write lock per batch.
/// - Connections: one per run, owned by that run's consumer.
/// - Across processes: the table is (a duplicate is an error, nothing is overwritten), but each
///   process has its own queue and pending entries die with it.
public final class GroupCommitLogTable: BuiltInStrategy {
    public static let name = "log-table-batch"
    public static let layout = StorageLayout.logTable
    public static let claimsProcessSafety = true
    public static let connectionPolicy = ConnectionPolicy.perRunConsumer
    public static let pendingEntriesDieWithProcess = true
    public static let buffersEntries = true
    public static let summary = "per-run in-process FIFO, group commit of all pending entries into log_entries"

    private let queues: RunQueues

    public init(context: StrategyContext) throws {
        queues = RunQueues(context: context, groupCommit: true) { connection, run in
            let insert = try LogTableInsert(connection: connection)
            return { entries in
                context.injectedDelay()
                // The batch's INSERTs are this design's write (its commit is timed by RunQueues).
                try PhaseSample.measure(.write) { for entry in entries { try insert.insert(entry, run: run) } }
            }
        }
    }

    public func makeAppender(producer: Int) throws -> any LogAppender { QueueAppender(queues: queues) }
    public func counters() -> StrategyCounters { queues.counters }
    public func pendingSnapshot() -> PendingSnapshot? { queues.snapshot }
    public func finishPendingWrites(limitNs: UInt64) -> Int { queues.finish(limitNs: limitNs) }
    public func shutdown() { queues.stopAll() }
}
