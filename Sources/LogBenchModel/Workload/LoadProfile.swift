import CPlatform
import Foundation
import LogBenchStatistics

/// When an append call returns to its caller (`--ack`).
public enum AckPoint: String, Codable, Sendable, CaseIterable {
    /// Once the entry is committed (today's behaviour, and every strategy's default).
    case durable
    /// Once the strategy has taken the entry (a queue: enqueued); the write completes later, as the
    /// seed's `addLog` returned a promise at enqueue. Strategies without a buffer (`buffersEntries`
    /// false) still return only after the commit.
    case accepted
}

/// How producers offer entries and when a call counts as done: the acknowledgement point, closed or
/// open loop, and the bound on a queue's pending entries. The default is today's load: closed loop,
/// durable acknowledgement, no bound. Part of the workload, so cells under different loads are
/// different cells; documents written before it existed decode with the default.
public struct LoadProfile: Codable, Sendable, Hashable {
    public var ack: AckPoint
    /// Open loop (`--rate`): entries per second per producer, each sent at its intended time; nil is
    /// closed loop (each producer sends its next entry once the previous call returned).
    public var ratePerSec: Double?
    /// Open loop (`--duration-s`): the send window in seconds. A producer sends the entries whose
    /// intended time falls in it; one that falls behind stops a tenth of the window after its end
    /// (the rest count as unsent).
    public var durationS: Double?
    /// `--max-pending`: at most this many entries waiting or being written per run; a caller that
    /// finds the queue full waits for room (as the seed's unbounded queue would never make it).
    public var maxPending: Int?
    /// `--drain-limit-s`: how long, after the last send, the run waits for accepted entries to be
    /// written; what is still pending then is abandoned (accepted, never written). Default 10 s.
    public var drainLimitS: Double?

    public init(
        ack: AckPoint = .durable, ratePerSec: Double? = nil, durationS: Double? = nil, maxPending: Int? = nil,
        drainLimitS: Double? = nil
    ) {
        self.ack = ack
        self.ratePerSec = ratePerSec
        self.durationS = durationS
        self.maxPending = maxPending
        self.drainLimitS = drainLimitS
    }

    public static let defaultDrainLimitS = 10.0
    public static let rateBounds = 0.1...1_000_000.0
    public static let durationBounds = 0.05...3600.0
    public static let maxPendingBounds = 1...10_000_000
    public static let drainLimitBounds = 0.0...3600.0
    /// Entries one producer may be scheduled to send (rate × duration): each costs the recorders 24 bytes.
    public static let maxEntriesPerProducer = 2_000_000

    public var isDefault: Bool { self == LoadProfile() }
    public var isOpenLoop: Bool { ratePerSec != nil }
    public var drainLimitNs: UInt64 { UInt64((drainLimitS ?? Self.defaultDrainLimitS) * 1e9) }

    /// The send window in nanoseconds (open loop only).
    public var windowNs: UInt64? { isOpenLoop ? UInt64((durationS ?? 0) * 1e9) : nil }

    /// Time a worker process may need beyond its timeout: the open-loop window and the drain limit.
    public var phaseAllowanceNs: UInt64 { (windowNs ?? 0) + (ack == .accepted ? drainLimitNs : 0) }

    /// Entries each producer is scheduled to send in the window: ⌈rate × duration⌉.
    public static func scheduledEntries(ratePerSec: Double, durationS: Double) -> Int {
        max(1, Int((ratePerSec * durationS).rounded(.up)))
    }

    /// The flags' bounds, as the help text states them; the message names the flag.
    public func validate() throws(UsageError) {
        if let rate = ratePerSec, !Self.rateBounds.contains(rate) {
            throw UsageError("--rate must be between 0.1 and 1000000 entries/s per producer (got \(rate))")
        }
        if let duration = durationS {
            guard ratePerSec != nil else { throw UsageError("--duration-s needs --rate (open loop)") }
            guard Self.durationBounds.contains(duration) else {
                throw UsageError("--duration-s must be between 0.05 and 3600 seconds (got \(duration))")
            }
        }
        if ratePerSec != nil && durationS == nil { throw UsageError("--rate needs --duration-s (the send window)") }
        if let rate = ratePerSec, let duration = durationS,
            Self.scheduledEntries(ratePerSec: rate, durationS: duration) > Self.maxEntriesPerProducer
        {
            throw UsageError("--rate × --duration-s must be at most \(Self.maxEntriesPerProducer) entries per producer")
        }
        if let bound = maxPending, !Self.maxPendingBounds.contains(bound) {
            throw UsageError("--max-pending must be between 1 and 10000000 (got \(bound))")
        }
        if let drain = drainLimitS, !Self.drainLimitBounds.contains(drain) {
            throw UsageError("--drain-limit-s must be between 0 and 3600 (got \(drain))")
        }
    }

    /// The load model in words, for headers, reports and the document.
    public var description: String {
        var text: String
        if let rate = ratePerSec {
            text =
                "open loop: each producer sends \(Self.number(rate)) entries/s on a fixed schedule for "
                + "\(Self.number(durationS ?? 0)) s; latency from the intended send time (a stall counts for every entry it delayed)"
        } else {
            text = Self.closedLoopDescription
        }
        if ack == .accepted {
            text += "; ack accepted: a buffering strategy's call returns once it took the entry"
        }
        if let bound = maxPending { text += "; at most \(bound) pending per run (callers wait for room)" }
        return text
    }

    /// The load model of several workloads: one description, or each distinct one after "mixed: ".
    public static func model(of profiles: [LoadProfile]) -> String {
        let distinct = profiles.map(\.description).uniqued()
        return distinct.count == 1 ? distinct[0] : "mixed: " + distinct.joined(separator: " | ")
    }

    public static let closedLoopDescription = "closed loop: each producer waits for its own acknowledgement"

    /// " ack=accepted rate=2000/s×5s max-pending=100", or "" for the default: a cell key's suffix.
    public var keySuffix: String {
        var text = ack == .durable ? "" : " ack=\(ack.rawValue)"
        if let rate = ratePerSec { text += " rate=\(Self.number(rate))/s×\(Self.number(durationS ?? 0))s" }
        if let bound = maxPending { text += " max-pending=\(bound)" }
        return text
    }

    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%g", value)
    }
}

/// An open-loop producer's schedule: entry `i` (counted from the first this producer sends) is due
/// at `origin + (i + producer / concurrency) / rate`. Entries are spaced exactly 1/rate apart;
/// producers are offset from each other by a fraction of that, so they do not all fire at once.
public struct SendSchedule: Sendable, Equatable {
    public let periodNs: Double
    public let offsetNs: Double
    public let windowNs: UInt64

    public init(ratePerSec: Double, durationS: Double, producer: Int, concurrency: Int) {
        periodNs = 1e9 / ratePerSec
        offsetNs = periodNs * Double(producer) / Double(max(1, concurrency))
        windowNs = UInt64(durationS * 1e9)
    }

    public init?(load: LoadProfile, producer: Int, concurrency: Int) {
        guard let rate = load.ratePerSec, let duration = load.durationS else { return nil }
        self.init(ratePerSec: rate, durationS: duration, producer: producer, concurrency: concurrency)
    }

    /// The intended send time of the `index`-th entry, on the monotonic clock.
    public func intendedNs(origin: UInt64, index: Int) -> UInt64 {
        origin &+ UInt64(offsetNs + Double(index) * periodNs)
    }

    /// When a producer behind schedule stops: a tenth of the window after its end (jitter of a few
    /// periods at the end is not a failure to keep up; a tenth of the window behind is).
    public func windowEnd(origin: UInt64) -> UInt64 { origin &+ windowNs &+ windowNs / 10 }
}

extension MonotonicClock {
    /// Sleeps until the monotonic clock reads `deadline` (returns at once if it already passed).
    /// Open-loop producers call this once: the kernel's default 50 µs timer slack let every
    /// scheduled send go out about 110 µs late here (59 µs with 1 ns slack, the VM's wake-up), and
    /// that lateness counts in the entry's latency.
    public static func preciseSleeps() {
        _ = logbench_set_timer_slack_ns(1)
    }

    /// The calling thread's timer slack, in ns.
    public static var timerSlackNs: Int { logbench_timer_slack_ns() }

    public static func sleep(until deadline: UInt64) {
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
    }
}
