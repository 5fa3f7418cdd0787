import LogBenchModel
import LogBenchStore
import Synchronization

/// A producer's appender for a PostgreSQL strategy: its own connection to the cell's schema (so its
/// transactions are its own) and one design bound to it. The connection closes with the appender,
/// when the producer is done. The injected delay (`--inject-delay-us`) runs in the design's
/// critical section, as it does inside SQLite's read-modify-write.
package final class PGDesignAppender: LogAppender {
    private let connection: PGConnection
    private let design: any PGAppendDesign
    private let tally: PGRetryTally?

    package init(_ type: any PGAppendDesign.Type, context: StrategyContext, tally: PGRetryTally? = nil) throws {
        guard let schema = context.schema else {
            throw PGError(sqlState: nil, message: "not a PostgreSQL cell", context: "make an appender")
        }
        connection = try context.openServerConnection()
        do {
            design = try type.init(connection: connection, schema: schema, codec: context.codec)
        } catch {
            connection.close()
            throw error
        }
        if context.injectedDelayNs > 0 { design.criticalSection = { context.injectedDelay() } }
        self.tally = tally
    }

    deinit { connection.close() }

    package func append(_ entry: LogEntry, run: Int) throws {
        let before = design.retries
        defer { if let tally, design.retries > before { tally.add(design.retries - before) } }
        try design.append(entries: [entry], run: run)
    }
}

/// Whole-transaction restarts (40001/40P01) over every producer of a strategy, for its counters.
package final class PGRetryTally: Sendable {
    package init() {}

    private let total = Mutex(0)
    package func add(_ retries: Int) { total.withLock { $0 += retries } }
    package var counters: StrategyCounters { StrategyCounters(retries: total.withLock { $0 }) }
}

/// The per-run queues of PostgreSQL's `queue` and `queue-batch`: each run's consumer thread opens
/// its own connection and writes through the read-modify-write of `runs.logs` (`PGJSONColumn`).
/// `queue`: one entry per autocommit SELECT and UPDATE, as SQLite's queue (only the in-process
/// queue serializes). `queue-batch`: every pending entry in one transaction that takes the run's
/// row lock before reading (`SELECT … FOR UPDATE`), the counterpart of SQLite's `BEGIN IMMEDIATE`,
/// which takes the write lock before reading.
package enum PGQueueWriter {
    package static func queues(context: StrategyContext, groupCommit: Bool) -> RunQueues {
        RunQueues(runIDs: context.runIDs, groupCommit: groupCommit) { run in
            let connection = try context.openServerConnection()
            let column = try PGJSONColumn(connection: connection, forUpdate: groupCommit, codec: context.codec)
            let transaction = PGTransactionRunner(connection: connection)
            let delay: (() -> Void)? = context.injectedDelayNs > 0 ? { context.injectedDelay() } : nil
            return { entries in
                if groupCommit {
                    try transaction.run { try column.append(entries, run: run, criticalSection: delay) }
                } else {
                    try column.append(entries, run: run, criticalSection: delay)
                }
            }
        }
    }
}
