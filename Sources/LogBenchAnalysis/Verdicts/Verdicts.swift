import Foundation
import LogBenchModel
import LogBenchStatistics

/// Every verdict a command prints or exits with, decided here from a document's figures: the text
/// summary, the review table, the seed-claims report, the exports and the gate print these
/// decisions and never re-derive them.
public enum Verdicts {
    /// The seed's budget rule: a mean overhead per log at or under the budget is within it.
    public static func withinBudget(meanOverheadNs: Double, budgetNs: Double) -> Bool {
        meanOverheadNs <= budgetNs
    }

    public static func withinBudget(_ overhead: OverheadSummary) -> Bool {
        withinBudget(meanOverheadNs: overhead.mean, budgetNs: overhead.budgetNs)
    }

    /// The seed's throughput rule ("same"): at least this share of the unfixed pipeline's.
    public static let sameThroughputShare = 0.8

    public static func sameThroughput(_ rate: Double, reference: Double) -> Bool {
        reference > 0 && rate / reference >= sameThroughputShare
    }

    /// What a measuring command's document means for its exit status.
    public enum Reading: Sendable {
        /// `run`, `check`, a baseline measured here: any measured cell that lost, corrupted or (without
        /// `--allow-failed`) failed entries is data loss.
        case measurement
        /// `matrix`: loss is what a sweep finds (the unfixed pipeline loses by design); only failed
        /// writes, which mean the measurement itself broke, decide the exit status.
        case sweep
    }

    /// The cells that make a document exit 3 under `reading`, as "strategy c=N" labels.
    public static func failingCells(
        _ document: ResultDocument, reading: Reading, among include: (CellResult) -> Bool = { _ in true }
    ) -> [String] {
        let allowFailed = document.allowFailed == true
        return document.measuredCells.filter(include).filter { cell in
            let failed = cell.audit.failed > 0 && !allowFailed
            switch reading {
            case .measurement:
                return cell.audit.hasDataLoss || (cell.integrityCheck.map { $0 != "ok" } ?? false) || failed
            case .sweep:
                return failed
            }
        }.map { "\($0.strategy) c=\($0.concurrency)" }.uniqued()
    }

    /// 0, or 3 (data loss) when any cell fails under `reading`.
    public static func exitStatus(_ document: ResultDocument, reading: Reading) -> ExitStatus {
        failingCells(document, reading: reading).isEmpty ? .success : .dataLoss
    }

    /// The distinct appender failures of a document's cells (external adapters that broke), in order:
    /// a measuring command prints them and exits 70 once the document is written.
    public static func appenderFailures(_ document: ResultDocument) -> [String] {
        document.cells.compactMap(\.appenderFailure).uniqued()
    }

    /// The median of values a document holds (trials of one cell): nil for none.
    public static func median(_ values: [Double]) -> Double? { Descriptive.median(values) }
}
