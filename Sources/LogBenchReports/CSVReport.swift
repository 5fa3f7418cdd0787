import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// `bench report --format csv`: one row per strategy with raw numbers (ns, bytes, logs/s) and the
/// unit in each header, for spreadsheets; the human formats scale units instead.
public enum CSVReport {
    public static func render(_ table: ReviewTable) -> String {
        // The engine column appears once a PostgreSQL row does (SQLite-only files keep their columns).
        let engines = table.rows.contains { $0.engine != nil }
        var headers = ["strategy"] + (engines ? ["engine"] : []) + ["synchronous"]
        headers += table.concurrencies.flatMap { ["lost_c\($0)", "expected_c\($0)"] }
        headers += [
            "overhead_p50_ns", "overhead_p99_ns", "over_budget_at", "budget_ns", "throughput_per_s",
            "percent_of_limit", "peak_heap_bytes", "allocations_per_log", "max_pending_per_run",
        ]
        headers += table.growthSizes.map { "append_p50_ns_at_\($0)" }
        headers += ["schema_change", "process_safe_measured", "claims_process_safety", "crash_safe_measured"]
        // Appended, so that columns read by position keep theirs: the trials and half the width of the
        // bootstrap 95 % interval of each headline median (blank for one trial).
        headers += [
            "trials", "throughput_ci95_half_per_s", "overhead_p50_ci95_half_ns", "overhead_p99_ci95_half_ns",
        ]
        var out = headers.joined(separator: ",") + "\n"
        for row in table.rows {
            var fields =
                [row.strategy] + (engines ? [(row.engine ?? .sqlite).rawValue] : []) + [row.synchronous.rawValue]
            for level in table.concurrencies {
                let loss = row.loss.first { $0.concurrency == level }
                fields += [loss.map { "\($0.lost)" } ?? "", loss.map { "\($0.expected)" } ?? ""]
            }
            fields += [
                number(row.overheadP50Ns), number(row.overheadP99Ns),
                row.overBudgetAt.map { $0.map(String.init).joined(separator: ";") } ?? "", number(table.budgetNs),
                number(row.throughputPerSec), number(row.percentOfLimit),
                row.peakHeapGrowthBytes.map(String.init) ?? "",
                number(row.allocationsPerLog), row.maxPendingPerRun.map(String.init) ?? "",
            ]
            fields += table.growthSizes.map { size in
                row.growth.first { $0.logSize == size }.map { "\($0.p50Ns)" } ?? ""
            }
            fields += [
                flag(row.schemaChange), flag(row.measuredProcessSafe), flag(row.claimsProcessSafety),
                flag(row.measuredCrashSafe),
            ]
            fields += [
                row.trials.map(String.init) ?? "", number(row.throughputHalfWidth), number(row.overheadP50HalfWidth),
                number(row.overheadP99HalfWidth),
            ]
            out += fields.map(quote).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Empty for unknown, so a spreadsheet sees a blank rather than a made-up zero.
    package static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.3f", value)
    }

    package static func flag(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }

    /// RFC 4180, and no formulas: `Escaping.csv`.
    package static func quote(_ field: String) -> String { Escaping.csv(field) }
}
