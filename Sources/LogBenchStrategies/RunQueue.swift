import Foundation
import Histogram
import LogBenchModel
import LogBenchStore

/// One run's FIFO of pending appends and its single consumer thread, the seed's "per-run queue".
///
/// Two ways in: `submit` blocks until its own entry has been written (`--ack durable`: the seed's
/// promise awaited); `accept` returns once the entry is queued (`--ack accepted`: the promise not
/// awaited) and the consumer tells the entry's `DurabilityObserver` after the commit. One consumer
/// drains the FIFO, so writes for the run happen strictly one after another, which an actor alone
/// would not guarantee (actors are re-entrant across suspensions). With `groupCommit`, the consumer
/// takes everything pending and writes it in one transaction. With a bound (`--max-pending`), a
/// caller that finds the run holding that many entries waits until the consumer makes room.
package final class RunQueue: @unchecked Sendable {
    private struct Pending {
        package var entry: LogEntry
        package var ticket: Ticket?
        package var observer: (any DurabilityObserver)?
        package var bytes: Int
        /// Its place in the FIFO: the consumer publishes the last number of each batch.
        package var number: UInt32
    }

    private let condition = NSCondition()
    /// FIFO as an array and a head index (removing from the front of an array is O(n)).
    private var waiting: [Pending] = []
    private var head = 0
    private var outstanding = 0
    private var maxOutstanding = 0
    private var heldBytes = 0
    private var maxHeldBytes = 0
    /// The pending count each arriving entry found, itself included (for the p99).
    private var depths = Histogram<UInt64>(highestTrackableValue: 100_000_000, numberOfSignificantValueDigits: .two)
    private let bound: Int?
    private var stopping = false
    private var abandoning = false
    private var abandoned = 0
    private var consumer: OSThread?
    /// Writes the consumer made and the entries they held (a group commit's batches).
    private var writes = 0
    private var writtenEntries = 0
    /// Numbers handed out to entries (wrapping), and the last one written, which waiting callers watch.
    private var enqueued: UInt32 = 0
    private let written = CommitSequence()

    /// Called on the consumer thread with one or more entries, in FIFO order.
    package typealias Writer = ([LogEntry]) throws -> Void

    package init(run: Int, groupCommit: Bool, bound: Int?, makeWriter: @escaping @Sendable () throws -> Writer) {
        self.bound = bound
        consumer = OSThread(name: "queue-run-\(run)") { [self] in
            consume(groupCommit: groupCommit, makeWriter: makeWriter)
        }
    }

    /// Enqueues `entry` and waits until the consumer has written it (or failed to).
    package func submit(_ entry: LogEntry, ticket: Ticket) throws {
        ticket.error = nil
        let number = enqueue(entry, ticket: ticket, observer: nil)
        written.wait(for: number)
        if let error = ticket.error { throw error }
    }

    /// Enqueues `entry` and returns; `observer` hears from the consumer once it is written.
    package func accept(_ entry: LogEntry, observer: any DurabilityObserver) {
        _ = enqueue(entry, ticket: nil, observer: observer)
    }

    private func enqueue(_ entry: LogEntry, ticket: Ticket?, observer: (any DurabilityObserver)?) -> UInt32 {
        condition.lock()
        if let bound {
            while outstanding >= bound && !abandoning { condition.wait() }
        }
        enqueued &+= 1
        let item = Pending(entry: entry, ticket: ticket, observer: observer, bytes: entry.heldBytes, number: enqueued)
        waiting.append(item)
        outstanding += 1
        heldBytes += item.bytes
        maxOutstanding = max(maxOutstanding, outstanding)
        maxHeldBytes = max(maxHeldBytes, heldBytes)
        _ = depths.record(UInt64(outstanding))
        // Broadcast: with a bound, callers waiting for room wait on the same condition as the consumer.
        condition.broadcast()
        condition.unlock()
        return item.number
    }

    package struct Stats {
        package var maxPending = 0
        package var p99Pending = 0
        package var maxBytes = 0
        package var abandoned = 0
        package var writes = 0
        package var writtenEntries = 0
    }

    package var stats: Stats {
        condition.lock()
        defer { condition.unlock() }
        let p99 = depths.totalCount > 0 ? Int(depths.valueAtPercentile(99)) : 0
        return Stats(
            maxPending: maxOutstanding, p99Pending: p99, maxBytes: maxHeldBytes, abandoned: abandoned, writes: writes,
            writtenEntries: writtenEntries)
    }

    /// Entries waiting or being written, and the bytes they hold.
    package var snapshot: (entries: Int, bytes: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (outstanding, heldBytes)
    }

    /// Waits until nothing is pending or the clock passes `deadlineNs`; then abandons what is left
    /// (the write in progress finishes; the rest is dropped unwritten) and returns how many it dropped.
    package func finish(deadlineNs: UInt64) -> Int {
        condition.lock()
        defer { condition.unlock() }
        while outstanding > 0 && MonotonicClock.now() < deadlineNs {
            let left = Double(deadlineNs &- MonotonicClock.now()) / 1e9
            _ = condition.wait(until: Date(timeIntervalSinceNow: max(0, left)))
        }
        guard outstanding > 0 else { return 0 }
        let before = abandoned
        abandoning = true
        condition.broadcast()
        while outstanding > 0 { condition.wait() }
        abandoning = false
        return abandoned - before
    }

    package func stop() {
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
        // Reused from batch to batch (the consumer's only allocations would otherwise be these two).
        var batch: [Pending] = []
        var entries: [LogEntry] = []
        while true {
            condition.lock()
            while head == waiting.count && !stopping { condition.wait() }
            if head == waiting.count && stopping {
                condition.unlock()
                return
            }
            if abandoning {
                dropPending()
                condition.unlock()
                continue
            }
            let end = groupCommit ? waiting.count : head + 1
            batch.removeAll(keepingCapacity: true)
            batch.append(contentsOf: waiting[head..<end])
            entries.removeAll(keepingCapacity: true)
            for item in batch { entries.append(item.entry) }
            head = end
            writes += 1
            writtenEntries += batch.count
            if head > 1024 && head * 2 > waiting.count {
                waiting.removeFirst(head)
                head = 0
            }
            condition.unlock()

            var failure: Error?
            let phases = PhaseSample.current
            phases.reset()
            do { try writer(entries) } catch { failure = error }
            let committedAt = MonotonicClock.now()
            // Observers first: whoever waits for `outstanding` to reach 0 then sees their records.
            for item in batch {
                guard let observer = item.observer else { continue }
                if let failure {
                    observer.failed(seq: item.entry.seq, error: failure)
                } else {
                    observer.committed(seq: item.entry.seq, atNs: committedAt)
                }
            }
            condition.lock()
            outstanding -= batch.count
            heldBytes -= batch.reduce(0) { $0 + $1.bytes }
            condition.broadcast()
            condition.unlock()
            for item in batch {
                guard let ticket = item.ticket else { continue }
                ticket.phases.reset()
                ticket.phases.add(phases)
                ticket.error = failure
            }
            // One wake-up for the whole batch (FIFO: every earlier number is already published).
            if let last = batch.last { written.publish(through: last.number) }
        }
    }

    /// With the lock held: drops every waiting entry unwritten (callers still waiting are failed).
    private func dropPending() {
        for item in waiting[head...] { item.ticket?.error = QueueAbandoned() }
        if let last = waiting.last, head < waiting.count { written.publish(through: last.number) }
        let count = waiting.count - head
        abandoned += count
        outstanding -= count
        heldBytes -= waiting[head...].reduce(0) { $0 + $1.bytes }
        waiting.removeAll(keepingCapacity: false)
        head = 0
        condition.broadcast()
    }

    /// A producer's reusable slot for the entry it waits on; producers submit one entry at a time.
    package final class Ticket: @unchecked Sendable {
        package var error: Error?
        /// The consumer's phases for the batch this entry was written in.
        package let phases = PhaseSample()
    }
}

/// A waiting caller's entry was dropped because the drain limit ran out.
package struct QueueAbandoned: Error, CustomStringConvertible {
    package init() {}

    package var description: String { "the queue was abandoned at the drain limit before this entry was written" }
}
