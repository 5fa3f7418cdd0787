import Foundation

/// One run's FIFO of pending appends and its single consumer thread, the seed's "per-run queue".
///
/// A caller's `submit` blocks until its own entry has been written (the seed resolved a promise at
/// that point). One consumer drains the FIFO, so writes for the run happen strictly one after
/// another, which an actor alone would not guarantee (actors are re-entrant across suspensions).
/// With `groupCommit`, the consumer takes everything pending and writes it in one transaction.
final class RunQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [Ticket] = []
    private var outstanding = 0
    private var maxOutstanding = 0
    private var stopping = false
    private var consumer: OSThread?

    /// Called on the consumer thread with one or more entries, in FIFO order.
    typealias Writer = ([LogEntry]) throws -> Void

    init(run: Int, groupCommit: Bool, makeWriter: @escaping @Sendable () throws -> Writer) {
        consumer = OSThread(name: "queue-run-\(run)") { [self] in
            consume(groupCommit: groupCommit, makeWriter: makeWriter)
        }
    }

    /// Enqueues `entry` and waits until the consumer has written it (or failed to).
    func submit(_ entry: LogEntry, ticket: Ticket) throws {
        ticket.entry = entry
        ticket.error = nil
        condition.lock()
        waiting.append(ticket)
        outstanding += 1
        maxOutstanding = max(maxOutstanding, outstanding)
        condition.signal()
        condition.unlock()
        ticket.done.wait()
        if let error = ticket.error { throw error }
    }

    var maxPending: Int {
        condition.lock()
        defer { condition.unlock() }
        return maxOutstanding
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        consumer?.join()
        consumer = nil
    }

    private func consume(groupCommit: Bool, makeWriter: () throws -> Writer) {
        let writer: Writer
        do {
            writer = try makeWriter()
        } catch {
            let failure = error
            writer = { _ in throw failure }
        }
        while true {
            condition.lock()
            while waiting.isEmpty && !stopping { condition.wait() }
            if waiting.isEmpty && stopping {
                condition.unlock()
                return
            }
            let batch: [Ticket]
            if groupCommit {
                batch = waiting
                waiting.removeAll(keepingCapacity: true)
            } else {
                batch = [waiting.removeFirst()]
            }
            condition.unlock()

            var failure: Error?
            let phases = PhaseSample.current
            phases.reset()
            do { try writer(batch.map { $0.entry! }) } catch { failure = error }

            condition.lock()
            outstanding -= batch.count
            condition.unlock()
            for ticket in batch {
                ticket.phases.reset()
                ticket.phases.add(phases)
                ticket.error = failure
                ticket.done.signal()
            }
        }
    }

    /// A producer's reusable slot for the entry in flight; producers submit one entry at a time.
    final class Ticket: @unchecked Sendable {
        var entry: LogEntry?
        var error: Error?
        /// The consumer's phases for the batch this entry was written in.
        let phases = PhaseSample()
        let done = DispatchSemaphore(value: 0)
    }
}

/// The per-run queues of one cell, created up front so lookups need no lock.
final class RunQueues: @unchecked Sendable {
    private let queues: [Int: RunQueue]

    /// Queues whose consumers append to the pipeline's JSON column (the seed's design).
    convenience init(context: StrategyContext, groupCommit: Bool) {
        self.init(context: context, groupCommit: groupCommit) { connection, run in
            let column = try JSONLogColumn(connection: connection, codec: context.codec)
            return { entries in try column.append(entries, run: run, context: context) }
        }
    }

    /// `makeWriter(connection, run)` builds the consumer's write of a batch on the consumer's own
    /// connection; with `groupCommit` each batch runs inside one `BEGIN IMMEDIATE … COMMIT`.
    init(
        context: StrategyContext, groupCommit: Bool,
        makeWriter: @escaping @Sendable (Connection, Int) throws -> RunQueue.Writer
    ) {
        var queues: [Int: RunQueue] = [:]
        for run in context.runIDs {
            queues[run] = RunQueue(run: run, groupCommit: groupCommit) {
                let connection = try context.openConnection()
                let write = try makeWriter(connection, run)
                return { entries in
                    if groupCommit { try PhaseSample.measure(.wait) { try connection.execute("BEGIN IMMEDIATE") } }
                    do {
                        try write(entries)
                        if groupCommit { try PhaseSample.measure(.commit) { try connection.execute("COMMIT") } }
                    } catch {
                        if groupCommit { try? connection.execute("ROLLBACK") }
                        throw error
                    }
                }
            }
        }
        self.queues = queues
    }

    /// Queues whose consumers write through `makeWriter(run)`, called on each run's consumer thread
    /// (another engine's read-modify-write).
    init(runIDs: [Int], groupCommit: Bool, makeWriter: @escaping @Sendable (Int) throws -> RunQueue.Writer) {
        var queues: [Int: RunQueue] = [:]
        for run in runIDs {
            queues[run] = RunQueue(run: run, groupCommit: groupCommit) { try makeWriter(run) }
        }
        self.queues = queues
    }

    func submit(_ entry: LogEntry, run: Int, ticket: RunQueue.Ticket) throws {
        guard let queue = queues[run] else { preconditionFailure("no queue for run \(run)") }
        try queue.submit(entry, ticket: ticket)
    }

    var maxPendingPerRun: Int { queues.values.map(\.maxPending).max() ?? 0 }

    func stopAll() { queues.values.forEach { $0.stop() } }
}
