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
    /// Larger files are refused before they are read (a document of 10 000 cells is about 20 MB).
    package static let maxDocumentBytes = 256 << 20
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

    package static func checkWorkload(_ workload: Workload, place: String, file: String) throws(BaselineError) {
        do {
            try workload.validate(naming: .fields)
        } catch {
            throw BaselineError(file: file, "\(place): \(error.description)")
        }
    }
}
