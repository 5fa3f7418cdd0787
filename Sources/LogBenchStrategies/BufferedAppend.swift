import LogBenchModel
import LogBenchStore

/// What a strategy that holds entries in memory offers beyond `LogAppender`: an `accept` that returns
/// once the entry is taken (`--ack accepted`), the later report that it was written, and a view of
/// what it holds. Strategies say whether they buffer with `buffersEntries`; the rest of the suite
/// asks that trait, never a name.

/// Told by a buffering strategy's writer, on the writer's thread, how each accepted entry ended.
/// One observer per producer; a producer appends to one run, so one writer thread calls it.
public protocol DurabilityObserver: AnyObject, Sendable {
    /// The entry is committed; `atNs` is the monotonic clock right after the commit.
    func committed(seq: Int, atNs: UInt64)
    /// The write of an accepted entry failed (the caller had already gone on).
    func failed(seq: Int, error: any Error)
}

/// An appender whose strategy buffers entries: `accept` enqueues and returns; the strategy's writer
/// tells `observer` once the entry is committed. `append` (from `LogAppender`) still waits.
public protocol BufferingLogAppender: LogAppender {
    func accept(_ entry: LogEntry, run: Int, observer: any DurabilityObserver) throws
}

/// What a buffering strategy holds at one instant, summed over its runs.
public struct PendingSnapshot: Sendable, Equatable {
    /// Entries waiting or being written, all runs.
    public var entries: Int
    /// The most any one run holds.
    public var largestRun: Int
    /// Bytes the queued entries occupy (entry structs and message text; the queue's own array aside).
    public var bytes: Int

    public init(entries: Int = 0, largestRun: Int = 0, bytes: Int = 0) {
        self.entries = entries
        self.largestRun = largestRun
        self.bytes = bytes
    }
}

extension LogEntry {
    /// Memory one queued entry holds: the struct plus its message's bytes when they live on the heap
    /// (Swift keeps strings of up to 15 UTF-8 bytes inline).
    package var heldBytes: Int {
        let text = message.utf8.count
        return MemoryLayout<LogEntry>.stride + (text > 15 ? text + 32 : 0)
    }
}
