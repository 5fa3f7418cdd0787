import Foundation
import LogBenchModel
import LogBenchStatistics

/// The figures behind each decision-table cell of one design, read from a seed-claims document.
struct DecisionFacts {
    let document: ResultDocument
    let atShape: [CellResult]
    let engine: EngineKind

    init(document: ResultDocument, atShape: [CellResult]) {
        self.document = document
        self.atShape = atShape
        engine = atShape.first?.workload.engine ?? .sqlite
    }

    func shape(_ name: String) -> [CellResult] { atShape.filter { $0.strategy == name } }

    /// Producers of the seed's shape as measured (20 unless asked otherwise).
    var producers: Int { atShape.first?.concurrency ?? 0 }

    func rate(_ name: String) -> Double { Verdicts.median(shape(name).map(\.throughputPerSec)) ?? 0 }

    /// Crash trials of the design in this document (threads mode: the writer killed, then restarted).
    func kills(_ name: String, ack: AckPoint) -> [CrashOutcome] {
        document.cells.filter {
            $0.role == .measured && $0.strategy == name && $0.workload.load.ack == ack
                && $0.workload.engine == engine
        }.compactMap(\.crash).filter(\.killed)
    }

    func acknowledgedLost(_ name: String) -> Int {
        (kills(name, ack: .durable) + kills(name, ack: .accepted)).reduce(0) {
            $0 + $1.acknowledgedLost + ($1.acknowledgedLostAfterRestart ?? 0)
        }
    }

    func lostNothing(_ name: String) -> Bool {
        let cells = shape(name)
        return !cells.isEmpty && cells.allSatisfy { !$0.audit.hasDataLoss && $0.audit.failed == 0 }
            && acknowledgedLost(name) == 0
    }

    func schema(_ name: String) -> String {
        guard let traits = document.traits(of: name, engine: engine) else { return "not recorded" }
        return traits.requiresSchemaChange
            ? "yes: entries read back from the new `log_entries` table"
            : "no: entries read back from the run's JSON column"
    }

    func lines(_ name: String) -> String {
        guard let fact = document.designFacts?.first(where: { $0.name == name && $0.engine == engine }) else {
            return "not counted"
        }
        let file = fact.sourceFile.components(separatedBy: " + ").map { path in
            path.split(separator: "/").last.map(String.init) ?? path
        }.joined(separator: "` + `")
        return fact.codeLines.map { "\($0) (`\(file)`)" } ?? "source not found (`\(file)`)"
    }

    func platforms(_ name: String) -> String {
        guard let fact = document.designFacts?.first(where: { $0.name == name && $0.engine == engine }) else {
            return "not recorded"
        }
        return "\(fact.platforms) (\(fact.platformSource))"
    }

    func crashLoss(_ name: String) -> String {
        let durable = kills(name, ack: .durable)
        guard !durable.isEmpty else { return "not measured" }
        var text = "acknowledged: \(acknowledgedLost(name)) lost in \(durable.count) kills"
        let accepted = kills(name, ack: .accepted)
        let buffers = document.traits(of: name, engine: engine)?.buffersEntries ?? false
        if !accepted.isEmpty {
            let lost = accepted.reduce(0) { $0 + ($1.acceptedLost ?? 0) + ($1.acceptedLostAfterRestart ?? 0) }
            text += "; accepted: \(lost) lost in \(accepted.count) kills"
        } else if !buffers {
            text += "; accepted: the same (no buffer: the call returns at the commit)"
        }
        return text
    }

    /// A measured safety property of the design: process safety on this engine (`engine` nil) or another's.
    func safety(_ name: String, engine other: EngineKind?) -> String {
        let wanted = other ?? engine
        let verdict = (document.safety ?? []).first {
            $0.strategy == name && $0.mode == .processes && ($0.engine ?? .sqlite) == wanted
        }
        guard let property = verdict?.processSafe else { return "not measured" }
        let lost = document.cells.filter {
            $0.strategy == name && $0.executionMode == .processes && $0.workload.engine == wanted && $0.crash == nil
        }
        let count = lost.reduce(0) { $0 + $1.audit.dataLossCount }
        let sent = lost.reduce(0) { $0 + $1.audit.expected }
        let processes = lost.first?.concurrency ?? 0
        return (property.holds ? "yes" : "no") + " (\(processes) processes: \(count) of \(sent) lost)"
    }

    func hostSafe(_ name: String) -> String {
        let form = document.designFacts?.first { $0.name == name && $0.engine == engine }?.postgresForm
        guard let form else { return "no PostgreSQL form" }
        let measured = safety(name, engine: .postgres)
        guard measured != "not measured" else { return "PostgreSQL form `\(form)`; not run (no server)" }
        return "PostgreSQL form: " + measured
    }

    func latency(_ name: String) -> String {
        let cells = shape(name)
        let p50 = Verdicts.median(cells.map { Double($0.latencyNs.p50) }) ?? 0
        let p99 = Verdicts.median(cells.map { Double($0.latencyNs.p99) }) ?? 0
        return "\(Units.duration(ns: p50)) / \(Units.duration(ns: p99))"
    }

    func killedHolder(_ name: String) -> String {
        let restarted = kills(name, ack: .durable).filter { $0.restarted == true }
        guard !restarted.isEmpty else { return "not measured" }
        let sent = restarted.reduce(0) { $0 + ($1.sentAfterRestart ?? 0) }
        let stored = restarted.reduce(0) { $0 + ($1.acknowledgedStoredAfterRestart ?? 0) }
        let intact = restarted.filter { $0.integrityCheck == "ok" }.count
        var text: String
        if sent == 0 {
            text = "not shown: every kill came after the last entry was sent"
        } else if stored < sent {
            text = "the restarted writer stored \(stored) of \(sent) entries after \(restarted.count) kills"
        } else {
            text =
                "nothing held: the restarted writer stored \(stored) of \(sent) entries after \(restarted.count) kills"
        }
        text += "; integrity ok in \(intact) of \(restarted.count)"
        let pending = restarted.reduce(0) { $0 + $1.inFlightLost }
        if pending > 0 { text += "; \(pending) in-flight entries died with the writer" }
        return text
    }

    func recommendation(_ name: String, best: String?) -> String {
        var parts: [String] = []
        let p99 = Verdicts.median(shape(name).map { Double($0.latencyNs.p99) }) ?? 0
        if !lostNothing(name) {
            let lost = shape(name).reduce(0) { $0 + $1.audit.dataLossCount + $1.audit.failed }
            parts.append(
                lost > 0
                    ? "do not use: it lost \(lost) entries at \(producers) producers"
                    : "do not use: a kill lost \(acknowledgedLost(name)) acknowledged entries")
        } else if name == best {
            parts.append(
                "use it at \(producers) producers: the fastest design that lost nothing (\(Units.rate(rate(name))), "
                    + "p99 \(Units.duration(ns: p99)))")
        } else if let best {
            parts.append(
                "lost nothing, at \(Units.percent(rate(name) / max(rate(best), 1) * 100)) of \(best)'s throughput "
                    + "(p99 \(Units.duration(ns: p99)))")
        }
        if safety(name, engine: nil).hasPrefix("no") { parts.append("one process only") }
        let accepted = kills(name, ack: .accepted).reduce(0) { $0 + ($1.acceptedLost ?? 0) }
        if accepted > 0 { parts.append("callers that go on at enqueue lose what a crash finds queued") }
        if document.traits(of: name, engine: engine)?.requiresSchemaChange == true {
            parts.append("needs the new table")
        }
        return parts.joined(separator: "; ")
    }
}
