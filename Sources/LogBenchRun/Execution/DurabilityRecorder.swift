import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// One producer's times per entry under `--ack accepted`, for a buffering strategy: when the call
/// started (open loop: the intended send time), when it returned, and when the strategy's writer
/// committed the entry. Each slot has one writer: the producer writes the first two, the strategy's
/// writer thread the third (through `DurabilityObserver`, on the hot path: one store, no lock). They
/// are read only after the strategy finished its pending writes, which orders every store before.
///
/// The durability lag of an entry is the time from the call until it is both committed and returned:
/// on 2 cores a consumer can commit an entry before a preempted caller gets back from enqueuing it,
/// and a lag shorter than the caller's own latency would describe nobody's wait.
package final class DurabilityRecorder: DurabilityObserver, @unchecked Sendable {
    /// The seq of slot 0 (a restarted writer starts where the killed one stopped).
    package let firstSeq: Int
    private let called: UnsafeMutableBufferPointer<UInt64>
    private let returned: UnsafeMutableBufferPointer<UInt64>
    private let committedAt: UnsafeMutableBufferPointer<UInt64>
    private let failedWrites: UnsafeMutableBufferPointer<Bool>
    private let journal: AckJournal?
    private let lock = NSLock()
    private var failures: [String] = []

    /// Sized up front (before the measured phase) so that recording never allocates.
    package init(firstSeq: Int, capacity: Int, journal: AckJournal?) {
        self.firstSeq = firstSeq
        self.journal = journal
        let count = max(0, capacity)
        called = .allocate(capacity: count)
        returned = .allocate(capacity: count)
        committedAt = .allocate(capacity: count)
        failedWrites = .allocate(capacity: count)
        called.initialize(repeating: 0)
        returned.initialize(repeating: 0)
        committedAt.initialize(repeating: 0)
        failedWrites.initialize(repeating: false)
    }

    deinit {
        called.deallocate()
        returned.deallocate()
        committedAt.deallocate()
        failedWrites.deallocate()
    }

    /// Producer thread: the call for `seq` started at `startNs` and returned at `endNs`.
    @inline(__always)
    package func accepted(seq: Int, startNs: UInt64, endNs: UInt64) {
        called[seq - firstSeq] = startNs
        returned[seq - firstSeq] = endNs
    }

    /// Writer thread: the entry is committed.
    package func committed(seq: Int, atNs: UInt64) {
        committedAt[seq - firstSeq] = atNs
        journal?.record(.durable, seq: seq)
    }

    /// Writer thread: the accepted entry's write failed.
    package func failed(seq: Int, error: any Error) {
        failedWrites[seq - firstSeq] = true
        journal?.record(.writeFailed, seq: seq)
        lock.lock()
        if failures.count < 3 { failures.append("\(error)") }
        lock.unlock()
    }

    /// Per entry (slot index): started, returned, committed (0 where it did not happen).
    package func times(_ index: Int) -> (called: UInt64, returned: UInt64, committed: UInt64) {
        (called[index], returned[index], committedAt[index])
    }

    /// The durability lag of every accepted entry that was committed.
    package func lagHistogram() -> LatencyHistogram {
        var histogram = LatencyHistogram()
        for index in 0..<called.count where returned[index] > 0 && committedAt[index] > 0 {
            histogram.record(max(committedAt[index], returned[index]) &- called[index])
        }
        return histogram
    }

    /// The monotonic time of this producer's last commit (0: none).
    package var lastCommitNs: UInt64 { committedAt.max() ?? 0 }

    package var writeErrors: [String] {
        lock.lock()
        defer { lock.unlock() }
        return failures
    }

    /// Turns each accepted entry's outcome into what became of it: committed (acknowledged as
    /// durable), failed, or still only accepted (abandoned at the drain limit, or lost with a crash).
    package func settle(_ outcomes: inout [SentLog.Outcome]) {
        for (offset, outcome) in outcomes.enumerated() where outcome == .accepted && offset < called.count {
            if committedAt[offset] > 0 {
                outcomes[offset] = .acknowledged
            } else if failedWrites[offset] {
                outcomes[offset] = .failed
            }
        }
    }
}
