import Foundation
import LogBenchModel
import LogBenchStatistics

/// "Isolation: per-run queues (runs don't block each other)" and "Scalability: excellent
/// (independent queues per run)", from the seed's four approaches with 1, 2, 4 … runs side by side
/// (the same producers and entries per run) and on one run as producers grow. A run's throughput
/// among R runs is the cell's throughput over R.
enum ScalingVerdicts {
    static func isolation(_ runs: [CellResult], document: ResultDocument) -> ClaimRow {
        var parts: [String] = []
        var queueHolds: Bool?
        let cores = Double(max(1, document.environment.cpuCount))
        for name in DesignCells.names(runs, document: document) {
            let group = runs.filter { $0.strategy == name }
            guard let alone = point(group, runs: 1), let most = group.map(\.workload.runs).max(), most > 1,
                let among = point(group, runs: most)
            else { continue }
            let perRun = among.rate / Double(most)
            let share = alone.rate > 0 ? perRun / alone.rate : 0
            if name == DesignTraits.seedQueueName {
                // Latency, against the CPU share a run can have among `most` on this machine.
                let allowed = alone.p50 * max(1, Double(most) / cores) / Verdicts.sameThroughputShare
                queueHolds = among.p50 <= allowed
            }
            var text = "\(name): one run alone \(Units.rate(alone.rate)), p50 \(ms(alone.p50)); among \(most): "
            text += "\(Units.rate(perRun)) per run (\(Units.percent(share * 100))), p50 \(ms(among.p50))"
            if among.busyWaits > 0 { text += ", \(among.busyWaits) busy waits" }
            parts.append(text)
        }
        var evidence = parts.joined(separator: "; ")
        if runs.first?.workload.engine == .sqlite {
            evidence += ". SQLite admits one writer at a time, so the runs' writers queue for one write lock"
        }
        let verdict = queueHolds.map { ClaimVerdict($0 ? .holds : .doesNotHold, evidence: evidence) }
        return ClaimRow(
            claim: "Isolation: per-run queues (runs don't block each other)",
            durable: verdict ?? ClaimVerdict(.notMeasured, evidence: evidence), workload: workload(runs))
    }

    static func scalability(_ runs: [CellResult], concurrency: [CellResult], document: ResultDocument) -> ClaimRow {
        var parts: [String] = []
        var queueHolds: Bool?
        let cores = max(1, document.environment.cpuCount)
        for name in DesignCells.names(runs + concurrency, document: document) {
            let byRuns = runs.filter { $0.strategy == name }
            let counts = byRuns.map(\.workload.runs).uniqued().sorted()
            var text = "\(name): runs " + series(counts.compactMap { point(byRuns, runs: $0) }, counts)
            let byProducers = concurrency.filter { $0.strategy == name }
            let levels = byProducers.map(\.concurrency).uniqued().sorted()
            let points = levels.compactMap { level in point(byProducers.filter { $0.concurrency == level }, runs: 1) }
            if !points.isEmpty { text += "; producers on one run " + series(points, levels) }
            parts.append(text)
            if name == DesignTraits.seedQueueName, let first = counts.first, let last = counts.last,
                let one = point(byRuns, runs: first), let most = point(byRuns, runs: last)
            {
                let ideal = one.rate * Double(min(last / max(first, 1), cores))
                queueHolds = most.rate >= Verdicts.sameThroughputShare * ideal
            }
        }
        var evidence = parts.joined(separator: "; ") + " (throughput logs/s / p99)"
        if runs.first?.workload.engine == .sqlite { evidence += "; SQLite admits one writer at a time" }
        let verdict = queueHolds.map { ClaimVerdict($0 ? .holds : .doesNotHold, evidence: evidence) }
        var text = workload(runs)
        if let cell = concurrency.first {
            text += "; then one run, 1 to \(concurrency.map(\.concurrency).max() ?? 0) producers, "
            text += "\(cell.workload.expectedEntries) entries per cell; \(cores) cores"
        }
        return ClaimRow(
            claim: "Scalability: excellent (independent queues per run)",
            durable: verdict ?? ClaimVerdict(.notMeasured, evidence: evidence), workload: text)
    }

    struct Point {
        var rate: Double
        var p50: Double
        var p99: Double
        var busyWaits: Int
    }

    /// Medians over the cells with `runs` runs.
    static func point(_ group: [CellResult], runs: Int) -> Point? {
        let cells = group.filter { $0.workload.runs == runs }
        guard let rate = Verdicts.median(cells.map(\.throughputPerSec)) else { return nil }
        return Point(
            rate: rate, p50: Verdicts.median(cells.map { Double($0.latencyNs.p50) }) ?? 0,
            p99: Verdicts.median(cells.map { Double($0.latencyNs.p99) }) ?? 0,
            busyWaits: cells.map(\.counters.busyWaits).max() ?? 0)
    }

    /// "1 → 2 → 4: 2100 / 3.1 ms, 1900 / 5.2 ms, …".
    static func series(_ points: [Point], _ labels: [Int]) -> String {
        guard points.count == labels.count else { return "incomplete" }
        return labels.map(String.init).joined(separator: ", ") + ": "
            + points.map { "\(LoadProfile.number($0.rate.rounded())) / \(ms($0.p99))" }.joined(separator: ", ")
    }

    static func workload(_ runs: [CellResult]) -> String {
        guard let cell = runs.first else { return "not measured" }
        let perRun = cell.concurrency / max(cell.workload.runs, 1)
        let counts = runs.map(\.workload.runs).uniqued().sorted().map(String.init).joined(separator: ", ")
        return "\(counts) runs side by side, \(perRun) producers and "
            + "\(cell.workload.expectedEntries / max(cell.workload.runs, 1)) entries per run, closed loop, threads"
    }

    static func ms(_ ns: Double) -> String { Units.duration(ns: ns) }
}
