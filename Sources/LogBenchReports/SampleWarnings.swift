import LogBenchModel

/// What a single run's figures can bear, said where they are printed (as hyperfine and benchstat do):
/// a percentile from fewer than 1000/(1−q) samples is rough, and a window under 200 ms gives a
/// throughput that moves from run to run.
public enum SampleWarnings {
    /// Shortest measured window whose throughput is read without a warning.
    public static let shortWindowNs: UInt64 = 200_000_000

    /// The percentiles a run prints, with the samples each needs: 1000 / (1 − q).
    static let percentiles: [(name: String, q: Double)] = [("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("p99.9", 0.999)]

    public static func samplesNeeded(quantile q: Double) -> Int { Int((1000 / (1 - q)).rounded()) }

    public static func lines(_ cell: CellResult) -> [String] {
        var lines: [String] = []
        let samples = cell.audit.expected
        let rough = percentiles.filter { samples < samplesNeeded(quantile: $0.q) }
        if !rough.isEmpty {
            let needs = rough.map { "\($0.name) \(Units.count(Double(samplesNeeded(quantile: $0.q))))" }
            lines.append(
                "\(samples) samples: \(rough.map(\.name).joined(separator: ", ")), max rough (1000/(1−q) needs "
                    + "\(needs.joined(separator: ", "))); \(cell.workload.load.isOpenLoop ? "raise --duration-s" : "raise --rounds, --logs-per-producer") or --trials"
            )
        }
        if cell.wallTimeNs > 0 && cell.wallTimeNs < shortWindowNs {
            lines.append(
                "measured window \(Units.duration(ns: Double(cell.wallTimeNs))) (< 200 ms): throughput moves from run "
                    + "to run; \(cell.workload.load.isOpenLoop ? "raise --duration-s" : "raise --rounds") or compare medians of --trials"
            )
        }
        if let busyNs = cell.allBusyNs, busyNs < shortWindowNs {
            // SQLite's busy handler lets one writer run through its entries while the others sleep,
            // so the first producer can finish within milliseconds of the start.
            lines.append(
                "all-busy window \(Units.duration(ns: Double(busyNs))) (< 200 ms): producers finished unevenly, "
                    + "so that rate moves from run to run; the throughput above is the one to compare")
        }
        return lines
    }
}
