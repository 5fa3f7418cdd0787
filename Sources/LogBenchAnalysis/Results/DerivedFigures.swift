import LogBenchModel
import LogBenchStatistics

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
        // The load model in words, from the cells asked for (a serial reference offers the same
        // entries at its own rate; growth cells are closed loop by design).
        let measured = document.cells.filter { $0.role == .measured }
        let loads = (measured.isEmpty ? document.cells.filter { $0.role != .growth } : measured).map(\.workload.load)
        if !loads.isEmpty { document.loadModel = LoadProfile.model(of: loads) }
        // Growth points from the growth cells (documents from before those cells keep theirs).
        let growthCells = document.cells.filter { $0.role == .growth }
        if !growthCells.isEmpty { document.growth = growthCells.map(GrowthPoint.init(cell:)) }
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

    /// Overhead per log of each measured cell: its latency minus its serial reference's (the
    /// unfixed pipeline with one producer per run appending the same entries) of the same trial,
    /// workload (injected delay aside: it stands for a slower strategy) and mode. Documents from
    /// before the serial reference matched a `none` cell of the same workload instead. Crash trials
    /// and reference cells get none.
    package static func applyOverhead(to cells: inout [CellResult], budgetNs: Double) {
        let referenceName = DesignTraits.unfixedName
        struct Match: Hashable {
            package init(trial: Int, workload: Workload, mode: ExecutionMode) {
                self.trial = trial
                self.workload = workload
                self.mode = mode
            }

            package var trial: Int
            package var workload: Workload
            package var mode: ExecutionMode
        }
        func match(_ cell: CellResult) -> Match {
            var workload = cell.workload
            workload.injectDelayUs = 0
            return Match(trial: cell.trial, workload: workload, mode: cell.executionMode)
        }
        var serial: [Match: LatencySummary] = [:]
        var sameWorkload: [Match: LatencySummary] = [:]
        // A serial reference is any reference cell that says whose it is (`--reference-adapter` makes
        // it an external one); an old-style one is a `none` cell of the same workload.
        for cell in cells where cell.crash == nil && cell.safetyProbe != true {
            if let of = cell.referenceOf, cell.role == .reference {
                serial[Match(trial: cell.trial, workload: of, mode: cell.executionMode)] = cell.latencyNs
            } else if cell.strategy == referenceName {
                sameWorkload[match(cell)] = cell.latencyNs
            }
        }
        for index in cells.indices {
            let cell = cells[index]
            let key = match(cell)
            let isMeasured = cell.role == .measured && cell.crash == nil
            // Against the serial reference every measured cell has an overhead, `none` included (it is
            // what coordination-free, loss-prone appends cost); an old-style reference is `none` itself.
            if !isMeasured || (cell.strategy == referenceName && serial[key] == nil) {
                cells[index].overheadNs = nil
                continue
            }
            // No reference in this document: a figure the cell already carries (merged from documents
            // whose references were elsewhere) stays.
            guard let reference = serial[key] ?? sameWorkload[key] else { continue }
            cells[index].overheadNs = OverheadSummary(
                p50: Double(cell.latencyNs.p50) - Double(reference.p50),
                p99: Double(cell.latencyNs.p99) - Double(reference.p99),
                mean: cell.latencyNs.mean - reference.mean, budgetNs: budgetNs)
        }
    }
}
