import Foundation

/// A cell's load as measured, present when the load was not the default (closed loop, durable):
/// what was offered and sent, what the strategy wrote and held, and whether it kept up.
public struct LoadResult: Codable, Sendable, Equatable {
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

    static func count(_ value: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    static func seconds(_ ns: UInt64) -> String {
        ns >= 1_000_000_000 ? String(format: "%.1f s", Double(ns) / 1e9) : Units.duration(ns: ns)
    }
}

extension LoadResult {
    /// From what the driver recorded. `durable`: entries confirmed written; `wallNs`: start → last
    /// write; `concurrency`: producers (the growth threshold scales with them).
    init(
        profile: LoadProfile, strategyBuffers: Bool, record: LoadRecord, sent: Int, durable: Int, wallNs: UInt64,
        startNs: UInt64, concurrency: Int
    ) {
        model = profile.description
        ack = profile.ack
        self.strategyBuffers = strategyBuffers
        ratePerSec = profile.ratePerSec
        offeredPerSec = profile.ratePerSec.map { $0 * Double(concurrency) }
        self.sent = sent
        unsent = profile.isOpenLoop ? record.unsent : nil
        finalSendDelayNs = profile.isOpenLoop ? record.finalSendDelayNs : nil
        writtenPerSec = wallNs > 0 ? Double(durable) / (Double(wallNs) / 1e9) : 0
        abandoned = record.abandoned > 0 ? record.abandoned : nil
        pendingSeries = record.pendingSeries
        let sendPhaseNs = record.sendEndNs > startNs ? record.sendEndNs - startNs : 0
        growth = record.pendingSeries.map {
            Self.growth(
                series: $0, sendPhaseNs: sendPhaseNs, profile: profile, record: record, sent: sent,
                concurrency: concurrency)
        }
        if growth == nil && profile.isOpenLoop {
            // No pending to watch (no buffer): the schedule alone says whether the strategy kept up.
            growth = Self.growth(
                series: [], sendPhaseNs: sendPhaseNs, profile: profile, record: record, sent: sent,
                concurrency: concurrency)
        }
    }

    /// Pending at the start and at the end of the send phase, and the open-loop verdict. Pending
    /// "grew" when it rose by more than max(2 × producers, 5 % of the entries sent) over the phase.
    static func growth(
        series: [PendingSample], sendPhaseNs: UInt64, profile: LoadProfile, record: LoadRecord, sent: Int,
        concurrency: Int
    ) -> PendingGrowth {
        // Open loop: the send phase's first and last samples. Closed loop (producers offer as fast as
        // their calls return, often for less than one sampling interval): the first sample and the peak.
        let inPhase = series.filter { $0.atNs <= sendPhaseNs }
        let first = inPhase.first ?? series.first
        let last =
            profile.isOpenLoop ? inPhase.last ?? series.last : series.max { $0.entries < $1.entries }
        var growth = PendingGrowth(
            fromEntries: first?.entries ?? 0, toEntries: last?.entries ?? 0,
            overNs: (last?.atNs ?? sendPhaseNs) - (first?.atNs ?? 0))
        guard let window = profile.windowNs else { return growth }
        let threshold = max(2 * concurrency, sent / 20)
        if record.unsent > 0 {
            growth.reason =
                "producers fell behind their schedule: \(PendingGrowth.count(record.unsent)) entries scheduled "
                + "in the \(PendingGrowth.seconds(window)) window were never sent"
        } else if record.finalSendDelayNs > max(window / 10, 50_000_000) {
            growth.reason =
                "producers fell behind their schedule and ended \(Units.duration(ns: record.finalSendDelayNs)) late"
        } else if growth.toEntries - growth.fromEntries > threshold {
            growth.reason = growth.verdict
        } else if record.abandoned > 0 {
            growth.reason =
                "\(PendingGrowth.count(record.abandoned)) accepted entries were still pending at the drain limit"
        }
        growth.sustainable = growth.reason == nil
        return growth
    }
}

extension CellResult {
    /// Under a non-default load: the durability lag, the load result, `acceptedLost` (0 when nothing
    /// accepted was lost) and the queue figures in memory. Called once, by `CellPipeline`.
    mutating func recordLoad(spec: CellSpec, observed: Observations, acknowledged: Int, wallNs: UInt64) {
        let profile = spec.workload.load
        guard !profile.isDefault else { return }
        let buffers = spec.strategy.buffersEntries
        if profile.ack == .accepted {
            durabilityLagNs = buffers ? observed.load.durabilityLag?.summary ?? LatencySummary() : latencyNs
            if buffers { audit.acceptedLost = audit.acceptedLost ?? 0 }
        }
        load = LoadResult(
            profile: profile, strategyBuffers: buffers, record: observed.load, sent: observed.sent.count,
            durable: acknowledged, wallNs: wallNs, startNs: observed.startNs, concurrency: spec.workload.concurrency)
        errors = Array(Set(errors + observed.load.writeErrors)).sorted().prefix(5).map { $0 }
    }
}

extension LoadResult {
    /// "; 8348 entries accepted (--ack accepted) and never written, lost with the killed writer", or "".
    static func acceptedLossBasis(_ trials: [CrashOutcome]) -> String {
        guard trials.contains(where: { $0.acceptedLost != nil || $0.acceptedStored != nil }) else { return "" }
        let lost = trials.reduce(0) { $0 + ($1.acceptedLost ?? 0) }
        return "; \(lost) entries accepted (--ack accepted) and never written, lost with the killed writer"
    }
}
