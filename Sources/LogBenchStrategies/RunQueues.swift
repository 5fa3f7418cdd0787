import LogBenchModel
import LogBenchStore

/// The per-run queues of one cell, created up front so lookups need no lock; shared by both queue
/// strategies.
package final class RunQueues: @unchecked Sendable {
    private let queues: [Int: RunQueue]
    private let groupCommit: Bool

    /// Queues whose consumers append to the pipeline's JSON column (the seed's design).
    package convenience init(context: StrategyContext, groupCommit: Bool) {
        self.init(context: context, groupCommit: groupCommit) { connection, run in
            let column = try JSONLogColumn(connection: connection, codec: context.codec)
            return { entries in try column.append(entries, run: run, context: context) }
        }
    }

    /// `makeWriter(connection, run)` builds the consumer's write of a batch on the consumer's own
    /// SQLite connection; with `groupCommit` each batch runs inside one `BEGIN IMMEDIATE … COMMIT`.
    package convenience init(
        context: StrategyContext, groupCommit: Bool,
        makeWriter: @escaping @Sendable (Connection, Int) throws -> RunQueue.Writer
    ) {
        self.init(runIDs: context.runIDs, groupCommit: groupCommit, bound: context.maxPendingPerRun) { run in
            let connection = try context.openConnection()
            let write = try makeWriter(connection, run)
            let transaction = groupCommit ? try WriteTransaction(connection: connection) : nil
            return { entries in
                if let transaction { try PhaseSample.measure(.wait) { try transaction.beginImmediate() } }
                do {
                    try write(entries)
                    if let transaction { try PhaseSample.measure(.commit) { try transaction.commit() } }
                } catch {
                    transaction?.rollback()
                    throw error
                }
            }
        }
    }

    /// Queues whose consumers write through `makeWriter(run)`, called on each run's consumer thread
    /// (any engine's write of a batch).
    package init(
        runIDs: [Int], groupCommit: Bool, bound: Int? = nil,
        makeWriter: @escaping @Sendable (Int) throws -> RunQueue.Writer
    ) {
        var queues: [Int: RunQueue] = [:]
        for run in runIDs {
            queues[run] = RunQueue(run: run, groupCommit: groupCommit, bound: bound) { try makeWriter(run) }
        }
        self.queues = queues
        self.groupCommit = groupCommit
    }

    package func queue(_ run: Int) -> RunQueue {
        guard let queue = queues[run] else { preconditionFailure("no queue for run \(run)") }
        return queue
    }

    package var counters: StrategyCounters {
        let stats = queues.values.map(\.stats)
        var counters = StrategyCounters(maxPendingPerRun: stats.map(\.maxPending).max() ?? 0)
        counters.p99PendingPerRun = stats.map(\.p99Pending).max() ?? 0
        counters.maxPendingBytes = stats.map(\.maxBytes).max() ?? 0
        let abandoned = stats.reduce(0) { $0 + $1.abandoned }
        counters.abandonedPending = abandoned > 0 ? abandoned : nil
        if groupCommit {
            // The measured runs' commits only: the warm-up's queues write before the measured phase.
            let measured = queues.filter { $0.key < Workload.warmupRunOffset }.values.map(\.stats)
            counters.groupCommits = measured.reduce(0) { $0 + $1.writes }
            counters.groupCommittedEntries = measured.reduce(0) { $0 + $1.writtenEntries }
        }
        return counters
    }

    package var snapshot: PendingSnapshot {
        var total = PendingSnapshot()
        for queue in queues.values {
            let (entries, bytes) = queue.snapshot
            total.entries += entries
            total.bytes += bytes
            total.largestRun = max(total.largestRun, entries)
        }
        return total
    }

    package func finish(limitNs: UInt64) -> Int {
        let deadline = MonotonicClock.now() + limitNs
        return queues.values.reduce(0) { $0 + $1.finish(deadlineNs: deadline) }
    }

    package func stopAll() { queues.values.forEach { $0.stop() } }
}

/// A producer's handle on the per-run queues; shared by both queue strategies.
package final class QueueAppender: BufferingLogAppender {
    private let queues: RunQueues
    private let ticket = RunQueue.Ticket()

    package init(queues: RunQueues) { self.queues = queues }

    package func append(_ entry: LogEntry, run: Int) throws {
        let start = MonotonicClock.now()
        defer {
            // The consumer's phases for this entry's batch; the rest of the call was spent queued.
            let elapsed = MonotonicClock.now() &- start
            let phases = PhaseSample.current
            phases.add(ticket.phases)
            let claimed = phases.ns.reduce(0, &+)
            phases.ns[Phase.wait.rawValue] &+= elapsed > claimed ? elapsed - claimed : 0
        }
        try queues.queue(run).submit(entry, ticket: ticket)
    }

    package func accept(_ entry: LogEntry, run: Int, observer: any DurabilityObserver) throws {
        // The call is the enqueue: with --max-pending, waiting for room is its wait.
        PhaseSample.measure(.wait) { queues.queue(run).accept(entry, observer: observer) }
    }
}
