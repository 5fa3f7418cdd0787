/// One measured cell position (strategy, concurrency, synchronous) with its trials averaged: what
/// the dashboard exports publish, one benchmark per position.
struct CellAggregate {
    var strategy: String
    var concurrency: Int
    var synchronous: SynchronousMode
    var p50Ns: Double
    var p99Ns: Double
    var meanNs: Double
    var overheadMeanNs: Double?
    var throughputPerSec: Double
    var dataLoss: Int
    var expected: Int

    /// "logbench/queue/c=20/sync=normal": stable across runs, so dashboards line the points up.
    var name: String { "logbench/\(strategy)/c=\(concurrency)/sync=\(synchronous.rawValue)" }

    static func all(_ document: ResultDocument) -> [CellAggregate] {
        var order: [String] = []
        var groups: [String: [CellResult]] = [:]
        for cell in document.measuredCells where cell.executionMode == .threads && cell.crash == nil {
            let key = "\(cell.strategy)|\(cell.concurrency)|\(cell.workload.synchronous.rawValue)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(cell)
        }
        return order.compactMap { key in
            guard let cells = groups[key], let first = cells.first else { return nil }
            func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
            let overheads = cells.compactMap(\.overheadNs?.mean)
            return CellAggregate(
                strategy: first.strategy, concurrency: first.concurrency, synchronous: first.workload.synchronous,
                p50Ns: mean(cells.map { Double($0.latencyNs.p50) }),
                p99Ns: mean(cells.map { Double($0.latencyNs.p99) }),
                meanNs: mean(cells.map(\.latencyNs.mean)),
                overheadMeanNs: overheads.count == cells.count ? mean(overheads) : nil,
                throughputPerSec: mean(cells.map(\.throughputPerSec)),
                dataLoss: cells.map(\.audit.dataLossCount).reduce(0, +),
                expected: cells.map(\.audit.expected).reduce(0, +))
        }
    }
}
