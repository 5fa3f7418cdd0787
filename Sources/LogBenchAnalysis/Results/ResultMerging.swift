import LogBenchModel
import LogBenchStatistics

/// Joins result documents measured by separate invocations (Scripts/ci-gate.sh runs one trial per
/// invocation, alternating two builds) into one document whose trials are the invocations.
public enum ResultMerging {
    /// Trials are renumbered in input order; the environment is the first document's; calibration
    /// is the mean over the documents that have one (older builds do not).
    public static func merge(_ documents: [ResultDocument]) throws(UsageError) -> ResultDocument {
        guard let first = documents.first else { throw UsageError("merge: no result documents given") }
        let fingerprints = Set(documents.map(\.environment.fingerprint))
        guard fingerprints.count == 1 else {
            throw UsageError(
                "merge: the documents come from \(fingerprints.count) machines: \(fingerprints.sorted().joined(separator: "; "))"
            )
        }
        var cells: [CellResult] = []
        var nextTrial: [CellKey: Int] = [:]
        for document in documents {
            // Trials of one document keep their order; each continues after the previous documents'.
            var offset: [CellKey: Int] = [:]
            for cell in document.cells.sorted(by: { $0.trial < $1.trial }) {
                var renumbered = cell
                let base = offset[cell.key] ?? nextTrial[cell.key, default: 0]
                offset[cell.key] = base
                renumbered.trial = Saturating.add(base, cell.trial)
                cells.append(renumbered)
            }
            for (key, base) in offset {
                let trials = document.cells.filter { $0.key == key }.map(\.trial)
                nextTrial[key] = Saturating.add(Saturating.add(base, trials.max() ?? 0), 1)
            }
        }
        let calibrations = documents.compactMap(\.calibration)
        let calibration =
            calibrations.isEmpty
            ? nil
            : RunCalibration(
                singleWriteStartNs: calibrations.map(\.singleWriteStartNs).reduce(0, +) / Double(calibrations.count),
                singleWriteEndNs: calibrations.map(\.singleWriteEndNs).reduce(0, +) / Double(calibrations.count))
        var merged = ResultDocument(
            environment: first.environment, cells: cells, complete: documents.allSatisfy(\.complete),
            calibration: calibration)
        merged.budgetNs = first.budgetNs
        DerivedFigures.apply(to: &merged)
        return merged
    }
}
