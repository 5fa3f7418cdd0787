import Foundation
import LogBenchStatistics

/// Where a log's time goes. Each append is split into these phases by the code that does the work
/// (the read-modify-write, the transaction, the lock, the queue); `other` is what no phase claimed
/// (the call itself, Swift's overhead, the injected delay), so the phases always add up to the
/// caller's latency.
public enum Phase: Int, CaseIterable, Sendable, Codable {
    /// Open loop: how late the call went out against its intended send time (the producer was behind
    /// its schedule); an entry never sent is all schedule, up to when its producer gave up.
    case schedule
    /// Waiting for the right to write: queue wait, file-lock wait, BEGIN IMMEDIATE's busy wait;
    /// on PostgreSQL the advisory lock, and `SELECT … FOR UPDATE` (the row lock and the read in one
    /// statement).
    case wait
    /// SELECT of the run's array.
    case read
    /// Parsing the array (every entry).
    case decode
    /// Serializing the whole array (or, for atomic-append, the one entry).
    case encode
    /// UPDATE or INSERT (in autocommit this includes its commit).
    case write
    /// An explicit COMMIT.
    case commit
    case other

    public var name: String { String(describing: self) }
}

/// One append's phases, filled by whoever does the work on the producer's thread (or copied from
/// a queue consumer's). Thread-local: each OS thread has its own, so marking a phase is two clock
/// reads and an add, with no lock.
package final class PhaseSample {
    package init() { ns.initialize(repeating: 0) }

    deinit { ns.deallocate() }

    /// Nanoseconds per phase. A fixed buffer, not an Array: this is touched several times per append
    /// on every thread, and an Array in a class pays an exclusivity check and a uniqueness check per touch.
    package let ns = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: Phase.allCases.count)

    package func reset() { ns.update(repeating: 0) }

    package func add(_ other: PhaseSample) {
        for index in ns.indices { ns[index] &+= other.ns[index] }
    }

    /// `LOGBENCH_PHASES=off` turns phase timing off, to show what it costs (docs/result-schema.md).
    package static let enabled = ProcessInfo.processInfo.environment["LOGBENCH_PHASES"] != "off"

    /// Times `body` into `phase` of the calling thread's sample.
    @inline(__always)
    package static func measure<T>(_ phase: Phase, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = MonotonicClock.now()
        defer { current.ns[phase.rawValue] &+= MonotonicClock.now() &- start }
        return try body()
    }

    /// The calling thread's sample.
    package static var current: PhaseSample {
        if let raw = pthread_getspecific(key) { return Unmanaged<PhaseSample>.fromOpaque(raw).takeUnretainedValue() }
        let sample = PhaseSample()
        pthread_setspecific(key, Unmanaged.passRetained(sample).toOpaque())
        return sample
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in if let raw { Unmanaged<PhaseSample>.fromOpaque(raw).release() } }
        return key
    }()
}

/// One phase of a cell's appends, in nanoseconds per log.
public struct PhaseSummary: Codable, Sendable, Equatable {
    package init(mean: Double, p50: UInt64, p99: UInt64) {
        self.mean = mean
        self.p50 = p50
        self.p99 = p99
    }

    public var mean: Double
    public var p50: UInt64
    public var p99: UInt64
}
