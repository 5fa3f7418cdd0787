import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// The seed's four performance claims beside what a `bench seed-claims` document measured, under
/// `--ack durable` and `--ack accepted`, with the workload behind each number. Markdown (for
/// docs/seed-claims.md and `bench report --format seed-claims`) and an HTML section.
public enum SeedClaimsReport {
    public struct Row: Sendable, Equatable {
        package init(claim: String, durable: String, accepted: String, workload: String) {
            self.claim = claim
            self.durable = durable
            self.accepted = accepted
            self.workload = workload
        }

        public var claim: String
        public var durable: String
        public var accepted: String
        public var workload: String
    }

    /// The rows, or nil when the document lacks the closed-loop cells of the seed's queue under both acks.
    public static func rows(_ document: ResultDocument) -> [Row]? {
        let queue = DesignTraits.seedQueueName
        let measured = document.cells.filter { $0.role == .measured && $0.safetyProbe != true }
        func cells(_ ack: AckPoint, open: Bool, crash: Bool, strategy: String = queue) -> [CellResult] {
            measured.filter {
                $0.strategy == strategy && $0.workload.load.ack == ack && $0.workload.load.isOpenLoop == open
                    && ($0.crash != nil) == crash && $0.workload.load.maxPending == nil
            }
        }
        let durable = cells(.durable, open: false, crash: false)
        let accepted = cells(.accepted, open: false, crash: false)
        guard let d = durable.first, !accepted.isEmpty else { return nil }
        let closedWorkload =
            "\(d.concurrency) producers × \(d.workload.logsPerProducer) entries, closed loop, \(durable.count) trial(s), median"
        var rows: [Row] = []

        // 1. Latency.
        let budget = d.overheadNs?.budgetNs ?? document.budgetNs ?? 1e6
        func latency(_ group: [CellResult], durable: Bool) -> String {
            let mean = median(group.map(\.latencyNs.mean))
            let overhead = median(group.compactMap(\.overheadNs?.mean))
            var text = "caller latency mean \(ms(mean)), p99 \(ms(median(group.map { Double($0.latencyNs.p99) })))"
            if let overhead {
                text +=
                    "; vs the unfixed pipeline \(sign(overhead)) → **\(overhead <= budget ? "holds" : "does not hold")**"
            }
            if !durable, let lag = median(group.compactMap { $0.durabilityLagNs.map { Double($0.p50) } }) {
                let p99 = median(group.compactMap { $0.durabilityLagNs.map { Double($0.p99) } }) ?? 0
                text += "; but the write lands later: durability lag p50 \(ms(lag)), p99 \(ms(p99))"
            }
            return text
        }
        rows.append(
            Row(
                claim: "Latency: +~1 ms per log (queue overhead)", durable: latency(durable, durable: true),
                accepted: latency(accepted, durable: false), workload: closedWorkload))

        // 2. Throughput.
        let reference = median(
            document.cells.filter {
                $0.role == .reference && $0.crash == nil && !$0.workload.load.isOpenLoop
                    && $0.workload.concurrency == d.concurrency
            }.map(\.throughputPerSec))
        let unfixedKnee = document.saturation?.first { $0.strategy == DesignTraits.unfixedName }
        func throughput(_ group: [CellResult], ack: AckPoint) -> String {
            let rate = median(group.map(\.throughputPerSec)) ?? 0
            var text = "\(Units.rate(rate)) written"
            if let reference, reference > 0 {
                let ratio = rate / reference
                text += " vs \(Units.rate(reference)) by the unfixed pipeline (\(Units.percent(ratio * 100)))"
                text += " → **\(ratio >= 0.8 ? "holds" : "does not hold")**"
            }
            if let search = document.saturation?.first(where: { $0.strategy == queue && $0.ack == ack }) {
                text += "; sustainable rate \(knee(search))"
                if let unfixedKnee { text += " vs \(knee(unfixedKnee)) unfixed" }
            }
            return text
        }
        var throughputWorkload = closedWorkload
        if let search = unfixedKnee {
            throughputWorkload +=
                "; sustainable rate: the highest open-loop rate (`bench saturate`, \(search.concurrency) producers, "
                + "\(LoadProfile.number(search.stepDurationS)) s per step) kept on schedule with p99 durability lag ≤ "
                + "\(Units.duration(ns: search.lagBudgetNs))"
        }
        rows.append(
            Row(
                claim: "Throughput: same (database writes still happen)",
                durable: throughput(durable, ack: .durable), accepted: throughput(accepted, ack: .accepted),
                workload: throughputWorkload))

        // 3. Memory.
        func memory(_ closed: [CellResult], _ open: [CellResult], durable: Bool) -> String {
            var parts = [
                durable
                    ? "**holds**, and n is at most one entry per waiting caller"
                    : "**holds** per entry, but n is bounded only by the offered load"
            ]
            if let cell = closed.max(by: { ($0.counters.maxPendingPerRun ?? 0) < ($1.counters.maxPendingPerRun ?? 0) })
            {
                parts.append("closed loop: " + pending(cell))
            }
            if let cell = open.first {
                var text = "open loop: " + pending(cell)
                if let growth = cell.load?.growth { text += " (\(growth.verdict))" }
                parts.append(text)
            }
            return parts.joined(separator: "; ")
        }
        let openDurable = cells(.durable, open: true, crash: false)
        let openAccepted = cells(.accepted, open: true, crash: false)
        var memoryWorkload = closedWorkload
        if let open = (openAccepted + openDurable).first, let rate = open.workload.load.ratePerSec {
            memoryWorkload +=
                "; open loop: \(open.concurrency) producers × \(LoadProfile.number(rate)) entries/s for "
                + "\(LoadProfile.number(open.workload.load.durationS ?? 0)) s, drain limit "
                + "\(LoadProfile.number(open.workload.load.drainLimitS ?? LoadProfile.defaultDrainLimitS)) s"
        }
        rows.append(
            Row(
                claim: "Memory: O(n), n = pending logs per run", durable: memory(durable, openDurable, durable: true),
                accepted: memory(accepted, openAccepted, durable: false), workload: memoryWorkload))

        // 4. Crash.
        let crashDurable = cells(.durable, open: true, crash: true) + cells(.durable, open: false, crash: true)
        let crashAccepted = cells(.accepted, open: true, crash: true) + cells(.accepted, open: false, crash: true)
        var crashWorkload = "not measured"
        if let trial = (crashAccepted + crashDurable).first {
            crashWorkload =
                "\(crashDurable.count + crashAccepted.count) crash trials, the writer process SIGKILLed at a random "
                + "point (`--crash random`) then restarted; "
                + (trial.workload.load.ratePerSec.map {
                    "open loop \(trial.concurrency) × \(LoadProfile.number($0)) entries/s for "
                        + "\(LoadProfile.number(trial.workload.load.durationS ?? 0)) s"
                } ?? "closed loop")
        }
        rows.append(
            Row(
                claim: "In-memory (lost on crash)", durable: crashText(crashDurable, accepted: false),
                accepted: crashText(crashAccepted, accepted: true), workload: crashWorkload))
        return rows
    }

    /// docs/seed-claims.md: a header naming the command and the machine, then the table.
    public static func markdown(_ document: ResultDocument, command: String) -> String? {
        guard let rows = rows(document) else { return nil }
        let env = document.environment
        var out = "# The seed's performance claims, measured\n\n"
        out += "Generated by `\(command)` — do not edit by hand. Measured on \(env.cpuModel), \(env.cpuCount) cores, "
        out += "\(env.os), SQLite \(env.sqliteVersion) on \(env.databaseFilesystem), \(env.date)"
        out += env.gitCommit.map { ", commit \($0.prefix(12))" } ?? ""
        out += ". The seed's queue is `\(DesignTraits.seedQueueName)`; \"unfixed\" is "
        out += "`\(DesignTraits.unfixedName)`, the pipeline before the fix.\n\n"
        out += "- **durable**: the caller awaits the promise (the call returns after the commit), as LogBench "
        out += "measured before `--ack` existed.\n"
        out += "- **accepted**: the caller goes on once the entry is queued, as the seed's timeline shows "
        out += "(\"✓ Queued … returns Promise\"); the write completes later (see docs/load.md).\n\n"
        out += "| the seed's claim | measured under `--ack durable` | measured under `--ack accepted` | workload |\n"
        out += "|---|---|---|---|\n"
        for row in rows {
            out += "| \(row.claim) | \(row.durable) | \(row.accepted) | \(row.workload) |\n"
        }
        out += "\nVerdicts: latency holds when the mean overhead over the unfixed pipeline is within "
        out +=
            "\(Units.duration(ns: document.budgetNs ?? 1e6)); throughput holds at 80 % or more of the unfixed pipeline's (whose writes overwrite each other: it loses entries); "
        out += "closed-loop figures are medians over the trials. Regenerate with the command above.\n"
        return out
    }

    /// The same table as an HTML section (empty when the document lacks the cells).
    public static func htmlSection(_ document: ResultDocument) -> String {
        guard let rows = rows(document) else { return "" }
        func cell(_ text: String) -> String {
            HTMLReport.escape(text).replacingOccurrences(of: "**", with: "")
        }
        var out = "<h2>The seed's claims, measured</h2>\n<table>\n<thead><tr><th>the seed's claim</th>"
        out += "<th>--ack durable</th><th>--ack accepted</th><th>workload</th></tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr><td>\(cell(row.claim))</td><td>\(cell(row.durable))</td><td>\(cell(row.accepted))</td>"
            out += "<td>\(cell(row.workload))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    package static func crashText(_ trials: [CellResult], accepted: Bool) -> String {
        let outcomes = trials.compactMap(\.crash).filter(\.killed)
        guard !outcomes.isEmpty else { return "not measured" }
        let ackLost = outcomes.reduce(0) { $0 + $1.acknowledgedLost + ($1.acknowledgedLostAfterRestart ?? 0) }
        let inFlight = outcomes.reduce(0) { $0 + $1.inFlightLost }
        let acceptedLost = outcomes.reduce(0) { $0 + ($1.acceptedLost ?? 0) }
        var text =
            "\(outcomes.count) kill\(outcomes.count == 1 ? "" : "s"): \(ackLost) durably acknowledged entries lost"
        if accepted {
            text += "; **\(acceptedLost) accepted entries lost** (callers had been told \"queued\")"
            text += " → **\(acceptedLost > 0 ? "holds" : "not observed")**"
        } else {
            text += "; \(inFlight) entries in flight lost (their callers were never answered)"
            text += " → the caller is never told an entry is logged before it is stored"
        }
        return text
    }

    /// "max 1000 pending per run holding 140.6 KiB of entries (144 B each); heap +0.8 MiB over the run".
    package static func pending(_ cell: CellResult) -> String {
        let maximum = cell.counters.maxPendingPerRun ?? 0
        var text = "max \(maximum) pending per run"
        if let bytes = cell.counters.maxPendingBytes, maximum > 0 {
            text += " holding \(Units.bytes(bytes)) of entries (\(bytes / maximum) B each)"
        }
        // jemalloc's view, which includes the read-modify-write's buffers, not only the queue.
        if let growth = cell.memory.peakHeapGrowthBytes { text += "; heap +\(Units.bytes(growth)) over the run" }
        return text
    }

    package static func median(_ values: [Double]) -> Double? { Descriptive.median(values) }
    package static func knee(_ search: SaturationResult) -> String {
        search.kneeOfferedPerSec.map { Units.rate($0) }
            ?? "below \(LoadProfile.number(search.steps.first?.offeredPerSec ?? 0))/s"
    }
    package static func ms(_ ns: Double?) -> String { ns.map { Units.duration(ns: $0) } ?? "n/a" }
    package static func sign(_ ns: Double) -> String { (ns >= 0 ? "+" : "−") + Units.duration(ns: abs(ns)) }
}
