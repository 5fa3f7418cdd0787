import Foundation
import LogBenchStatistics

/// A cell's load as measured, present when the load was not the default (closed loop, durable):
/// what was offered and sent, what the strategy wrote and held, and whether it kept up.
public struct LoadResult: Codable, Sendable, Equatable {
    package init(
        model: String, ack: AckPoint, strategyBuffers: Bool, ratePerSec: Double? = nil, offeredPerSec: Double? = nil,
        sent: Int, unsent: Int? = nil, finalSendDelayNs: UInt64? = nil, writtenPerSec: Double, abandoned: Int? = nil,
        pendingSeries: [PendingSample]? = nil, growth: PendingGrowth? = nil
    ) {
        self.model = model
        self.ack = ack
        self.strategyBuffers = strategyBuffers
        self.ratePerSec = ratePerSec
        self.offeredPerSec = offeredPerSec
        self.sent = sent
        self.unsent = unsent
        self.finalSendDelayNs = finalSendDelayNs
        self.writtenPerSec = writtenPerSec
        self.abandoned = abandoned
        self.pendingSeries = pendingSeries
        self.growth = growth
    }

    /// `LoadProfile.description`: the load model in words.
    public var model: String
    public var ack: AckPoint
    /// Whether the strategy buffers entries. False under `accepted`: its call still returned after
    /// the commit, so caller latency and durability lag are the same figure.
    public var strategyBuffers: Bool
    /// Open loop: entries per second per producer, and over all producers.
    public var ratePerSec: Double?
    public var offeredPerSec: Double?
    /// Calls made (acknowledged, accepted or failed).
    public var sent: Int
    /// Open loop: entries scheduled in the window and never sent (producers fell behind).
    public var unsent: Int?
    /// Open loop: how late the producers' last sends went out against their intended times (the
    /// largest over producers): a producer that fell behind and never caught up.
    public var finalSendDelayNs: UInt64?
    /// Durably written entries per second, from the start to the last commit.
    public var writtenPerSec: Double
    /// Accepted entries dropped unwritten when the drain limit ran out.
    public var abandoned: Int?
    /// Buffering strategies: pending entries and bytes through the phase (at most 240 samples).
    public var pendingSeries: [PendingSample]?
    /// How pending moved during the send phase, and whether the strategy kept up.
    public var growth: PendingGrowth?

    /// The verdict line: "unsustainable: pending grew from 0 to 12,400 in 10 s", "sustained", or nil.
    public var verdict: String? { growth?.verdict }
}

/// Pending entries from the start of the send phase to its end; for open loop, whether the strategy
/// kept up with the offered rate.
public struct PendingGrowth: Codable, Sendable, Equatable {
    package init(fromEntries: Int, toEntries: Int, overNs: UInt64, sustainable: Bool? = nil, reason: String? = nil) {
        self.fromEntries = fromEntries
        self.toEntries = toEntries
        self.overNs = overNs
        self.sustainable = sustainable
        self.reason = reason
    }

    public var fromEntries: Int
    public var toEntries: Int
    public var overNs: UInt64
    /// Open loop only: false when the offered rate exceeded what the strategy wrote (pending grew,
    /// producers fell behind their schedule, or accepted entries were abandoned at the drain limit).
    public var sustainable: Bool?
    /// Why it was not sustainable, in words.
    public var reason: String?

    public var verdict: String {
        let grew = "pending grew from \(Self.count(fromEntries)) to \(Self.count(toEntries)) in \(Self.seconds(overNs))"
        switch sustainable {
        case .some(true): return "sustained: \(grew)"
        case .some(false): return "unsustainable: \(reason ?? grew)"
        case .none: return grew
        }
    }

    package static func count(_ value: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    package static func seconds(_ ns: UInt64) -> String {
        ns >= 1_000_000_000 ? String(format: "%.1f s", Double(ns) / 1e9) : Units.duration(ns: ns)
    }
}

extension LoadResult {
    /// "; 8348 entries accepted (--ack accepted) and never written, lost with the killed writer", or "".
    package static func acceptedLossBasis(_ trials: [CrashOutcome]) -> String {
        guard trials.contains(where: { $0.acceptedLost != nil || $0.acceptedStored != nil }) else { return "" }
        let lost = trials.reduce(0) { $0 + ($1.acceptedLost ?? 0) }
        return "; \(lost) entries accepted (--ack accepted) and never written, lost with the killed writer"
    }
}
