/// The human-readable summary `bench` prints after a run: one block per measured cell.
public enum TextSummary {
    public static func render(_ document: ResultDocument) -> String {
        var out = ""
        let env = document.environment
        out +=
            "LogBench · \(Escaping.terminal(env.cpuModel)), \(env.cpuCount) cores · SQLite \(Escaping.terminal(env.sqliteVersion)) on \(Escaping.terminal(env.databaseFilesystem))"
        out += " · jemalloc \(Escaping.terminal(String(env.jemallocVersion.prefix(5))))\n"
        for cell in document.cells where cell.role == .measured {
            out += "\n" + render(cell)
        }
        out += SafetySummary.verdictLines(document)
        if let harness = document.cells.first?.harnessOverheadNs {
            out += "\nharness overhead per measured log: \(Units.duration(ns: harness))\n"
        }
        if !document.complete { out += "INCOMPLETE: the run was interrupted; only finished cells are shown.\n" }
        return out
    }

    public static func render(_ cell: CellResult) -> String {
        let w = cell.workload
        let a = cell.audit
        let l = cell.latencyNs
        var out =
            "strategy \(Escaping.terminal(cell.strategy)) · concurrency \(cell.concurrency) · \(w.logsPerProducer) logs/producer"
        out += " · \(w.runs) run\(w.runs == 1 ? "" : "s") · synchronous=\(w.synchronous.rawValue)"
        out += " · \(w.messageBytes)-byte messages · codec \(w.codec.rawValue)"
        out += "\(cell.trial > 0 ? " · trial \(cell.trial)" : "")\n"
        let verdict = a.hasDataLoss ? "DATA LOSS (\(a.dataLossCount) entries)" : "no data loss"
        out += "  audit       expected \(a.expected) · stored \(a.stored) · lost \(a.lost) · duplicated \(a.duplicated)"
        out += " · phantom \(a.phantom) · corrupted \(a.corrupted) · failed \(a.failed) · out of order \(a.outOfOrder)"
        out += " → \(verdict)\n"
        out += "  throughput  \(Units.rate(cell.throughputPerSec)) (\(Units.duration(ns: cell.wallTimeNs)) measured)\n"
        out += "  latency     p50 \(Units.duration(ns: l.p50)) · p90 \(Units.duration(ns: l.p90))"
        out += " · p99 \(Units.duration(ns: l.p99)) · p99.9 \(Units.duration(ns: l.p999))"
        out += " · max \(Units.duration(ns: l.max)) · mean \(Units.duration(ns: l.mean))\n"
        let reference = StrategyRegistry.reference.name
        if cell.strategy == reference {
            out += "  overhead    \(reference) is the reference the other strategies' overhead is measured against\n"
        } else if let overhead = cell.overheadNs {
            let budget = overhead.withinBudget ? "within" : "OVER"
            out +=
                "  overhead    vs \(reference): mean \(Units.duration(ns: overhead.mean)) · p50 \(Units.duration(ns: overhead.p50))"
            out += " → \(budget) the \(Units.duration(ns: overhead.budgetNs)) budget per log\n"
        } else {
            out += "  overhead    not measured (--no-reference)\n"
        }
        let m = cell.memory
        out += "  memory      peak RSS \(m.peakRssBytes.map(Units.bytes) ?? "n/a")"
        if let peak = m.peakAllocatedBytes, let start = m.allocatedAtStartBytes {
            out += " · peak allocated \(Units.bytes(peak)) (from \(Units.bytes(start)))"
        }
        if let allocations = m.allocationsPerLog {
            out += " · \(String(format: "%.1f", allocations)) allocations/log"
        }
        if m.peakAllocatedBytes == nil {
            out += " · allocator figures not measured (producers ran in worker processes)"
        }
        if let pending = m.maxPendingPerRun { out += " · max pending per run \(pending)" }
        out += "\n"
        if cell.counters.busyWaits > 0 || cell.counters.retries > 0 {
            out +=
                "  contention  \(cell.counters.busyWaits) busy waits · \(cell.counters.retries) restarted transactions\n"
        }
        out += SafetySummary.cellLines(cell)
        for error in cell.errors { out += "  error       \(Escaping.terminal(error))\n" }
        return out
    }
}
