import Foundation
import LogBenchModel
import LogBenchStatistics

/// One approach of the seed's "Why queue-based over alternatives?" table, every criterion backed
/// by a figure of a `bench seed-claims` document: measured, counted, or (platforms) stated with a
/// source; beside the seed's own verdict.
public struct DecisionRow: Codable, Sendable, Equatable {
    public var approach: String
    /// How the seed named it ("Queue (chosen)"), or nil for a design it did not consider.
    public var seedName: String?
    public var schemaChange: String
    public var codeLines: String
    public var crashLoss: String
    public var processSafe: String
    public var hostSafe: String
    public var latency: String
    public var throughput: String
    public var killedHolder: String
    public var platforms: String
    public var seedVerdict: String
    public var measuredVerdict: String
    /// One line: what the measurements recommend, and where that differs from the seed.
    public var recommendation: String
}

/// The decision table decided once from a document; every format prints it.
public enum DecisionTable {
    /// The seed's four approaches in its order, then the designs it did not consider.
    public static let approaches = [
        "queue", "transaction", "log-table", "lock", "queue-batch", "log-table-batch", "atomic-append",
    ]

    /// The seed's own rows (its words, the only hand-written cells besides the platforms): its name
    /// for the approach, its verdict with its cons, and whether that verdict was for (1), against
    /// (−1) or undecided (0).
    static let seed: [String: (String, String, Int)] = [
        "queue": ("Queue (chosen)", "✅ Best fit (cons: in-memory, lost on crash)", 1),
        "transaction": ("Database transactions", "❌ Over-engineered (SQLite limitations, complex)", -1),
        "log-table": ("Dedicated log table", "⚠️ Future consideration (schema migration, more complex)", 0),
        "lock": ("File locks", "❌ Not portable (platform-specific, cleanup issues)", -1),
    ]

    public static var rules: String {
        "Columns: schema change from where the audit read each design's entries back (the run's JSON column, "
            + "or the new `log_entries` table); lines of code counted from the design's own file in the source "
            + "tree when the document was written (not blank, not a comment; shared building blocks counted "
            + "apart, below); loss on crash from the crash trials (the writer process SIGKILLed at a random point, "
            + "then restarted), acknowledged entries lost, and under `--ack accepted` entries the caller was told "
            + "\"queued\" and never written; process-safe from worker processes sharing one run; host-safe from "
            + "the PostgreSQL form of the design in worker processes (a server reached over a socket: what a second "
            + "host would do); p50/p99 and throughput at the seed's shape (medians over trials); killed "
            + "holder from the same crash trials (whether the restarted writer could write, and the integrity "
            + "check); platforms stated with their source. Measured verdict: a design that lost, duplicated or "
            + "failed an entry at the seed's shape, or lost an acknowledged entry in a kill, loses entries; of "
            + "the others the fastest is the best fit at the seed's shape."
    }

    public static func rows(_ document: ResultDocument) -> [DecisionRow]? {
        let cells = ClaimCells(document)
        let atShape = DesignCells.atShape(cells)
        guard !atShape.isEmpty, document.designFacts != nil else { return nil }
        let facts = DecisionFacts(document: document, atShape: atShape)
        let safe = approaches.filter { facts.lostNothing($0) }
        let best = safe.max { facts.rate($0) < facts.rate($1) }
        return approaches.filter { name in atShape.contains { $0.strategy == name } }.map { name in
            let (seedName, seedVerdict, polarity) = seed[name] ?? (nil, "not considered by the seed", 0)
            let verdict: String
            if !facts.lostNothing(name) {
                verdict = "loses entries"
            } else if name == best {
                verdict = "best fit at \(facts.producers) producers"
            } else {
                verdict =
                    "safe; \(Units.percent(facts.rate(name) / max(facts.rate(best ?? name), 1) * 100)) of "
                    + "\(best ?? name)'s throughput"
            }
            var line = facts.recommendation(name, best: best)
            let differs =
                (polarity == 1 && name != best) || (polarity == -1 && facts.lostNothing(name))
                || (polarity == 0 && seedName != nil && name == best)
            if let seedName, differs { line += "; differs from the seed (\(seedName): \(seedVerdict))" }
            return DecisionRow(
                approach: name, seedName: seedName, schemaChange: facts.schema(name), codeLines: facts.lines(name),
                crashLoss: facts.crashLoss(name), processSafe: facts.safety(name, engine: nil),
                hostSafe: facts.hostSafe(name), latency: facts.latency(name),
                throughput: Units.rate(facts.rate(name)), killedHolder: facts.killedHolder(name),
                platforms: facts.platforms(name), seedVerdict: seedVerdict, measuredVerdict: verdict,
                recommendation: line)
        }
    }

    /// "Shared: RunQueue.swift 174 lines, RunQueues.swift 87 …", for the note under the table.
    public static func sharedCode(_ document: ResultDocument) -> String {
        let shared = (document.designFacts ?? []).filter { $0.name.hasPrefix(DesignFacts.sharedPrefix) }
        return shared.map { fact in
            "`\(fact.sourceFile)` \(fact.codeLines.map(String.init) ?? "not found")"
        }.joined(separator: ", ")
    }
}
