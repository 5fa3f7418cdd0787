import Foundation

/// `bench report --format github-action-benchmark`: the `customSmallerIsBetter` input of
/// benchmark-action/github-action-benchmark, a JSON array of {name, unit, value, range?, extra?}.
/// Only smaller-is-better metrics go in (latency, overhead, lost entries); throughput goes in `extra`.
public enum GitHubActionBenchmarkExport {
    public struct Entry: Codable, Equatable, Sendable {
        public var name: String
        public var unit: String
        public var value: Double
        public var range: String?
        public var extra: String?
    }

    public static func entries(_ document: ResultDocument) -> [Entry] {
        var entries: [Entry] = []
        for cell in CellAggregate.all(document) {
            let extra = String(format: "throughput %.0f logs/s; %d entries sent", cell.throughputPerSec, cell.expected)
            entries.append(
                Entry(name: "\(cell.name) latency p50", unit: "ns", value: cell.p50Ns.rounded(), extra: extra))
            entries.append(
                Entry(name: "\(cell.name) latency p99", unit: "ns", value: cell.p99Ns.rounded(), extra: extra))
            if let overhead = cell.overheadMeanNs {
                entries.append(
                    Entry(
                        name: "\(cell.name) overhead mean vs none", unit: "ns", value: overhead.rounded(), extra: extra)
                )
            }
            entries.append(
                Entry(
                    name: "\(cell.name) data loss", unit: "entries", value: Double(cell.dataLoss),
                    extra: "of \(cell.expected) sent"))
        }
        for point in document.growth ?? [] {
            entries.append(
                Entry(
                    name: "logbench/growth/\(point.strategy)/size=\(point.logSize)/sync=\(point.synchronous.rawValue) "
                        + "append p50", unit: "ns", value: Double(point.latencyNs.p50),
                    extra: "\(point.appends) appends, one producer"))
        }
        return entries
    }

    public static func render(_ document: ResultDocument) throws -> Data {
        try ResultCoding.encode(entries(document))
    }
}
