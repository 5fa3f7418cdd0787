import LogBenchModel
import LogBenchStore

/// `queue`: the seed's fix. Per run, a FIFO of pending entries and one consumer thread that does the
/// read-modify-write for one entry at a time; the caller returns once its own entry is written, or
/// with `--ack accepted` once it is queued (the seed's promise, not awaited).
///
/// - Serializes: in memory, per run, through the single consumer (see `RunQueue`).
/// - Connections: one per run, owned by that run's consumer. Runs do not wait for each other's queue
///   (SQLite still admits one writer at a time).
/// - Across processes: no. Each process has its own queue, so two processes still race.
public final class PerRunQueue: BuiltInStrategy {
    public static let name = "queue"
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = false
    public static let connectionPolicy = ConnectionPolicy.perRunConsumer
    public static let pendingEntriesDieWithProcess = true
    public static let buffersEntries = true
    public static let summary = "per-run in-process FIFO, one consumer, one read-modify-write per entry"

    private let queues: RunQueues

    public init(context: StrategyContext) throws {
        queues = RunQueues(context: context, groupCommit: false)
    }

    public func makeAppender(producer: Int) throws -> any LogAppender { QueueAppender(queues: queues) }
    public func counters() -> StrategyCounters { queues.counters }
    public func pendingSnapshot() -> PendingSnapshot? { queues.snapshot }
    public func finishPendingWrites(limitNs: UInt64) -> Int { queues.finish(limitNs: limitNs) }
    public func shutdown() { queues.stopAll() }
}
