import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// Text lines for the load a cell ran under: acknowledgement point, durability lag, pending entries,
/// open-loop schedule and the sustainability verdict. Used by the text summary.
public enum LoadSummary {
    /// "load        closed loop: …", under the environment line.
    public static func headerLine(_ document: ResultDocument) -> String {
        "load        \(document.loadModel ?? LoadProfile.closedLoopDescription)\n"
    }

    /// Lines under a cell's latency line (empty for the default load).
    public static func cellLines(_ cell: CellResult) -> String {
        guard let load = cell.load else { return "" }
        var out = ""
        if load.ack == .accepted {
            if load.strategyBuffers {
                out += "  ack         accepted: the call returns once \(cell.strategy) has queued the entry; "
                out += "latency above is the caller's\n"
            } else {
                out += "  ack         accepted, but \(cell.strategy) has no buffer: its call returns after the commit, "
                out += "as under durable (durability lag = latency)\n"
            }
        }
        if let lag = cell.durabilityLagNs {
            out += "  durability  lag p50 \(Units.duration(ns: lag.p50)) · p90 \(Units.duration(ns: lag.p90))"
            out += " · p99 \(Units.duration(ns: lag.p99)) · max \(Units.duration(ns: lag.max))"
            out += " · mean \(Units.duration(ns: lag.mean)) (call → committed)\n"
        }
        if let rate = load.ratePerSec {
            out += "  schedule    \(LoadProfile.number(rate)) entries/s per producer"
            out += " (offered \(Units.rate(load.offeredPerSec ?? 0)))"
            out += " · sent \(load.sent) · unsent \(load.unsent ?? 0)"
            out += " · last sends up to \(Units.duration(ns: load.finalSendDelayNs ?? 0)) behind schedule\n"
        }
        out += "  written     \(Units.rate(load.writtenPerSec)) durably (start → last commit)"
        if let abandoned = load.abandoned {
            out += " · \(abandoned) accepted entries abandoned at the drain limit"
        }
        out += "\n"
        if load.pendingSeries != nil || cell.counters.p99PendingPerRun != nil {
            let c = cell.counters
            out += "  pending     max per run \(c.maxPendingPerRun.map(String.init) ?? "n/a")"
            out += " · p99 per run \(c.p99PendingPerRun.map(String.init) ?? "n/a")"
            out += " · peak bytes held per run \(c.maxPendingBytes.map(Units.bytes) ?? "n/a")"
            if let bound = cell.workload.load.maxPending { out += " · bound \(bound) (callers wait for room)" }
            out += "\n"
        }
        if let growth = load.growth {
            out += (growth.sustainable == nil ? "  growth      " : "  verdict     ") + growth.verdict + "\n"
        }
        return out
    }

    /// Crash lines for entries accepted but never written (`--ack accepted`), under the crash block.
    public static func crashLines(_ cell: CellResult) -> String {
        guard let crash = cell.crash, crash.acceptedLost != nil || crash.acceptedStored != nil else { return "" }
        var out = "              ACCEPTED+LOST \(crash.acceptedLost ?? 0) (taken by the queue, never written: "
        out += "the seed's \"lost on crash\") · accepted, written, unconfirmed \(crash.acceptedStored ?? 0)\n"
        if let after = crash.acceptedLostAfterRestart {
            out += "              restarted writer: \(after) accepted entries abandoned at its drain limit\n"
        }
        return out
    }
}
