import Foundation
import LogBenchAnalysis
import LogBenchModel

/// `bench check --format json` and `bench compare --format json`: the gate's verdicts for machines
/// (a CI script, a PR comment), the same findings the text and Markdown print. Only finite numbers:
/// a figure that has none (a change from zero) is absent.
public enum GateJSON {
    public static let schema = "logbench.gate/1"

    struct Finding: Encodable {
        var severity: String
        var rule: String
        var cell: String?
        var metric: String?
        var crossMachine: Bool
        var message: String
    }

    struct Metric: Encodable {
        var cell: String
        var metric: String
        var old: Double?
        var new: Double?
        var oldTrials: Int
        var newTrials: Int
        var changePercent: Double?
        var changeCI95: [Double]?
        var pHolm: Double?
        var verdict: String
    }

    struct ComparisonBody: Encodable {
        var baseline: String
        var current: String
        var crossMachine: Bool
        var metrics: [Metric]
        var missing: [String]
        var blind: [String]
    }

    struct Envelope: Encodable {
        var schema: String
        /// The bench that judged (`BuildInfo.description`).
        var bench = BuildInfo.description
        /// "pass", "fail", or "data loss"; nil for a plain comparison (no rules applied).
        var verdict: String?
        var exitStatus: Int32?
        var findings: [Finding]?
        var remeasured: [String]?
        var comparison: ComparisonBody
    }

    public static func render(_ report: GateReport) throws -> String {
        let status = report.exitStatus
        let verdict = status == .success ? "pass" : status == .dataLoss ? "data loss" : "fail"
        return try encode(
            Envelope(
                schema: schema, verdict: verdict, exitStatus: status.rawValue,
                findings: report.findings.map {
                    Finding(
                        severity: $0.severity.rawValue, rule: $0.rule.rawValue, cell: $0.key?.description,
                        metric: $0.metric?.rawValue, crossMachine: $0.crossMachine, message: $0.message)
                }, remeasured: report.remeasured.map(\.description), comparison: body(report.comparison)))
    }

    public static func render(_ comparison: Comparison) throws -> String {
        try encode(
            Envelope(
                schema: schema, verdict: nil, exitStatus: nil, findings: nil, remeasured: nil,
                comparison: body(comparison)))
    }

    static func body(_ comparison: Comparison) -> ComparisonBody {
        func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }
        return ComparisonBody(
            baseline: comparison.baseline.source, current: comparison.current.source,
            crossMachine: comparison.crossMachine,
            metrics: comparison.metrics.map { m in
                let interval = m.ratioInterval.flatMap { interval -> [Double]? in
                    let bounds = [(interval.low - 1) * 100, (interval.high - 1) * 100]
                    return bounds.allSatisfy(\.isFinite) ? bounds : nil
                }
                return Metric(
                    cell: m.key.description, metric: m.metric.rawValue, old: finite(m.old), new: finite(m.new),
                    oldTrials: m.oldTrials, newTrials: m.newTrials, changePercent: finite(m.changePercent),
                    changeCI95: interval, pHolm: finite(m.pWorseAdjusted), verdict: m.verdict.rawValue)
            }, missing: comparison.missing, blind: comparison.blind.map { "\($0)" })
    }

    static func encode(_ envelope: Envelope) throws -> String {
        String(decoding: try ResultCoding.encode(envelope), as: UTF8.self)
    }
}
