import LogBenchModel
import LogBenchStore

/// `log-table-batch` on PostgreSQL: the per-run queue in front of the dedicated table. The consumer
/// takes every pending entry of the run and inserts them all with one statement in one transaction
/// (`PGLogTableBatchInsert`), then releases their callers: one round trip and one commit per batch.
///
/// - Connections: one per run, owned by its consumer.
/// - Across processes and hosts: the table is (a duplicate is an error, nothing is overwritten), but
///   each process has its own queue and pending entries die with it.
public final class PGGroupCommitLogTable: BuiltInStrategy {
    public static let name = PGLogTableBatchInsert.name
    public static let engine = EngineKind.postgres
    public static let layout = StorageLayout.logTable
    public static let claimsProcessSafety = true
    public static let connectionPolicy = ConnectionPolicy.perRunConsumer
    public static let pendingEntriesDieWithProcess = true
    public static let buffersEntries = true
    public static let summary = "per-run in-process FIFO, one multi-row INSERT of all pending entries per batch"

    private let queues: RunQueues

    public init(context: StrategyContext) throws {
        guard let schema = context.schema else {
            throw UsageError("\(Self.name) on PostgreSQL needs the cell's schema")
        }
        queues = RunQueues(runIDs: context.runIDs, groupCommit: true) { run in
            let connection = try context.openServerConnection()
            let design = try PGLogTableBatchInsert(connection: connection, schema: schema, codec: context.codec)
            return { entries in
                context.injectedDelay()
                try design.append(entries: entries, run: run)
            }
        }
    }

    public func makeAppender(producer: Int) throws -> any LogAppender { QueueAppender(queues: queues) }
    public func counters() -> StrategyCounters { queues.counters }
    public func pendingSnapshot() -> PendingSnapshot? { queues.snapshot }
    public func finishPendingWrites(limitNs: UInt64) -> Int { queues.finish(limitNs: limitNs) }
    public func shutdown() { queues.stopAll() }
}
