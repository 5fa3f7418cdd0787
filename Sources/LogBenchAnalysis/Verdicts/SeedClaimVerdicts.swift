import Foundation
import LogBenchModel
import LogBenchStatistics

/// One reading of one claim: the verdict, and the figures behind it in words.
public struct ClaimVerdict: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable {
        case holds
        case doesNotHold = "does not hold"
        case notMeasured = "not measured"
    }

    public var verdict: Verdict
    /// When the verdict holds only under a condition: "n is bounded only by the offered load".
    public var condition: String?
    public var evidence: String

    public init(_ verdict: Verdict, evidence: String, condition: String? = nil) {
        self.verdict = verdict
        self.evidence = evidence
        self.condition = condition
    }

    /// "holds", "does not hold", "holds only when …".
    public var words: String {
        guard verdict == .holds, let condition else { return verdict.rawValue }
        return "holds only when \(condition)"
    }
}

/// One of the seed's claims, judged under both acknowledgement points; a claim about calls no
/// buffer is involved in (the unfixed code, order of what was stored) has one reading (`accepted` nil).
public struct ClaimRow: Codable, Sendable, Equatable {
    public var claim: String
    public var durable: ClaimVerdict
    public var accepted: ClaimVerdict?
    public var workload: String
}

/// The seed's performance claims judged from a `bench seed-claims` document: the verdicts every
/// seed-claims format prints (Markdown, text, JSON, HTML), decided once. Medians come from the
/// document's cells, the budget and throughput rules from `Verdicts`.
public enum SeedClaimVerdicts {
    /// The rules, stated once under every table.
    public static func rules(budgetNs: Double) -> String {
        "latency holds when the median mean overhead over the unfixed pipeline's serial reference is within "
            + "\(Units.duration(ns: budgetNs)); throughput holds at \(Int(Verdicts.sameThroughputShare * 100)) % "
            + "or more of that reference's (one producer per run: it loses nothing); memory holds when the "
            + "queue held at most one entry per producer while callers awaited the write, and only under the "
            + "offered load otherwise; \"lost on crash\" holds when a kill lost entries whose callers had been "
            + "answered. Closed-loop figures are medians over the trials. " + DocumentClaimVerdicts.rules
    }

    /// The rows, or nil when the document lacks the closed-loop cells of the seed's queue under both acks.
    public static func rows(_ document: ResultDocument) -> [ClaimRow]? {
        guard let performance = performanceRows(document) else { return nil }
        return performance + DocumentClaimVerdicts.rows(document)
    }

    /// The four performance claims (parts 1–4).
    static func performanceRows(_ document: ResultDocument) -> [ClaimRow]? {
        let cells = ClaimCells(document)
        guard let d = cells.closed(.durable).first, !cells.closed(.accepted).isEmpty else { return nil }
        let closedWorkload =
            "\(d.concurrency) producers × \(d.workload.logsPerProducer) entries, closed loop, "
            + "\(cells.closed(.durable).count) trial(s), median"
        let budget = d.overheadNs?.budgetNs ?? document.budgetNs ?? 1e6
        return [
            ClaimRow(
                claim: "Latency: +~1 ms per log (queue overhead)",
                durable: latency(cells.closed(.durable), budgetNs: budget, durable: true),
                accepted: latency(cells.closed(.accepted), budgetNs: budget, durable: false),
                workload: closedWorkload),
            ClaimRow(
                claim: "Throughput: same (database writes still happen)",
                durable: throughput(cells, ack: .durable), accepted: throughput(cells, ack: .accepted),
                workload: closedWorkload + cells.saturationWorkload),
            ClaimRow(
                claim: "Memory: O(n), n = pending logs per run",
                durable: memory(cells.closed(.durable), cells.open(.durable), durable: true),
                accepted: memory(cells.closed(.accepted), cells.open(.accepted), durable: false),
                workload: closedWorkload + cells.openWorkload),
            ClaimRow(
                claim: "In-memory (lost on crash)", durable: crash(cells.crash(.durable), accepted: false),
                accepted: crash(cells.crash(.accepted), accepted: true), workload: cells.crashWorkload),
        ]
    }

    static func latency(_ group: [CellResult], budgetNs: Double, durable: Bool) -> ClaimVerdict {
        var text = "caller latency mean \(ms(Verdicts.median(group.map(\.latencyNs.mean)))), "
        text += "p99 \(ms(Verdicts.median(group.map { Double($0.latencyNs.p99) })))"
        if !durable, let lag = Verdicts.median(group.compactMap { $0.durabilityLagNs.map { Double($0.p50) } }) {
            let p99 = Verdicts.median(group.compactMap { $0.durabilityLagNs.map { Double($0.p99) } }) ?? 0
            text += "; but the write lands later: durability lag p50 \(ms(lag)), p99 \(ms(p99))"
        }
        guard let overhead = Verdicts.median(group.compactMap(\.overheadNs?.mean)) else {
            return ClaimVerdict(.notMeasured, evidence: text + "; no serial reference measured")
        }
        text += "; vs the unfixed pipeline \(sign(overhead))"
        let holds = Verdicts.withinBudget(meanOverheadNs: overhead, budgetNs: budgetNs)
        return ClaimVerdict(holds ? .holds : .doesNotHold, evidence: text)
    }

    static func throughput(_ cells: ClaimCells, ack: AckPoint) -> ClaimVerdict {
        let group = cells.closed(ack)
        let rate = Verdicts.median(group.map(\.throughputPerSec)) ?? 0
        var text = "\(Units.rate(rate)) written"
        let reference = Verdicts.median(cells.references(of: group).map(\.throughputPerSec))
        if let reference { text += " vs \(Units.rate(reference)) by the unfixed pipeline" }
        if let reference, reference > 0 { text += " (\(Units.percent(rate / reference * 100)))" }
        if let search = cells.search(DesignTraits.seedQueueName, ack: ack) {
            text += "; sustainable rate \(knee(search))"
            if let unfixed = cells.search(DesignTraits.unfixedName, ack: nil) { text += " vs \(knee(unfixed)) unfixed" }
        }
        guard let reference else { return ClaimVerdict(.notMeasured, evidence: text + "; no serial reference") }
        return ClaimVerdict(Verdicts.sameThroughput(rate, reference: reference) ? .holds : .doesNotHold, evidence: text)
    }

    static func memory(_ closed: [CellResult], _ open: [CellResult], durable: Bool) -> ClaimVerdict {
        var parts: [String] = []
        let peak = closed.max { ($0.counters.maxPendingPerRun ?? 0) < ($1.counters.maxPendingPerRun ?? 0) }
        if let peak { parts.append("closed loop: " + pending(peak)) }
        if let cell = open.first {
            parts.append("open loop: " + pending(cell) + (cell.load?.growth.map { " (\($0.verdict))" } ?? ""))
        }
        guard let peak, peak.counters.maxPendingPerRun != nil else {
            return ClaimVerdict(.notMeasured, evidence: parts.joined(separator: "; "))
        }
        let evidence = parts.joined(separator: "; ")
        if durable {
            // A caller that awaits its write has at most one entry queued: n ≤ producers.
            let bounded = (peak.counters.maxPendingPerRun ?? 0) <= peak.concurrency
            return ClaimVerdict(bounded ? .holds : .doesNotHold, evidence: evidence)
        }
        return ClaimVerdict(.holds, evidence: evidence, condition: "the offered load is bounded (n grows with it)")
    }

    static func crash(_ trials: [CellResult], accepted: Bool) -> ClaimVerdict {
        let outcomes = trials.compactMap(\.crash).filter(\.killed)
        guard !outcomes.isEmpty else { return ClaimVerdict(.notMeasured, evidence: "no kill landed") }
        let ackLost = outcomes.reduce(0) { $0 + $1.acknowledgedLost + ($1.acknowledgedLostAfterRestart ?? 0) }
        let inFlight = outcomes.reduce(0) { $0 + $1.inFlightLost }
        let acceptedLost = outcomes.reduce(0) { $0 + ($1.acceptedLost ?? 0) }
        var text =
            "\(outcomes.count) kill\(outcomes.count == 1 ? "" : "s"): \(ackLost) durably acknowledged entries lost"
        if accepted {
            text += "; \(acceptedLost) accepted entries lost (callers had been told \"queued\")"
            return ClaimVerdict(acceptedLost > 0 ? .holds : .doesNotHold, evidence: text)
        }
        text += "; \(inFlight) entries in flight lost (their callers were never answered)"
        return ClaimVerdict(ackLost > 0 ? .holds : .doesNotHold, evidence: text)
    }

    /// "max 1000 pending per run holding 140.6 KiB of entries (144 B each); heap +0.8 MiB over the run".
    static func pending(_ cell: CellResult) -> String {
        let maximum = cell.counters.maxPendingPerRun ?? 0
        var text = "max \(maximum) pending per run"
        if let bytes = cell.counters.maxPendingBytes, maximum > 0 {
            text += " holding \(Units.bytes(bytes)) of entries (\(bytes / maximum) B each)"
        }
        // jemalloc's view, which includes the read-modify-write's buffers, not only the queue.
        if let growth = cell.memory.peakHeapGrowthBytes { text += "; heap +\(Units.bytes(growth)) over the run" }
        return text
    }

    static func knee(_ search: SaturationResult) -> String {
        search.kneeOfferedPerSec.map { Units.rate($0) }
            ?? "below \(LoadProfile.number(search.steps.first?.offeredPerSec ?? 0))/s"
    }

    static func ms(_ ns: Double?) -> String { ns.map { Units.duration(ns: $0) } ?? "n/a" }
    static func sign(_ ns: Double) -> String { (ns >= 0 ? "+" : "−") + Units.duration(ns: abs(ns)) }
}
