import Foundation
import LogBenchModel
import LogBenchStatistics

/// "Order: maintained" (after) and "unpredictable" (before), from every design at the seed's shape:
/// per producer, entries stored before an earlier one of the same producer (`outOfOrder`); across
/// producers, pairs stored in the reverse of their calls' start (`callOrderInversions`) and the
/// widest gap between such calls. The queue receives entries in call order but for the moment
/// between a call's clock read and its enqueue, so a narrow gap is the queue's receive order.
enum OrderVerdict {
    static func row(_ atShape: [CellResult], document: ResultDocument) -> ClaimRow {
        var parts: [String] = []
        for name in DesignCells.names(atShape, document: document) {
            let group = atShape.filter { $0.strategy == name }
            parts.append("\(name): " + words(group))
        }
        let queue = atShape.filter { $0.strategy == DesignTraits.seedQueueName }
        let evidence = parts.joined(separator: "; ")
        let verdict: ClaimVerdict
        if queue.isEmpty || queue.contains(where: { $0.audit.callOrderInversions == nil }) {
            verdict = ClaimVerdict(.notMeasured, evidence: evidence)
        } else if queue.contains(where: { $0.audit.outOfOrder > 0 }) {
            verdict = ClaimVerdict(.doesNotHold, evidence: evidence)
        } else if Double(widest(queue)) > DocumentClaimVerdicts.orderToleranceNs {
            verdict = ClaimVerdict(
                .holds, evidence: evidence,
                condition: "order means each producer's own order (across producers the queue's receive order "
                    + "strayed from call order by up to \(Units.duration(ns: Double(widest(queue)))))")
        } else {
            verdict = ClaimVerdict(.holds, evidence: evidence)
        }
        let cell = atShape.first
        return ClaimRow(
            claim: "Order: unpredictable before the fix, maintained after", durable: verdict,
            workload: cell.map {
                "\($0.concurrency) producers × \($0.workload.logsPerProducer) entries, one run, closed loop, threads; "
                    + "call order from each entry's timestamp taken as its call starts"
            } ?? "")
    }

    static func words(_ group: [CellResult]) -> String {
        let outOfOrder = group.reduce(0) { $0 + $1.audit.outOfOrder }
        let inversions = group.reduce(0) { $0 + ($1.audit.callOrderInversions ?? 0) }
        let pairs = group.reduce(0) { $0 + $1.audit.stored * max(0, $1.audit.stored - 1) / 2 }
        var text = "\(outOfOrder) out of producer order"
        text += ", \(inversions) of \(pairs) pairs against call order"
        if inversions > 0 { text += " (widest \(Units.duration(ns: Double(widest(group)))))" }
        return text
    }

    static func widest(_ group: [CellResult]) -> Int64 { group.compactMap(\.audit.maxInversionGapNs).max() ?? 0 }
}

/// "Error handling: Promise rejection" (after) and "silent failures" (before): every design with
/// one sequence number per producer refused by the database (a constraint trigger), and the
/// unfixed code's losses at the seed's shape, where no call failed.
enum ErrorVerdict {
    static func row(_ errors: [CellResult], unfixed: [CellResult], document: ResultDocument) -> ClaimRow {
        let durable = errors.filter { $0.workload.load.ack == .durable }
        let accepted = errors.filter { $0.workload.load.ack == .accepted && isBuffered($0, document) }
        var parts = DesignCells.names(durable, document: document).map { name in
            "\(name): " + words(durable.filter { $0.strategy == name })
        }
        let silentLost = unfixed.reduce(0) { $0 + $1.audit.lost }
        let silentFailed = unfixed.reduce(0) { $0 + $1.audit.failed }
        if let cell = unfixed.first {
            parts.append(
                "without refusals, the unfixed code at \(cell.concurrency) × \(cell.workload.logsPerProducer) lost "
                    + "\(silentLost) entries while \(silentFailed) calls failed (its losses are silent)")
        }
        let fixed = durable.filter { $0.strategy != DesignTraits.unfixedName }
        let broken = fixed.filter { !reached($0) }.map(\.strategy).uniqued()
        var verdict = ClaimVerdict(
            fixed.isEmpty ? .notMeasured : (broken.isEmpty ? .holds : .doesNotHold),
            evidence: parts.joined(separator: "; ")
                + (broken.isEmpty ? "" : "; not reached: \(broken.joined(separator: ", "))"))
        if verdict.verdict == .holds && silentLost == 0 && !unfixed.isEmpty {
            verdict.evidence += " (the unfixed code lost nothing here: silence not shown)"
        }
        var acceptedVerdict: ClaimVerdict?
        if !accepted.isEmpty {
            let text = DesignCells.names(accepted, document: document).map { name in
                "\(name): " + words(accepted.filter { $0.strategy == name })
            }.joined(separator: "; ")
            let ok = accepted.allSatisfy(reached)
            acceptedVerdict = ClaimVerdict(
                ok ? .holds : .doesNotHold,
                evidence: text + "; the callers had returned at enqueue: each error reached the entry's promise later",
                condition: ok ? "the caller handles the promise's rejection after it went on" : nil)
        }
        let cell = durable.first
        return ClaimRow(
            claim: "Error handling: silent failures before the fix, Promise rejection after", durable: verdict,
            accepted: acceptedVerdict,
            workload: cell.map {
                "\($0.concurrency) producers × \($0.workload.logsPerProducer) entries; every producer's entry "
                    + "\($0.workload.rejectedSeq ?? 0) refused by the database (a trigger raising an error, as a "
                    + "violated constraint would), every design, closed loop, threads"
            } ?? "")
    }

    /// Entries the database refused in a cell: one per producer that reached the refused sequence.
    static func refused(_ cell: CellResult) -> Int {
        guard let seq = cell.workload.rejectedSeq, seq < cell.workload.logsPerProducer else { return 0 }
        return cell.concurrency
    }

    /// Every refused entry's call failed (or its promise was rejected), and nothing acknowledged was lost.
    static func reached(_ cell: CellResult) -> Bool {
        cell.audit.failed >= refused(cell) && cell.audit.lost == 0 && (cell.audit.acceptedLost ?? 0) == 0
    }

    static func words(_ group: [CellResult]) -> String {
        let refused = group.reduce(0) { $0 + Self.refused($1) }
        let failed = group.reduce(0) { $0 + $1.audit.failed }
        let lost = group.reduce(0) { $0 + $1.audit.lost }
        var text = "\(refused) refused → \(failed) writes failed, \(lost) acknowledged lost"
        if failed > refused { text += " (\(failed - refused) shared a refused batch)" }
        if let silent = group.compactMap(\.audit.acceptedLost).reduce(nil, { ($0 ?? 0) + $1 }), silent > 0 {
            text += ", \(silent) accepted and never written"
        }
        return text
    }

    static func isBuffered(_ cell: CellResult, _ document: ResultDocument) -> Bool {
        document.traits(of: cell.strategy, engine: cell.workload.engine)?.buffersEntries ?? false
    }
}
