import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench saturate`'s table: one line per step, then the knee, and a one-line-per-strategy summary
/// when several strategies were searched.
public enum SaturationText {
    public static func render(_ results: [SaturationResult]) -> String {
        var out = ""
        for result in results {
            out += "saturate \(Escaping.terminal(result.strategy))"
            if let engine = result.engine, engine != .sqlite { out += " (\(engine.displayName))" }
            out += " · concurrency \(result.concurrency) · ack \(result.ack.rawValue)"
            out += " · p99 durability lag budget \(Units.duration(ns: result.lagBudgetNs))"
            out += " · \(LoadProfile.number(result.stepDurationS)) s per step\n"
            let rows = result.steps.map { step in
                [
                    LoadProfile.number(step.ratePerProducer.rounded(toPlaces: 1)) + "/s",
                    Units.rate(step.offeredPerSec), Units.rate(step.writtenPerSec),
                    Units.duration(ns: step.lagP99Ns), step.maxPendingPerRun.map(String.init) ?? "—",
                    (step.retry == true ? "(again) " : "")
                        + (step.sustained ? "sustained" : "NOT sustained: \(step.reason ?? "")"),
                ]
            }
            out += table(
                ["rate/producer", "offered", "written", "lag p99", "max pending", "verdict"], rows)
            out += "  knee: \(knee(result))\n\n"
        }
        if results.count > 1 {
            out += "knees (highest rate sustained)\n"
            out += table(
                ["strategy", "concurrency", "ack", "knee/producer", "knee offered", "first not sustained"],
                results.map { result in
                    [
                        result.strategy, String(result.concurrency), result.ack.rawValue,
                        result.kneeRatePerProducer.map { LoadProfile.number($0.rounded(toPlaces: 1)) + "/s" }
                            ?? "— (none sustained)",
                        result.kneeOfferedPerSec.map(Units.rate) ?? "—",
                        result.firstUnsustainedRate.map { LoadProfile.number($0.rounded(toPlaces: 1)) + "/s" }
                            ?? "not reached",
                    ]
                })
        }
        return out
    }

    /// "40/s per producer (800.0 logs/s offered); 56.6/s was not sustained", in words.
    public static func knee(_ result: SaturationResult) -> String {
        let next = result.firstUnsustainedRate.map {
            "; \(LoadProfile.number($0.rounded(toPlaces: 1)))/s was not sustained"
        }
        guard let knee = result.kneeRatePerProducer, let offered = result.kneeOfferedPerSec else {
            return "none: not even \(LoadProfile.number(result.steps.first?.ratePerProducer ?? 0))/s per producer "
                + "was sustained"
        }
        return "\(LoadProfile.number(knee.rounded(toPlaces: 1)))/s per producer (\(Units.rate(offered)) offered)"
            + (next ?? "; every step was sustained (raise --max-steps to go further)")
    }

    package static func table(_ headers: [String], _ rows: [[String]]) -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            "  "
                + cells.enumerated().map { index, cell in
                    index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
                }.joined(separator: "  ") + "\n"
        }
        return line(headers) + rows.map(line).joined()
    }
}
