/// Every figure derived from a document's cells, computed here and only here, once, when the
/// document is finished (or loaded without them): overhead against the reference, the per-cell
/// trial summaries, and the measured safety verdicts. Reports, exports, compare and check read
/// what this wrote; none recomputes it.
public enum DerivedFigures {
    public static func apply(to document: inout ResultDocument) {
        let budgetNs = document.budgetNs ?? 1_000_000
        document.budgetNs = budgetNs
        applyOverhead(to: &document.cells, budgetNs: budgetNs)
        document.summaries = CellSummary.summarize(document.cells)
        let verdicts = SafetyVerdict.measure(document.cells)
        document.safety = verdicts.isEmpty ? nil : verdicts
    }

    /// For a document written by an older build (no summaries): derives everything from its cells,
    /// with the budget its cells were judged against, keeping a stored safety verdict that its
    /// cells cannot reproduce.
    public static func fillMissing(in document: inout ResultDocument) {
        guard document.summaries?.isEmpty ?? true else { return }
        if document.budgetNs == nil {
            document.budgetNs = document.cells.lazy.compactMap(\.overheadNs?.budgetNs).first
        }
        let stored = document.safety
        apply(to: &document)
        if document.safety == nil { document.safety = stored }
    }

    /// Overhead per log of each measured cell: its latency minus the reference cell's of the same
    /// trial, workload (injected delay aside: it stands for a slower strategy) and mode. Crash
    /// trials and the reference itself get none.
    static func applyOverhead(to cells: inout [CellResult], budgetNs: Double) {
        let referenceName = StrategyRegistry.reference.name
        struct Match: Hashable {
            var trial: Int
            var workload: Workload
            var mode: ExecutionMode
        }
        func match(_ cell: CellResult) -> Match {
            var workload = cell.workload
            workload.injectDelayUs = 0
            return Match(trial: cell.trial, workload: workload, mode: cell.executionMode)
        }
        var references: [Match: LatencySummary] = [:]
        for cell in cells where cell.strategy == referenceName && cell.crash == nil && cell.safetyProbe != true {
            references[match(cell)] = cell.latencyNs
        }
        for index in cells.indices {
            let cell = cells[index]
            guard cell.role == .measured, cell.strategy != referenceName, cell.crash == nil,
                let reference = references[match(cell)]
            else {
                cells[index].overheadNs = nil
                continue
            }
            cells[index].overheadNs = OverheadSummary(
                p50: Double(cell.latencyNs.p50) - Double(reference.p50),
                p99: Double(cell.latencyNs.p99) - Double(reference.p99),
                mean: cell.latencyNs.mean - reference.mean, budgetNs: budgetNs)
        }
    }
}
