import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// The human-readable summary `bench` prints after a run: one block per measured cell.
public enum TextSummary {
    public static func render(_ document: ResultDocument) -> String {
        var out = ""
        let env = document.environment
        out +=
            "LogBench · \(Escaping.terminal(env.cpuModel)), \(env.cpuCount) cores · SQLite \(Escaping.terminal(env.sqliteVersion)) on \(Escaping.terminal(env.databaseFilesystem))"
        out += " · jemalloc \(Escaping.terminal(String(env.jemallocVersion.prefix(5))))\n"
        if let server = env.server {
            out += "PostgreSQL \(server.version.split(separator: " ").first ?? "?") · "
            out += "synchronous_commit=\(server.synchronousCommit) · fsync=\(server.fsync) · "
            out += "shared_buffers=\(server.sharedBuffers) · \(server.connection) · \(server.client)\n"
        }
        out += LoadSummary.headerLine(document)
        // Several trials: each block says which, counted from 1 (the document's `trial` counts from 0).
        let numbered = document.cells.contains { $0.trial > 0 }
        for cell in document.cells where cell.role == .measured {
            out +=
                "\n"
                + render(
                    cell, traits: document.traits(of: cell.strategy, engine: cell.workload.engine), numbered: numbered)
        }
        if let reference = document.cells.first(where: { $0.role == .reference && $0.referenceOf != nil }) {
            out += "\nserial reference: \(reference.strategy), \(reference.concurrency) producer(s) × "
            out +=
                "\(reference.workload.logsPerProducer) entries"
                + (reference.workload.segments > 1 ? " in runs of \(reference.workload.logsPerRun ?? 0)" : "")
                + ", mean \(Units.duration(ns: reference.latencyNs.mean)) "
            out += "per log (overhead = latency − this, same trial)\n"
        }
        out += AdapterSummary.lines(document)
        out += TrialsSummary.render(document)
        out += SafetySummary.verdictLines(document)
        if let cell = document.measuredCells.first {
            out += "\nharness per measured log: \(String(format: "%.1f", cell.harnessOverheadNs)) ns "
            if (cell.mode ?? .threads) == .threads && cell.crash == nil {
                out += "(the producer loop around a do-nothing appender at c=\(cell.concurrency))"
                if let timer = cell.timerCostNs { out += "; the timer alone \(String(format: "%.1f", timer)) ns" }
            } else {
                // The loop is calibrated in this process only; workers and tasks are charged the timer.
                out += "(the timer alone: the producer loop is calibrated for in-process threads only)"
            }
            out += "\n"
        }
        if !document.complete { out += "INCOMPLETE: the run was interrupted; only finished cells are shown.\n" }
        return out
    }

    public static func render(_ cell: CellResult, traits: DesignTraits? = nil, numbered: Bool = false) -> String {
        let w = cell.workload
        let a = cell.audit
        let l = cell.latencyNs
        var out = "strategy \(Escaping.terminal(cell.strategy)) · concurrency \(cell.concurrency) · "
        if w.runsInTurn > 1, let length = w.logsPerRun {
            // Closed loop, several runs a round: --logs-per-producer is each producer's share of one run.
            out += "\(length) logs/producer · \(w.runsPerRound) runs a round, "
            out += w.runs > 1 ? "\(w.runs) at a time in turn" : "in turn"
            out += " (no barrier between runs)"
        } else {
            out += "\(w.logsPerProducer) logs/producer · \(w.runsPerRound) run\(w.runsPerRound == 1 ? "" : "s")"
            if let length = w.logsPerRun, w.segments > 1 { out += " (each producer moves on every \(length) entries)" }
        }
        if let rounds = cell.rounds {
            out += " · \(rounds) rounds"
            if let ms = w.minMeasuredMs {
                let precision = Units.percent(Workload.autoRoundsPrecision * 100)
                let ceiling = Double(ms * Workload.autoRoundsCeilingFactor) * 1e6
                out +=
                    " (auto: until ±\(precision) after \(Units.duration(ns: Double(ms) * 1e6)), no round started "
                    + "after \(Units.duration(ns: ceiling)))"
            }
        }
        out +=
            w.engine == .sqlite
            ? " · synchronous=\(w.synchronous.rawValue) · busy-handler=\(w.busyHandler.rawValue)"
            : " · \(w.engine.displayName)"
        out += " · \(w.messageBytes)-byte \(w.messageText.rawValue) messages · codec \(w.codec.rawValue)"
        out += "\(numbered || cell.trial > 0 ? " · trial \(cell.trial + 1)" : "")\n"
        if let adapter = traits?.adapter { out += "  adapter     " + AdapterSummary.describe(adapter) + "\n" }
        if let failure = cell.appenderFailure { out += "  APPENDER FAILED  \(Escaping.terminal(failure))\n" }
        let verdict =
            a.hasDataLoss
            ? "DATA LOSS (\(a.dataLossCount) entries)"
            : (a.failed > 0 ? "FAILED WRITES (\(a.failed) calls failed: their entries are not logged)" : "no data loss")
        out += "  audit       expected \(a.expected) · stored \(a.stored) · lost \(a.lost) · duplicated \(a.duplicated)"
        out += " · phantom \(a.phantom) · corrupted \(a.corrupted) · failed \(a.failed) · out of order \(a.outOfOrder)"
        if let acceptedLost = a.acceptedLost { out += " · accepted+lost \(acceptedLost)" }
        if let early = a.acknowledgedUnwritten, early > 0 { out += " · acknowledged before written \(early)" }
        out += " → \(verdict)\n"
        out += "  throughput  \(Units.rate(cell.throughputPerSec)) acknowledged"
        if cell.wallTimeNs > 0, w.prefillEntries == nil {
            // What the database kept: for a design that loses entries, far less than it acknowledged.
            out += " · \(Units.rate(Double(a.stored) / (Double(cell.wallTimeNs) / 1e9))) stored"
        }
        out += " (\(Units.duration(ns: cell.wallTimeNs)) measured"
        if let halfWidth = cell.roundsThroughputHalfWidth, let rounds = cell.rounds {
            out += ", ±\(Units.percent(halfWidth * 100)) over \(rounds) rounds at 95 %"
        }
        out += ")"
        if let perCommit = cell.counters.entriesPerCommit, let commits = cell.counters.groupCommits {
            out += " · \(String(format: "%.1f", perCommit)) entries per commit (\(commits) commits)"
        }
        out += "\n"
        if let busy = cell.allBusyThroughputPerSec, let busyNs = cell.allBusyNs {
            out += "  all busy    \(Units.rate(busy)) acknowledged while all \(cell.concurrency) producers were sending"
            out += " (\(Units.duration(ns: busyNs)) of the \(Units.duration(ns: cell.wallTimeNs)): each round until"
            out += " its first producer finished)\n"
        }
        out += "  latency     p50 \(Units.duration(ns: l.p50)) · p90 \(Units.duration(ns: l.p90))"
        out += " · p99 \(Units.duration(ns: l.p99)) · p99.9 \(Units.duration(ns: l.p999))"
        out += " · max \(Units.duration(ns: l.max)) · mean \(Units.duration(ns: l.mean))\n"
        if let phases = cell.phasesNs {
            let parts = Phase.allCases.compactMap { phase in
                phases[phase.name].map { "\(phase.name) \(Units.duration(ns: $0.mean))" }
            }
            out += "  phases      of \(Units.duration(ns: l.mean)) (means): \(parts.joined(separator: " · "))\n"
        }
        out += SampleWarnings.lines(cell).map { "  note        \($0)\n" }.joined()
        out += LoadSummary.cellLines(cell)
        if let overhead = cell.overheadNs {
            let budget = Verdicts.withinBudget(overhead) ? "within" : "OVER"
            out += "  overhead    vs serial reference: mean \(Units.duration(ns: overhead.mean))"
            out += " · p50 \(Units.duration(ns: overhead.p50))"
            if let p99 = overhead.p99 { out += " · p99 \(Units.duration(ns: p99))" }
            out += " → \(budget) the \(Units.duration(ns: overhead.budgetNs)) budget per log\n"
        } else {
            out += "  overhead    not measured (no serial reference in this run)\n"
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
        if let adapter = cell.counters.adapterPeakRssBytes {
            out += " · the adapter's own peak RSS \(Units.bytes(adapter)) (the figures before it are LogBench's)"
        }
        out += "\n"
        if cell.counters.busyWaits > 0 || cell.counters.retries > 0 {
            out +=
                "  contention  \(cell.counters.busyWaits) busy waits · \(cell.counters.retries) restarted transactions\n"
        }
        out += SafetySummary.cellLines(cell, traits: traits)
        if let failures = cell.failures, let failed = cell.failedLatencyNs {
            out += "  failed      \(a.failed) calls, p50 \(Units.duration(ns: failed.p50)) each"
            out += " · first error (\(failures[0].calls) calls): \(Escaping.terminal(failures[0].message))\n"
            for other in failures.dropFirst() {
                out +=
                    other.calls > 0
                    ? "  error       (\(other.calls) calls) \(Escaping.terminal(other.message))\n"
                    : "  note        \(Escaping.terminal(other.message))\n"
            }
        } else {
            for error in cell.errors { out += "  error       \(Escaping.terminal(error))\n" }
        }
        return out
    }
}
