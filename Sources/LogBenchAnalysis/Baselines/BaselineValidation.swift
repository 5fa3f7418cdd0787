import LogBenchModel
import LogBenchStatistics

/// Checks a decoded baseline for what JSON decoding cannot see: counts, order of the interval,
/// duplicated cells. Every message says where the problem is.
extension BaselineDocument {
    public func validate(file: String) throws(BaselineError) {
        guard !name.isEmpty else { throw BaselineError(file: file, "\"name\" is empty") }
        guard !cells.isEmpty else { throw BaselineError(file: file, "\"cells\" is empty: nothing to compare against") }
        var seen: [CellKey: Int] = [:]
        for (index, cell) in cells.enumerated() {
            let place = "cells[\(index)] (\(cell.strategy) c=\(cell.concurrency))"
            if let first = seen[cell.key] {
                throw BaselineError(file: file, "\(place) duplicates cells[\(first)]: the same cell twice")
            }
            seen[cell.key] = index
            try DocumentValidation.checkWorkload(cell.workload, place: "\(place).workload", file: file)
            guard cell.concurrency == cell.workload.concurrency else {
                throw BaselineError(file: file, "\(place): concurrency differs from workload.concurrency")
            }
            guard (1...DocumentValidation.maxTrials).contains(cell.trials) else {
                throw BaselineError(
                    file: file,
                    "\(place).trials must be between 1 and \(DocumentValidation.maxTrials) (got \(cell.trials))")
            }
            guard cell.dataLossEntries >= 0 else {
                throw BaselineError(file: file, "\(place).dataLossEntries is negative (\(cell.dataLossEntries))")
            }
            for (name, metric) in cell.metrics.sorted(by: { $0.key < $1.key }) {
                try metric.validate(file: file, place: "\(place).metrics.\(name)", trials: cell.trials, name: name)
            }
        }
    }
}

extension MetricSummary {
    package func validate(file: String, place: String, trials: Int, name: String) throws(BaselineError) {
        guard let metric = GatedMetric(rawValue: name) else {
            let known = GatedMetric.allCases.map(\.rawValue).joined(separator: ", ")
            throw BaselineError(file: file, "\(place): unknown metric (known: \(known))")
        }
        guard trialValues.count == trials else {
            throw BaselineError(
                file: file, "\(place).trialValues has \(trialValues.count) values for \(trials) trials")
        }
        let all = trialValues + [median, ci95Low, ci95High]
        guard all.allSatisfy(\.isFinite) else { throw BaselineError(file: file, "\(place): a value is not finite") }
        if metric != .overheadMeanNs, let negative = all.first(where: { $0 < 0 }) {
            throw BaselineError(file: file, "\(place): negative value \(negative)")
        }
        guard ci95Low <= median, median <= ci95High else {
            throw BaselineError(
                file: file, "\(place): median \(median) lies outside its interval [\(ci95Low), \(ci95High)]")
        }
        // What a baseline states must follow from its trial values: the median is theirs (to the 0.1
        // rounding), and a bootstrap interval of a median never leaves the range of the values.
        // (Checked this way rather than by re-running the bootstrap, so baselines written by an
        // earlier resampling scheme stay loadable.)
        let recomputed = ((Descriptive.median(trialValues) ?? median) * 10).rounded() / 10
        guard abs(recomputed - median) <= 0.051 + 1e-9 * abs(median) else {
            throw BaselineError(
                file: file, "\(place): median \(median) is not the median of its trial values (\(recomputed))")
        }
        let low = trialValues.min() ?? median
        let high = trialValues.max() ?? median
        guard ci95Low >= low - 0.051, ci95High <= high + 0.051 else {
            throw BaselineError(
                file: file,
                "\(place): 95% CI [\(ci95Low), \(ci95High)] reaches outside its trial values [\(low), \(high)]")
        }
    }
}
