import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// The review table as header and cell strings with scaled units, shared by the human formats
/// (Markdown, text, HTML), so they cannot disagree about a value.
public struct ReviewColumns: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns holding numbers (right-aligned).
    public var numeric: Set<Int>
    /// Cells to emphasise (row, column): data loss, over budget.
    public var alarms: Set<[Int]>
    /// Column ranges that belong together (after the strategy column), for layouts that split the table.
    public var groups: [(title: String, columns: Range<Int>)]

    public init(_ table: ReviewTable) {
        let c = table.headlineConcurrency
        let budget = table.budgetNs.map { Units.duration(ns: $0) } ?? "budget"
        var headers = ["strategy"]
        // When every strategy sent the same number at a level, the header says it once.
        headers += table.concurrencies.map { level in
            let sent = Set(table.rows.compactMap { $0.loss.first { $0.concurrency == level }?.expected })
            return sent.count == 1 ? "loss c=\(level) (of \(sent.first!))" : "loss c=\(level)"
        }
        headers += [
            "overhead p50 @c=\(c)", "overhead p99 @c=\(c)", "vs \(budget) budget (mean)", "throughput @c=\(c)",
            "% of limit", "peak heap", "allocs/log", "max pending",
        ]
        headers += table.growthSizes.map { "append p50 @\($0) logs" }
        headers += ["schema change", "across processes", "survives crash"]
        self.headers = headers

        var numeric = Set(1...(table.concurrencies.count + 8))
        numeric.remove(table.concurrencies.count + 3)
        let growthStart = table.concurrencies.count + 9
        numeric.formUnion(growthStart..<(growthStart + table.growthSizes.count))
        self.numeric = numeric
        let properties = growthStart + table.growthSizes.count
        groups = [
            ("Correctness, latency and throughput", 1..<(table.concurrencies.count + 6)),
            ("Memory, growth with the log, and properties", (table.concurrencies.count + 6)..<(properties + 3)),
        ]

        var alarms = Set<[Int]>()
        rows = table.rows.enumerated().map { index, row in
            var cells = [table.label(row)]
            for (offset, level) in table.concurrencies.enumerated() {
                guard let loss = row.loss.first(where: { $0.concurrency == level }) else {
                    cells.append("—")
                    continue
                }
                if loss.lost > 0 { alarms.insert([index, 1 + offset]) }
                let sameSent = headers[1 + offset].contains("(of ")
                cells.append(Self.loss(loss, showSent: !sameSent))
            }
            let isReference = row.isReference
            let n = row.trials
            cells.append(
                row.overheadP50Ns.map { Self.spread($0, row.overheadP50HalfWidth, n: n) }
                    ?? (isReference ? "reference" : "n/a"))
            cells.append(
                row.overheadP99Ns.map { Self.spread($0, row.overheadP99HalfWidth, n: n) }
                    ?? (isReference ? "reference" : "n/a"))
            if let over = row.overBudgetAt, !over.isEmpty { alarms.insert([index, cells.count]) }
            cells.append(row.overBudgetAt == nil && isReference ? "reference" : Self.budget(row.overBudgetAt))
            cells.append(Self.spread(rate: row.throughputPerSec, row.throughputHalfWidth, n: n))
            cells.append(row.percentOfLimit.map { Units.percent($0) } ?? "not measured")
            cells.append(row.peakHeapGrowthBytes.map(Units.bytes) ?? "not measured")
            cells.append(row.allocationsPerLog.map { String(format: "%.0f", $0) } ?? "not measured")
            cells.append(row.maxPendingPerRun.map(String.init) ?? "—")
            for size in table.growthSizes {
                cells.append(row.growth.first { $0.logSize == size }.map { Units.duration(ns: $0.p50Ns) } ?? "—")
            }
            cells.append(row.schemaChange.map { $0 ? "yes (log_entries)" : "no" } ?? "unknown")
            cells.append(Self.property(row.measuredProcessSafe, claimed: row.claimsProcessSafety))
            cells.append(Self.property(row.measuredCrashSafe, claimed: nil))
            return cells
        }
        self.alarms = alarms
    }

    package static func loss(_ loss: ReviewRow.Loss, showSent: Bool) -> String {
        guard loss.lost > 0 else { return "0" }
        let percent = loss.expected > 0 ? Double(loss.lost) / Double(loss.expected) * 100 : 0
        return (showSent ? "\(loss.lost)/\(loss.expected)" : "\(loss.lost)") + " (\(Units.percent(percent)))"
    }

    /// "4.00 ms ± 120.0 µs (n=3)": the median, half its 95 % CI and the trials; one trial: "4.00 ms (n=1)".
    package static func spread(_ ns: Double, _ halfWidth: Double?, n: Int?) -> String {
        Units.duration(ns: ns) + (halfWidth.map { " ± " + Units.duration(ns: $0) } ?? "") + trials(n)
    }

    /// "19263 ± 612.0 logs/s (n=3)"; one trial: "19263 logs/s (n=1)".
    package static func spread(rate: Double, _ halfWidth: Double?, n: Int?) -> String {
        guard let halfWidth else { return Units.rate(rate) + trials(n) }
        let number = { (value: Double) in String(Units.rate(value).dropLast(" logs/s".count)) }
        return "\(number(rate)) ± \(number(halfWidth)) logs/s" + trials(n)
    }

    /// " (n=3)", or nothing for a table written before trials were recorded.
    package static func trials(_ n: Int?) -> String { n.map { " (n=\($0))" } ?? "" }

    package static func budget(_ overAt: [Int]?) -> String {
        guard let overAt else { return "n/a" }
        return overAt.isEmpty ? "within" : "over at c=" + overAt.map(String.init).joined(separator: ",")
    }

    /// A measured value when there is one; otherwise says so, with the design's claim beside it.
    package static func property(_ measured: Bool?, claimed: Bool?) -> String {
        if let measured { return measured ? "yes (measured)" : "no (measured)" }
        guard let claimed else { return "not measured" }
        return "not measured (claims \(claimed ? "yes" : "no"))"
    }

    /// The footnotes every human format prints under the table.
    public static func notes(_ table: ReviewTable) -> [String] {
        var notes: [String] = []
        let c = table.headlineConcurrency
        notes.append(
            "loss: lost + duplicated + phantom + corrupted entries / entries sent, per concurrency (summed over trials)."
        )
        let reference = DesignTraits.unfixedName
        let budget =
            "Budget: mean overhead per log against \(table.budgetNs.map { Units.duration(ns: $0) } ?? "the budget") at each concurrency."
        if !table.serialReference {
            notes.append(
                "overhead: latency per log minus `\(reference)`'s at c=\(c) in the same trial (a document written before "
                    + "the serial reference). " + budget)
        } else {
            // The unfixed code is the seed's comparison; another reference is what the user named.
            let names = table.referenceNames.isEmpty ? [reference] : table.referenceNames
            let what =
                names == [reference]
                ? "\(reference) with one producer per run appending the same entries: no race, no loss, the same "
                    + "array growth"
                : "\(names.joined(separator: ", ")) with one producer per run appending the same entries"
            notes.append(
                "overhead: latency per log at c=\(c) minus the serial reference's (\(what)), same trial; "
                    + "p50 and p99 are differences of percentiles (median over trials). " + budget)
        }
        for limit in table.limits where limit.engine == .postgres {
            notes.append(
                "limit (PostgreSQL): \(Units.rate(limit.batchedInsertsPerSec)) inserting \(limit.batchedRows) rows "
                    + "into log_entries in one transaction (one round trip per row); one INSERT committing on its "
                    + "own takes p50 \(Units.duration(ns: limit.commitLatencyNs.p50)), p99 "
                    + "\(Units.duration(ns: limit.commitLatencyNs.p99)) (\(limit.commits) commits, one connection).")
        }
        for limit in table.limits where limit.engine != .postgres {
            notes.append(
                "limit (synchronous=\(limit.synchronous.rawValue)): \(Units.rate(limit.batchedInsertsPerSec)) inserting "
                    + "\(limit.batchedRows) rows into log_entries in one transaction; one commit on its own takes "
                    + "p50 \(Units.duration(ns: limit.commitLatencyNs.p50)), p99 "
                    + "\(Units.duration(ns: limit.commitLatencyNs.p99)) (\(limit.commits) commits, one thread).")
        }
        if table.limits.isEmpty { notes.append("limit: not measured in this document (run `bench matrix`).") }
        notes.append(
            "overhead p50/p99 and throughput: the median over n trials ± half the width of its 95 % bootstrap CI "
                + "(the interval the charts draw as error bars); n=1: one trial, no interval.")
        notes.append(
            "peak heap: largest rise of jemalloc's allocated bytes during a cell; allocs/log: jemalloc requests "
                + "per log at c=\(c), all threads.")
        if !table.growthSizes.isEmpty {
            notes.append("append p50 @N logs: one producer appending to a run whose log already holds N entries.")
        }
        if let basis = table.processSafetyBasis {
            notes.append("across processes, \"yes (measured)\" means: \(basis).")
        }
        if let basis = table.crashSafetyBasis {
            notes.append(
                "survives crash, \"yes (measured)\" means: \(basis). Entries still pending in a queue were "
                    + "never acknowledged, so they count as in flight, not as loss.")
        }
        if table.rows.contains(where: { $0.measuredProcessSafe == nil || $0.measuredCrashSafe == nil }) {
            notes.append(
                "across processes / survives crash: \"not measured\" until a measurement exists in the document; "
                    + "\"claims\" is the design's own claim, not evidence.")
        }
        for row in table.rows {
            guard let adapter = row.adapter else { continue }
            notes.append("\(row.strategy): external adapter, " + AdapterSummary.describe(adapter) + ".")
        }
        if let cost = table.adapterProtocolNs {
            notes.append(
                "adapter protocol: p50 \(Units.duration(ns: cost.p50)) per call through the do-nothing adapter (c=1), "
                    + "included in every adapter row's latency.")
        }
        notes.append("Load model: \(table.loadModel).")
        let env = table.environment
        notes.append(
            "Measured on \(env.cpuModel), \(env.cpuCount) cores, \(env.os), SQLite \(env.sqliteVersion) on "
                + "\(env.databaseFilesystem), \(env.date)" + (env.benchVersion.map { ", bench \($0)" } ?? "") + ".")
        if let server = env.server {
            notes.append(
                "PostgreSQL rows: server \(server.version), synchronous_commit=\(server.synchronousCommit), "
                    + "fsync=\(server.fsync), shared_buffers=\(server.sharedBuffers), reached via \(server.connection) "
                    + "through \(server.client); each cell in a fresh schema, one connection per producer or consumer.")
        }
        for machine in table.otherMachines ?? [] {
            notes.append("WARNING: the documents come from different machines; another one is \(machine).")
        }
        if !table.complete { notes.append("INCOMPLETE: the matrix was interrupted; only finished cells are shown.") }
        return notes
    }
}
