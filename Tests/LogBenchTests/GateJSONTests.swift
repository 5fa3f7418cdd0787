import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports

/// `check`/`compare --format json`: the same verdict and findings as the text, for scripts.
@Suite struct GateJSONTests {
    typealias F = GateFixtures

    struct Written: Decodable {
        struct Finding: Decodable {
            var severity: String
            var rule: String
            var cell: String?
        }
        struct Body: Decodable {
            struct Metric: Decodable {
                var cell: String
                var metric: String
                var verdict: String
            }
            var metrics: [Metric]
        }
        var schema: String
        var verdict: String?
        var exitStatus: Int32?
        var findings: [Finding]?
        var comparison: Body
    }

    static func decode(_ text: String) throws -> Written {
        try JSONDecoder().decode(Written.self, from: Data(text.utf8))
    }

    @Test("a regression's JSON says fail, exit 2, and names the failing cell, as the text does")
    func regressionInJSON() throws {
        let report = GateJudge.judge(
            current: F.set([F.cell(latencyUs: F.steady.map { $0 * 1.5 })]),
            baseline: F.set([F.cell(latencyUs: F.steady)]),
            rules: GateRules())
        #expect(report.exitStatus == .regression)
        let written = try Self.decode(ComparisonRendering.render(report, format: .json))
        #expect(written.schema == GateJSON.schema)
        #expect(written.verdict == "fail" && written.exitStatus == 2)
        let failures = try #require(written.findings).filter { $0.severity == "FAIL" }
        #expect(failures.map(\.rule) == report.failures.map(\.rule.rawValue))
        #expect(failures.compactMap(\.cell) == report.failures.compactMap { $0.key?.description })
        #expect(written.comparison.metrics.contains { $0.verdict == "regression" })
        #expect(ComparisonRendering.render(report, format: .text).contains("FAIL ["))
    }

    @Test("identical measurements: pass, exit 0, no failure; a plain comparison carries no verdict")
    func passInJSON() throws {
        let same = F.set([F.cell(latencyUs: F.steady)])
        let report = GateJudge.judge(current: same, baseline: same, rules: GateRules())
        let written = try Self.decode(ComparisonRendering.render(report, format: .json))
        #expect(written.verdict == "pass" && written.exitStatus == 0)
        #expect(written.findings?.contains { $0.severity == "FAIL" } == false)
        let comparison = Comparison.compare(baseline: same, current: same, rules: GateRules())
        let plain = try Self.decode(ComparisonRendering.render(comparison, format: .json))
        #expect(plain.verdict == nil && plain.findings == nil && !plain.comparison.metrics.isEmpty)
    }
}
