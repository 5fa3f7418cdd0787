import LogBenchModel
import LogBenchStatistics
import Synchronization

/// One producer's record of its measured phase; written by that producer only, read after it ends.
/// Threads (`ProducerPool`) and tasks (`TaskDriver`) record through the same two calls.
package struct ProducerOutcome {
    package var histogram = LatencyHistogram()
    /// Where each acknowledged call's time went (`Phase`).
    package var phases = PhaseHistograms()
    /// Failed calls are timed too, apart: a fast failure must not pass for a fast append.
    /// Made at the first failure: most producers never fail, and a histogram is about 250 KB to
    /// allocate and zero, a third of what each producer set up before every round.
    package var failedHistogram: LatencyHistogram?
    package var outcomes: [SentLog.Outcome] = []
    /// Each distinct error message, in the order first seen, with how many calls it hit.
    package var errors: [String] = []
    package var errorCounts: [String: Int] = [:]
    package var setupError: Error?
    package var startedAt: UInt64 = 0
    package var finishedAt: UInt64 = 0
    /// Open loop: entries scheduled in the window that the producer never sent (it fell behind).
    package var unsent = 0
    /// Open loop: how late the latest send went out against its intended time.
    package var sendDelayNs: UInt64 = 0
    /// Open loop: when the producer gave up on its unsent entries (0: it sent them all).
    package var stoppedAtNs: UInt64 = 0
    package var acknowledgedCount = 0
    /// Closed loop: the calls acknowledged before the round's first producer finished (`FirstFinish`);
    /// nil where that window means nothing (open loop, `--ack accepted`).
    package var acknowledgedWhileAllBusy: Int?

    package mutating func acknowledged(latencyNs: UInt64) {
        histogram.record(latencyNs)
        outcomes.append(.acknowledged)
        acknowledgedCount += 1
    }

    /// Closed loop, after an acknowledged call that ended at `endNs`: the first one to end after some
    /// producer finished closes this producer's count (a finish published a moment late can let one
    /// call per producer in).
    @inline(__always)
    package mutating func closeAllBusyCount(endNs: UInt64, firstFinish: FirstFinish) {
        guard acknowledgedWhileAllBusy == nil, let first = firstFinish.ns, endNs > first else { return }
        acknowledgedWhileAllBusy = acknowledgedCount - 1
    }

    /// Closed loop: the producer sent its last entry. A producer that saw nobody finish before it
    /// counts all of its calls.
    package mutating func finish(at now: UInt64, firstFinish: FirstFinish) {
        finishedAt = now
        firstFinish.record(now)
        if acknowledgedWhileAllBusy == nil { acknowledgedWhileAllBusy = acknowledgedCount }
    }

    /// Open loop, a producer a tenth of the window behind at its end: entries `seq..<count` are never
    /// sent. Each one already due is recorded with the time it had waited by then (a lower bound of
    /// its latency), so the stall counts for every entry it delayed; one not yet due was delayed by
    /// nothing, and is only counted as unsent (never a latency of 0).
    package mutating func stopSending(at seq: Int, of count: Int, firstSeq: Int, intended: (Int) -> UInt64) {
        let now = MonotonicClock.now()
        unsent = count - seq
        stoppedAtNs = now
        for later in seq..<count {
            let due = intended(later - firstSeq)
            if now > due {
                histogram.record(now - due)
                phases.recordSchedule(now - due)
            }
        }
    }

    /// `--ack accepted`: the call returned once the strategy took the entry.
    package mutating func accepted(latencyNs: UInt64) {
        histogram.record(latencyNs)
        outcomes.append(.accepted)
    }

    /// A warm-up call failed: listed with the errors (hitting no measured call), not counted.
    package mutating func warmupFailed(_ error: Error) {
        let message = "warm-up write failed: \(error)"
        if errorCounts[message] == nil { errors.append(message) }
        errorCounts[message, default: 0] += 0
    }

    package mutating func failed(_ error: Error, latencyNs: UInt64) {
        if failedHistogram == nil { failedHistogram = LatencyHistogram() }
        failedHistogram!.record(latencyNs)
        outcomes.append(.failed)
        let message = "\(error)"
        if errorCounts[message] == nil { errors.append(message) }
        errorCounts[message, default: 0] += 1
    }
}

/// When a round's first producer finished. Until then all of them were sending, so the calls
/// acknowledged by then, over the time since the start, are the design's rate with every caller
/// busy: what `pgbench -T` reports, without the round's tail (a run ends with its slowest task).
package final class FirstFinish: Sendable {
    private let finishedNs = Atomic<UInt64>(0)

    package init() {}

    /// The first finish, once there is one.
    package var ns: UInt64? {
        let value = finishedNs.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    package func record(_ now: UInt64) {
        _ = finishedNs.compareExchange(expected: 0, desired: now, ordering: .relaxed)
    }
}
