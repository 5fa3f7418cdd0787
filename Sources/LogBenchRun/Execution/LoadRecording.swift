import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

extension CellResult {
    /// Under a non-default load: the durability lag, the load result, `acceptedLost` (0 when nothing
    /// accepted was lost) and the queue figures in memory. Called once, by `CellPipeline`.
    package mutating func recordLoad(spec: CellSpec, observed: Observations, acknowledged: Int, wallNs: UInt64) {
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
        errors = Array(Set(errors + observed.load.writeErrors.map(Redaction.redact))).sorted().prefix(5).map { $0 }
    }
}

extension LoadResult {
    /// From what the driver recorded. `durable`: entries confirmed written; `wallNs`: start → last
    /// write; `concurrency`: producers (the growth threshold scales with them).
    package init(
        profile: LoadProfile, strategyBuffers: Bool, record: LoadRecord, sent: Int, durable: Int, wallNs: UInt64,
        startNs: UInt64, concurrency: Int
    ) {
        self.init(
            model: profile.description, ack: profile.ack, strategyBuffers: strategyBuffers, sent: sent, writtenPerSec: 0
        )
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
    /// "grew" when the median of the send phase's last tenth of samples is more than 2 × producers
    /// above the median of its first tenth: a queue that keeps up holds about one entry per producer
    /// at any time, so anything beyond that is a backlog building (medians, so one burst at either
    /// end does not decide).
    package static func growth(
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
        let threshold = 2 * concurrency
        if profile.isOpenLoop && inPhase.count >= 2 {
            let tenth = max(1, inPhase.count / 10)
            func level(_ samples: ArraySlice<PendingSample>) -> Int {
                let sorted = samples.map(\.entries).sorted()
                return sorted[sorted.count / 2]
            }
            growth.fromEntries = level(inPhase.prefix(tenth))
            growth.toEntries = level(inPhase.suffix(tenth))
        }
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
