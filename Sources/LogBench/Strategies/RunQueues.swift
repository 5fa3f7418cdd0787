/// The per-run queues of one cell, created up front so lookups need no lock; shared by both queue
/// strategies.
final class RunQueues: @unchecked Sendable {
    private let queues: [Int: RunQueue]

    init(context: StrategyContext, groupCommit: Bool) {
        var queues: [Int: RunQueue] = [:]
        for run in context.runIDs {
            queues[run] = RunQueue(run: run, groupCommit: groupCommit, bound: context.maxPendingPerRun) {
                let connection = try context.openConnection()
                let column = try JSONLogColumn(connection: connection, codec: context.codec)
                return { entries in
                    if groupCommit { try connection.execute("BEGIN IMMEDIATE") }
                    do {
                        try column.append(entries, run: run, context: context)
                        if groupCommit { try connection.execute("COMMIT") }
                    } catch {
                        if groupCommit { try? connection.execute("ROLLBACK") }
                        throw error
                    }
                }
            }
        }
        self.queues = queues
    }

    func queue(_ run: Int) -> RunQueue {
        guard let queue = queues[run] else { preconditionFailure("no queue for run \(run)") }
        return queue
    }

    var counters: StrategyCounters {
        let stats = queues.values.map(\.stats)
        var counters = StrategyCounters(maxPendingPerRun: stats.map(\.maxPending).max() ?? 0)
        counters.p99PendingPerRun = stats.map(\.p99Pending).max() ?? 0
        counters.maxPendingBytes = stats.map(\.maxBytes).max() ?? 0
        let abandoned = stats.reduce(0) { $0 + $1.abandoned }
        counters.abandonedPending = abandoned > 0 ? abandoned : nil
        return counters
    }

    var snapshot: PendingSnapshot {
        var total = PendingSnapshot()
        for queue in queues.values {
            let (entries, bytes) = queue.snapshot
            total.entries += entries
            total.bytes += bytes
            total.largestRun = max(total.largestRun, entries)
        }
        return total
    }

    func finish(limitNs: UInt64) -> Int {
        let deadline = MonotonicClock.now() + limitNs
        return queues.values.reduce(0) { $0 + $1.finish(deadlineNs: deadline) }
    }

    func stopAll() { queues.values.forEach { $0.stop() } }
}

/// A producer's handle on the per-run queues; shared by both queue strategies.
final class QueueAppender: BufferingLogAppender {
    private let queues: RunQueues
    private let ticket = RunQueue.Ticket()

    init(queues: RunQueues) { self.queues = queues }

    func append(_ entry: LogEntry, run: Int) throws {
        try queues.queue(run).submit(entry, ticket: ticket)
    }

    func accept(_ entry: LogEntry, run: Int, observer: any DurabilityObserver) throws {
        queues.queue(run).accept(entry, observer: observer)
    }
}
