import LogBenchModel
import LogBenchStatistics

/// A result document's cells are the truth: its stored `summaries` are a cache of them. Before a
/// document is compared, judged or saved as a baseline, every summary is recomputed from the cells'
/// trial values and audits (`CellSummary.summarize`) and the stored one must agree; a document
/// edited in one place and not the other is invalid (exit 65), naming the cell.
extension ResultDocument {
    /// The summaries recomputed from the cells. Throws when nothing was measured, or when a stored
    /// summary disagrees with its cells, is missing, or names a cell that has no trials.
    public func verifiedSummaries(file: String) throws(BaselineError) -> [CellSummary] {
        let recomputed = CellSummary.summarize(cells)
        // A run stopped before its first measured cell wrote an honest, incomplete document: it reads
        // (and says it is incomplete); a complete one that measured nothing is not a result.
        if recomputed.isEmpty && !complete && (summaries ?? []).isEmpty { return [] }
        guard !recomputed.isEmpty else {
            let references = cells.count - measuredCells.count
            throw BaselineError(
                file: file,
                "no measured cell: \"cells\" holds \(cells.count) (\(references) `none` reference"
                    + "\(references == 1 ? "" : "s")), so there is nothing to compare; summaries are never "
                    + "trusted without the cells they summarize")
        }
        guard let stored = summaries else { return recomputed }
        // The mode too: one document may hold the same workload as threads and as tasks (seed-claims).
        func identity(_ s: CellSummary) -> CellKey {
            CellKey(strategy: s.strategy, concurrency: s.concurrency, workload: s.workload, mode: s.mode ?? .threads)
        }
        let truth = Dictionary(recomputed.map { (identity($0), $0) }, uniquingKeysWith: { a, _ in a })
        var seen: Set<CellKey> = []
        for (index, summary) in stored.enumerated() {
            let key = identity(summary)
            let place = "summaries[\(index)] (cell \(summary.key))"
            guard seen.insert(key).inserted else { throw BaselineError(file: file, "\(place) appears twice") }
            guard let cells = truth[key] else {
                throw BaselineError(file: file, "\(place) summarizes a cell that has no measured trials in \"cells\"")
            }
            if let problem = Self.disagreement(stored: summary, cells: cells) {
                throw BaselineError(file: file, "\(place) disagrees with its cells: \(problem)")
            }
        }
        if let unsummarized = recomputed.first(where: { !seen.contains(identity($0)) }) {
            throw BaselineError(
                file: file, "cell \(unsummarized.key) has \(unsummarized.trials) trials in \"cells\" but no summary")
        }
        return recomputed
    }

    /// What differs between a stored summary and the one its cells give; nil when they agree (to the
    /// 0.1 rounding summaries are stored with).
    package static func disagreement(stored: CellSummary, cells: CellSummary) -> String? {
        if stored.trials != cells.trials { return "it says \(stored.trials) trials, the cells hold \(cells.trials)" }
        if stored.dataLossEntries != cells.dataLossEntries {
            return "it says \(stored.dataLossEntries) entries lost, the cells' audits record \(cells.dataLossEntries)"
        }
        if Set(stored.metrics.keys) != Set(cells.metrics.keys) {
            return "it has metrics \(stored.metrics.keys.sorted()), the cells give \(cells.metrics.keys.sorted())"
        }
        func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 0.051 + 1e-9 * max(abs(a), abs(b)) }
        for (name, truth) in cells.metrics.sorted(by: { $0.key < $1.key }) {
            let claim = stored.metrics[name]!
            guard claim.trialValues.count == truth.trialValues.count,
                zip(claim.trialValues, truth.trialValues).allSatisfy(same)
            else { return "metrics.\(name).trialValues \(claim.trialValues) but the cells give \(truth.trialValues)" }
            guard same(claim.median, truth.median) else {
                return "metrics.\(name).median \(claim.median) but the cells give \(truth.median)"
            }
            guard same(claim.ci95Low, truth.ci95Low), same(claim.ci95High, truth.ci95High) else {
                return "metrics.\(name) 95% CI [\(claim.ci95Low), \(claim.ci95High)] but the cells give "
                    + "[\(truth.ci95Low), \(truth.ci95High)]"
            }
        }
        return nil
    }
}
