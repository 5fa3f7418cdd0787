import LogBenchModel
import LogBenchStore

/// `queue-batch`: the seed's queue with group commit. The consumer takes every pending entry of the
/// run, appends them all in one read-modify-write inside one `BEGIN IMMEDIATE` transaction, then
/// releases all their callers (with `--ack accepted`: tells their observers; the callers went on).
///
/// - Serializes: in memory, per run, through the single consumer; one commit per batch.
/// - Connections: one per run, owned by that run's consumer.
/// - Across processes: no, for the same reason as `queue`.
public final class GroupCommitQueue: BuiltInStrategy {
    public static let name = "queue-batch"
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = false
    public static let connectionPolicy = ConnectionPolicy.perRunConsumer
    public static let pendingEntriesDieWithProcess = true
    public static let buffersEntries = true
    public static let summary = "per-run in-process FIFO with group commit: all pending entries per transaction"

    private let queues: RunQueues

    public init(context: StrategyContext) throws {
        queues = RunQueues(context: context, groupCommit: true)
    }

    public func makeAppender(producer: Int) throws -> any LogAppender { QueueAppender(queues: queues) }
    public func counters() -> StrategyCounters { queues.counters }
    public func pendingSnapshot() -> PendingSnapshot? { queues.snapshot }
    public func finishPendingWrites(limitNs: UInt64) -> Int { queues.finish(limitNs: limitNs) }
    public func shutdown() { queues.stopAll() }
}
