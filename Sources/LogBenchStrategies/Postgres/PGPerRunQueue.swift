import LogBenchModel
import LogBenchStore

/// `queue` on PostgreSQL: the seed's per-run in-process FIFO; the run's one consumer does the
/// read-modify-write of `runs.logs` for one entry at a time, in autocommit (`PGQueueWriter`).
///
/// - Connections: one per run, owned by its consumer.
/// - Across processes: no. Each process has its own queue, so two processes still race.
public final class PGPerRunQueue: BuiltInStrategy {
    public static let name = PerRunQueue.name
    public static let engine = EngineKind.postgres
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = false
    public static let connectionPolicy = ConnectionPolicy.perRunConsumer
    public static let pendingEntriesDieWithProcess = true
    public static let buffersEntries = true
    public static let summary = "per-run in-process FIFO, one consumer, one read-modify-write per entry"

    private let queues: RunQueues

    public init(context: StrategyContext) throws {
        queues = PGQueueWriter.queues(context: context, groupCommit: false)
    }

    public func makeAppender(producer: Int) throws -> any LogAppender { QueueAppender(queues: queues) }
    public func counters() -> StrategyCounters { queues.counters }
    public func pendingSnapshot() -> PendingSnapshot? { queues.snapshot }
    public func finishPendingWrites(limitNs: UInt64) -> Int { queues.finish(limitNs: limitNs) }
    public func shutdown() { queues.stopAll() }
}
