import Foundation
import LogBenchModel
import LogBenchStatistics

/// A document is untrusted input: before any report, statistic or merge does arithmetic on its
/// numbers, they are checked here. Every number must be finite and at most 1e15 in size (a count,
/// a byte size, or nanoseconds: 1e15 ns is 11 days), non-negative except overhead figures (a
/// difference of latencies); `seed` may be any 64-bit value. Errors name the file, the JSON path and
/// the problem (exit 65).
package enum DocumentValidation {
    package static let maxMagnitude = 1e15
    /// Larger files are refused before they are read: reading and deriving a document's figures
    /// stays within a few seconds and well under 1 GiB (a sweep of 5 000 cells is about 10 MB).
    package static let maxDocumentBytes = 16 << 20
    /// Trials of one cell in a document (a plan has at most 1000; merged documents add theirs up).
    package static let maxTrials = 10_000

    package static func checkNumbers(_ data: Data, file: String) throws(BaselineError) {
        // Malformed JSON is left to the decoder, whose error says where.
        guard let object = try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) else { return }
        try walk(object, path: "", file: file, mayBeNegative: false)
    }

    private static func walk(_ value: Any, path: String, file: String, mayBeNegative: Bool) throws(BaselineError) {
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() {
                let place = path.isEmpty ? key : "\(path).\(key)"
                if key == "seed" {
                    try checkSeed(object[key]!, place: place, file: file)
                    continue
                }
                let negative = mayBeNegative || key.lowercased().contains("overhead")
                try walk(object[key]!, path: place, file: file, mayBeNegative: negative)
            }
        } else if let array = value as? [Any] {
            for (index, element) in array.enumerated() {
                try walk(element, path: "\(path)[\(index)]", file: file, mayBeNegative: mayBeNegative)
            }
        } else if !(value is String), let number = value as? NSNumber {
            let double = number.doubleValue
            let place = path.isEmpty ? "top level" : path
            guard double.isFinite, abs(double) <= maxMagnitude else {
                throw BaselineError(file: file, "\(place): \(number) is out of range (at most 1e15 in size)")
            }
            guard double >= 0 || mayBeNegative else {
                throw BaselineError(file: file, "\(place): \(number) is negative (only overhead figures can be)")
            }
        }
    }

    /// A seed is any whole number from 0 to 2^64 − 1.
    private static func checkSeed(_ value: Any, place: String, file: String) throws(BaselineError) {
        guard !(value is String), let number = value as? NSNumber else { return }  // the decoder names the type
        // An integer the parser kept exact (2^64 − 1 included) is fine; a double is judged as one.
        if UInt64(number.description) != nil { return }
        let double = number.doubleValue
        guard double >= 0, double < 18_446_744_073_709_551_616, double.rounded() == double else {
            throw BaselineError(file: file, "\(place): \(number) is not a whole number from 0 to 2^64 − 1")
        }
    }

    /// What the numbers' ranges cannot say: workloads within the bounds a run could have had,
    /// cells and summaries consistent with them.
    package static func checkResult(_ document: ResultDocument, file: String) throws(BaselineError) {
        // Statistics (bootstrap, Mann–Whitney) cost grows with trials: bounded like a plan's steps.
        guard document.cells.count <= PlanLimits.maxSteps else {
            throw BaselineError(file: file, "cells: \(document.cells.count) cells; at most \(PlanLimits.maxSteps)")
        }
        try checkLengths(document, file: file)
        for (index, cell) in document.cells.enumerated() {
            try checkWorkload(cell.workload, place: "cells[\(index)].workload", file: file)
            guard cell.concurrency == cell.workload.concurrency else {
                throw BaselineError(
                    file: file, "cells[\(index)].concurrency (\(cell.concurrency)) differs from its workload's")
            }
        }
        for (index, summary) in (document.summaries ?? []).enumerated() {
            try checkWorkload(summary.workload, place: "summaries[\(index)].workload", file: file)
            guard (1...maxTrials).contains(summary.trials) else {
                throw BaselineError(
                    file: file, "summaries[\(index)].trials must be between 1 and \(maxTrials) (got \(summary.trials))")
            }
            let metrics = summary.metrics.merging(summary.reported ?? [:]) { first, _ in first }
            for (name, metric) in metrics.sorted(by: { $0.key < $1.key }) where metric.trialValues.count > maxTrials {
                throw BaselineError(
                    file: file, "summaries[\(index)].metrics.\(name).trialValues: more than \(maxTrials) values")
            }
        }
    }

    /// Every array within `DocumentBounds`, the path of the first that is not named.
    private static func checkLengths(_ document: ResultDocument, file: String) throws(BaselineError) {
        var lists: [(String, Int, Int)] = [
            ("summaries", document.summaries?.count ?? 0, DocumentBounds.cells),
            ("growth", document.growth?.count ?? 0, DocumentBounds.cells),
            ("limits", document.limits?.count ?? 0, DocumentBounds.limits),
            ("safety", document.safety?.count ?? 0, DocumentBounds.lists),
            ("saturation", document.saturation?.count ?? 0, DocumentBounds.lists),
            ("designs", document.designs?.count ?? 0, DocumentBounds.lists),
            (
                "environment.sqliteCompileOptions", document.environment.sqliteCompileOptions.count,
                DocumentBounds.compileOptions
            ),
            ("matrix.strategies", document.matrix?.strategies.count ?? 0, DocumentBounds.lists),
            ("matrix.concurrency", document.matrix?.concurrency.count ?? 0, DocumentBounds.lists),
            ("matrix.growthSizes", document.matrix?.growthSizes.count ?? 0, DocumentBounds.lists),
        ]
        for (index, search) in (document.saturation ?? []).enumerated() {
            lists.append(("saturation[\(index)].steps", search.steps.count, DocumentBounds.saturationSteps))
        }
        for (index, cell) in document.cells.enumerated() {
            lists.append(("cells[\(index)].errors", cell.errors.count, DocumentBounds.errors))
            lists.append(("cells[\(index)].failures", cell.failures?.count ?? 0, DocumentBounds.errors))
            lists.append(("cells[\(index)].phasesNs", cell.phasesNs?.count ?? 0, Phase.allCases.count))
            lists.append(
                (
                    "cells[\(index)].load.pendingSeries", cell.load?.pendingSeries?.count ?? 0,
                    DocumentBounds.pendingSeriesPoints
                ))
        }
        // Trials of one cell key: the bootstrap's work grows with them (a plan has at most 1000).
        let trials = Dictionary(grouping: document.cells.filter { $0.role == .measured }, by: \.key).mapValues(\.count)
        if let (key, count) = trials.first(where: { $0.value > maxTrials }) {
            throw BaselineError(file: file, "cells: \(count) trials of \(key); at most \(maxTrials) per cell")
        }
        for (path, count, bound) in lists where count > bound {
            throw BaselineError(file: file, "\(path): \(count) elements; at most \(bound)")
        }
    }

    package static func checkWorkload(_ workload: Workload, place: String, file: String) throws(BaselineError) {
        do {
            try workload.validate(naming: .fields)
        } catch {
            throw BaselineError(file: file, "\(place): \(error.description)")
        }
    }
}
