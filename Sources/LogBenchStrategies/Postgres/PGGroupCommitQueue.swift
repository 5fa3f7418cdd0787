import LogBenchModel
import LogBenchStore

/// `queue-batch` on PostgreSQL: the per-run queue with group commit. The consumer takes every
/// pending entry of the run and appends them in one read-modify-write inside one transaction that
/// holds the run's row lock from the read on (`PGQueueWriter`), then releases all their callers.
///
/// - Connections: one per run, owned by its consumer.
/// - Across processes: not claimed, as for SQLite's: the design is an in-process queue. Its
///   transaction (like SQLite's `BEGIN IMMEDIATE`) does serialize consumers of several processes;
///   the measured verdict says so.
public final class PGGroupCommitQueue: BuiltInStrategy {
    public static let name = GroupCommitQueue.name
    public static let engine = EngineKind.postgres
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = false
    public static let connectionPolicy = ConnectionPolicy.perRunConsumer
    public static let pendingEntriesDieWithProcess = true
    public static let buffersEntries = true
    public static let summary = "per-run in-process FIFO with group commit: all pending entries per transaction"

    private let queues: RunQueues

    public init(context: StrategyContext) throws {
        queues = PGQueueWriter.queues(context: context, groupCommit: true)
    }

    public func makeAppender(producer: Int) throws -> any LogAppender { QueueAppender(queues: queues) }
    public func counters() -> StrategyCounters { queues.counters }
    public func pendingSnapshot() -> PendingSnapshot? { queues.snapshot }
    public func finishPendingWrites(limitNs: UInt64) -> Int { queues.finish(limitNs: limitNs) }
    public func shutdown() { queues.stopAll() }
}
