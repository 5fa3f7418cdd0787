import Foundation
import LogBenchModel
import LogBenchStatistics

/// The rest of the seed's document as rows (the parts of `bench seed-claims` after the first
/// four): its test evidence, reliability, order, error handling, isolation and scalability, each
/// judged from its part's cells by the rule `rules` states once.
enum DocumentClaimVerdicts {
    /// A claimed count ("got 1", "1–3") holds when at least this share of the repetitions fell in it.
    static let inRangeShare = 0.5
    /// "~95 % data loss" holds within this many percentage points.
    static let lossTolerancePoints = 10.0
    /// Across producers, calls that started this close may reach the queue in either order.
    static let orderToleranceNs = 1_000_000.0

    static var rules: String {
        "A claimed survivor count holds when at least \(Int(inRangeShare * 100)) % of the repetitions fell in it, "
            + "and \"~95 % data loss\" within \(Int(lossTolerancePoints)) points; \"100 % success\" holds when no "
            + "entry was lost or failed; order holds when no producer's entry is stored before its earlier one "
            + "and, across producers, no call stored after a later one started more than "
            + "\(Units.duration(ns: orderToleranceNs)) earlier; error handling holds when every refused write "
            + "reached its caller as an error and nothing acknowledged was lost; isolation holds when a run's p50 "
            + "latency among the most runs stayed within its latency alone × max(1, runs / cores) / "
            + "\(Verdicts.sameThroughputShare) (what sharing the cores alone would cost); "
            + "scalability holds when throughput at the most runs reached \(Int(Verdicts.sameThroughputShare * 100)) "
            + "% of one run's × min(runs, cores)."
    }

    static func rows(_ document: ResultDocument) -> [ClaimRow] {
        let cells = ClaimCells(document)
        var rows: [ClaimRow] = []
        let before = cells.part(SeedClaimPart.before)
        if !before.isEmpty {
            rows.append(
                survivors(
                    before, producers: 20, claimed: 1...1,
                    claim: "Test evidence, before the fix: 20 concurrent log writes, expected 20, got 1"))
            rows.append(
                survivors(
                    before, producers: 10, claimed: 1...3,
                    claim: "Before the fix: render with 10 parallel image tasks, expected 10, actual 1–3 (random)"))
            rows.append(beforeLoss(before, unfixed: unfixedAtShape(cells)))
        }
        let atShape = DesignCells.atShape(cells)
        if !atShape.isEmpty {
            rows.append(success(cells))
            rows.append(OrderVerdict.row(atShape, document: document))
        }
        let errors = cells.part(SeedClaimPart.errors)
        if !errors.isEmpty { rows.append(ErrorVerdict.row(errors, unfixed: unfixedAtShape(cells), document: document)) }
        let runs = cells.part(SeedClaimPart.runs)
        if !runs.isEmpty {
            rows.append(ScalingVerdicts.isolation(runs, document: document))
            rows.append(
                ScalingVerdicts.scalability(
                    runs, concurrency: cells.part(SeedClaimPart.concurrency), document: document))
        }
        return rows
    }

    static func unfixedAtShape(_ cells: ClaimCells) -> [CellResult] {
        cells.part(SeedClaimPart.designs).filter { $0.strategy == DesignTraits.unfixedName }
    }

    static func survivors(_ before: [CellResult], producers: Int, claimed: ClosedRange<Int>, claim: String)
        -> ClaimRow
    {
        var parts: [String] = []
        var holdsIn: [ExecutionMode] = []
        var measured = 0
        let words = claimed.count == 1 ? "\(claimed.lowerBound)" : "\(claimed.lowerBound)–\(claimed.upperBound)"
        for mode in [ExecutionMode.threads, .tasks] {
            let group = before.filter { $0.concurrency == producers && $0.executionMode == mode }
            guard !group.isEmpty else { continue }
            measured += 1
            let counts = Dictionary(grouping: group.map(\.audit.stored), by: { $0 }).mapValues(\.count)
            let distribution = counts.keys.sorted().map { "\($0) in \(counts[$0]!)" }.joined(separator: ", ")
            let inRange = group.filter { claimed.contains($0.audit.stored) }.count
            parts.append(
                "\(modeWords(mode)), \(group.count) repetitions: survivors \(distribution); \(words) in \(inRange) "
                    + "of \(group.count)")
            if Double(inRange) >= inRangeShare * Double(group.count) { holdsIn.append(mode) }
        }
        let evidence = parts.joined(separator: "; ")
        let workload =
            "the unfixed code (`none`), \(producers) producers × 1 entry, no warm-up, released at once; "
            + "repeated on fresh databases"
        return ClaimRow(claim: claim, durable: byMode(holdsIn, measured: measured, evidence), workload: workload)
    }

    static func beforeLoss(_ before: [CellResult], unfixed: [CellResult]) -> ClaimRow {
        var parts: [String] = []
        var holdsIn: [ExecutionMode] = []
        var measured = 0
        for mode in [ExecutionMode.threads, .tasks] {
            let group = before.filter { $0.concurrency == 20 && $0.executionMode == mode }
            guard let share = lossShare(group) else { continue }
            measured += 1
            parts.append("20 single writes, \(modeWords(mode)): \(Units.percent(share)) lost")
            if abs(share - 95) <= lossTolerancePoints { holdsIn.append(mode) }
        }
        if let share = lossShare(unfixed), let cell = unfixed.first {
            parts.append(
                "\(cell.concurrency) producers × \(cell.workload.logsPerProducer) entries, threads: "
                    + "\(Units.percent(share)) lost")
        }
        return ClaimRow(
            claim: "Reliability, before the fix: ~95 % data loss in test",
            durable: byMode(holdsIn, measured: measured, parts.joined(separator: "; ")),
            workload: "the cells of the two rows above and the unfixed code at the seed's shape (threads)")
    }

    static func success(_ cells: ClaimCells) -> ClaimRow {
        let queue = DesignTraits.seedQueueName
        let inProcess = cells.document.cells.filter {
            $0.role == .measured && $0.strategy == queue && $0.crash == nil && $0.executionMode != .processes
                && $0.part != SeedClaimPart.errors && $0.workload.rejectedSeq == nil
        }
        let sent = inProcess.reduce(0) { $0 + $1.audit.expected }
        let bad = inProcess.reduce(0) { $0 + $1.audit.dataLossCount + $1.audit.failed + ($1.audit.acceptedLost ?? 0) }
        var text = "\(sent - bad) of \(sent) entries stored in \(inProcess.count) cells of one process"
        let processes = cells.part(SeedClaimPart.safety).filter {
            $0.strategy == queue && $0.executionMode == .processes
        }
        let lostAcross = processes.reduce(0) { $0 + $1.audit.dataLossCount }
        if let cell = processes.first {
            text += "; \(cell.concurrency) worker processes: \(lostAcross) of "
            text += "\(processes.reduce(0) { $0 + $1.audit.expected }) lost (one queue per process)"
        }
        let verdict: ClaimVerdict
        if bad > 0 || sent == 0 {
            verdict = ClaimVerdict(sent == 0 ? .notMeasured : .doesNotHold, evidence: text)
        } else if lostAcross > 0 {
            verdict = ClaimVerdict(.holds, evidence: text, condition: "every writer is a thread of one process")
        } else {
            verdict = ClaimVerdict(.holds, evidence: text)
        }
        return ClaimRow(
            claim: "Reliability, after the fix: 100 % success rate", durable: verdict,
            workload: "every cell of `queue` in this document but crash trials and refused writes")
    }

    static func lossShare(_ group: [CellResult]) -> Double? {
        let expected = group.reduce(0) { $0 + $1.audit.expected }
        guard expected > 0 else { return nil }
        return Double(group.reduce(0) { $0 + $1.audit.lost }) / Double(expected) * 100
    }

    static func byMode(_ holdsIn: [ExecutionMode], measured: Int, _ evidence: String) -> ClaimVerdict {
        if measured == 0 { return ClaimVerdict(.notMeasured, evidence: "not measured") }
        if holdsIn.count == measured { return ClaimVerdict(.holds, evidence: evidence) }
        guard let mode = holdsIn.first else { return ClaimVerdict(.doesNotHold, evidence: evidence) }
        return ClaimVerdict(
            .holds, evidence: evidence,
            condition: mode == .tasks
                ? "producers are tasks that await between the read and the write (the seed's shape)"
                : "producers are OS threads")
    }

    static func modeWords(_ mode: ExecutionMode) -> String {
        mode == .tasks ? "tasks awaiting between read and write (the seed's shape)" : "threads"
    }
}

/// The cells of every design at the seed's shape: the queue's from part 1, the others' from the
/// designs part, durable acknowledgements.
enum DesignCells {
    static func atShape(_ cells: ClaimCells) -> [CellResult] {
        cells.closed(.durable) + cells.part(SeedClaimPart.designs)
    }

    /// Design names in the document's order, the unfixed one first.
    static func names(_ group: [CellResult], document: ResultDocument) -> [String] {
        let names = document.designOrder(group.map(\.strategy))
        return names.filter { $0 == DesignTraits.unfixedName } + names.filter { $0 != DesignTraits.unfixedName }
    }
}
