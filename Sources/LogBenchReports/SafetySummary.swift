import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// Report lines for modes, crash trials and measured safety; used by the text and Markdown summaries.
public enum SafetySummary {
    /// Extra lines for one cell (empty for a plain threads-mode cell).
    public static func cellLines(_ cell: CellResult, traits: DesignTraits?) -> String {
        var out = ""
        if let mode = cell.mode, mode != .threads || cell.workerProcesses != nil {
            out += "  mode        \(mode.rawValue)"
            if let workers = cell.workerProcesses {
                out += " · \(workers) worker process\(workers == 1 ? "" : "es") (posix_spawn)"
            }
            if mode == .tasks { out += " · Swift tasks awaiting addLog on a \(cell.concurrency)-thread TaskExecutor" }
            out += "\n"
        }
        if let crash = cell.crash {
            out +=
                "  crash       \(Escaping.terminal(crash.plan)): SIGKILL worker \(crash.victimWorker) after \(crash.killAfterAcknowledged)"
            out += " acknowledged → \(crash.killed ? "killed mid-run" : "NOT killed: it finished first")\n"
            out +=
                "              acknowledged+stored \(crash.acknowledgedStored) · ACKNOWLEDGED+LOST \(crash.acknowledgedLost)"
            out += " · in flight: stored \(crash.inFlightStored), lost \(crash.inFlightLost)"
            out += " · never sent \(crash.neverSent)\n"
            out += LoadSummary.crashLines(cell)
            if crash.restarted == true {
                out += "              writer restarted (opened the database after the kill): appended"
                out +=
                    " \(crash.sentAfterRestart ?? 0) → acknowledged+stored \(crash.acknowledgedStoredAfterRestart ?? 0)"
                out += " · ACKNOWLEDGED+LOST \(crash.acknowledgedLostAfterRestart ?? 0)"
                out += " · failed \(crash.failedAfterRestart ?? 0)\n"
            } else if crash.restarted == false {
                out += "              writer not restarted (the kill did not land)\n"
            }
            // The killed writer's counters die with it; the strategy's trait says what it held.
            if traits?.pendingEntriesDieWithProcess == true {
                let pending = crash.inFlightLost + (crash.acceptedLost ?? 0)
                out += "              queue: \(pending) pending entries lost with the killed process\n"
            }
            if crash.restarted == true {
                out += "              latency: the restarted writer's appends only (the killed writer's died with it)\n"
            } else if cell.latencyNs.max == 0 {
                out += "              latency: none reported (the killed writer's died with it)\n"
            }
        }
        if let integrity = cell.integrityCheck {
            out +=
                cell.workload.engine == .sqlite
                ? "  integrity   PRAGMA integrity_check: \(Escaping.terminal(integrity))\n"
                : "  integrity   every run a JSON array, no key stored twice: \(Escaping.terminal(integrity))\n"
        }
        if cell.workerProcesses != nil {
            out +=
                "  note        memory: largest worker's peak RSS only; allocator figures are per process, not merged\n"
        }
        return out
    }

    /// The measured safety verdicts, one line each.
    public static func verdictLines(_ document: ResultDocument) -> String {
        guard let verdicts = document.safety, !verdicts.isEmpty else { return "" }
        var out = "\nsafety (measured, not claimed)\n"
        for verdict in verdicts {
            if let process = verdict.processSafe {
                out +=
                    "  \(Escaping.terminal(verdict.strategy)): \(process.holds ? "process-safe" : "NOT SAFE ACROSS PROCESSES")"
                out += " (\(Escaping.terminal(process.basis)))\n"
            }
            if let crash = verdict.crashSafe {
                out += "  \(Escaping.terminal(verdict.strategy)) [\(verdict.mode.rawValue)]: "
                out += crash.runs == 0 ? "crash safety untested" : (crash.holds ? "crash-safe" : "NOT CRASH-SAFE")
                out += " (\(Escaping.terminal(crash.basis)))\n"
            }
        }
        return out
    }
}
