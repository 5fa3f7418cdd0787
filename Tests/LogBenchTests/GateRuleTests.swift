import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The rules on known numbers: no timing, so these verdicts are deterministic.
@Suite struct GateRuleTests {
    typealias F = GateFixtures

    @Test func identicalMeasurementsPass() {
        let report = GateEvaluation.evaluate(
            current: F.set([F.cell(latencyUs: F.steady)]), baseline: F.set([F.cell(latencyUs: F.steady)]),
            rules: GateRules())
        #expect(report.exitStatus == .success)
        #expect(report.comparison.metrics.allSatisfy { $0.verdict == .unchanged })
    }

    @Test func fiftyPercentSlowerIsARegression() {
        let report = GateEvaluation.evaluate(
            current: F.set([F.cell(latencyUs: F.steady.map { $0 * 1.5 })]),
            baseline: F.set([F.cell(latencyUs: F.steady)]), rules: GateRules())
        #expect(report.exitStatus == .regression)
        let rules = Set(report.failures.map(\.rule))
        #expect(rules == [.regression])
        #expect(report.failures.contains { $0.message.contains("latency_p50_ns regressed") && $0.key != nil })
    }

    @Test func fasterIsAnImprovementAndPasses() {
        let report = GateEvaluation.evaluate(
            current: F.set([F.cell(latencyUs: F.steady.map { $0 * 0.5 })]),
            baseline: F.set([F.cell(latencyUs: F.steady)]), rules: GateRules())
        #expect(report.exitStatus == .success)
        #expect(report.comparison.metrics.contains { $0.verdict == .improvement })
    }

    @Test func smallAbsoluteChangeIsNotARegression() {
        // +50% but only 25 µs per log: below --min-effect-us 100.
        let small: [Double] = [50, 51, 49, 50, 52, 48, 50, 51]
        let report = GateEvaluation.evaluate(
            current: F.set([F.cell(latencyUs: small.map { $0 * 1.5 })]), baseline: F.set([F.cell(latencyUs: small)]),
            rules: GateRules())
        #expect(report.exitStatus == .success)
    }

    @Test func withinToleranceIsNotARegression() {
        let report = GateEvaluation.evaluate(
            current: F.set([F.cell(latencyUs: F.steady.map { $0 * 1.05 })]),
            baseline: F.set([F.cell(latencyUs: F.steady)]), rules: GateRules())
        #expect(report.exitStatus == .success)
    }

    @Test func fourTrialsCannotReachSignificance() {
        // 1/70 ≈ 0.014 > 0.01: no regression can be found, so the gate fails as blind instead of passing.
        let four = Array(F.steady.prefix(4))
        let report = GateEvaluation.evaluate(
            current: F.set([F.cell(latencyUs: four.map { $0 * 3 })]), baseline: F.set([F.cell(latencyUs: four)]),
            rules: GateRules())
        #expect(report.exitStatus == .regression)
        #expect(Set(report.failures.map(\.rule)) == [.power])
    }

    @Test func dataLossFailsWithExitThree() {
        let report = GateEvaluation.evaluate(
            current: F.set([F.cell(strategy: Names.none, latencyUs: F.steady, dataLoss: 12)]),
            baseline: F.set([F.cell(strategy: Names.none, latencyUs: F.steady)]), rules: GateRules())
        #expect(report.exitStatus == .dataLoss)
        #expect(report.failures.first?.line.contains("12 entries lost") == true)
    }

    @Test func budgetFailsOnTheLowerBoundAndWarnsOnTheMedian() {
        let over = F.cell(latencyUs: F.steady, overheadUs: [1500, 1520, 1490, 1510, 1505])
        let failing = GateEvaluation.evaluate(current: F.set([over]), baseline: F.set([over]), rules: GateRules())
        #expect(failing.exitStatus == .regression)
        #expect(failing.failures.map(\.rule) == [.budget])

        let borderline = F.cell(latencyUs: F.steady, overheadUs: [700, 1100, 1050, 1200, 900])
        let warned = GateEvaluation.evaluate(
            current: F.set([borderline]), baseline: F.set([borderline]), rules: GateRules())
        #expect(warned.exitStatus == .success)
        #expect(warned.warnings.contains { $0.rule == .budget })
    }

    @Test func missingCellFailsUnlessAllowed() {
        let current = F.set([F.cell(latencyUs: F.steady)])
        let baseline = F.set([F.cell(latencyUs: F.steady), F.cell(concurrency: 4, latencyUs: F.steady)])
        let strict = GateEvaluation.evaluate(current: current, baseline: baseline, rules: GateRules())
        #expect(strict.exitStatus == .regression)
        #expect(strict.failures.contains { $0.rule == .missing && $0.message.contains("queue c=4") })
        var rules = GateRules()
        rules.allowMissing = true
        #expect(GateEvaluation.evaluate(current: current, baseline: baseline, rules: rules).exitStatus == .success)
    }

    @Test func crossMachineComparesNormalizedTimes() {
        // A machine twice as slow: twice the latency and twice the calibration → unchanged.
        let baseline = F.set([F.cell(latencyUs: F.steady)], cpu: "Old CPU", calibrationNs: 10_000)
        let slowMachine = F.set([F.cell(latencyUs: F.steady.map { $0 * 2 })], calibrationNs: 20_000)
        let report = GateEvaluation.evaluate(current: slowMachine, baseline: baseline, rules: GateRules())
        #expect(report.comparison.crossMachine)
        #expect(report.exitStatus == .success)
        #expect(report.warnings.contains { $0.crossMachine && $0.message.contains("fingerprint") })

        // Twice as slow on the same calibration: a cross-machine regression, labelled as such.
        let regressed = F.set([F.cell(latencyUs: F.steady.map { $0 * 2 })], calibrationNs: 10_000)
        let failing = GateEvaluation.evaluate(current: regressed, baseline: baseline, rules: GateRules())
        #expect(failing.exitStatus == .regression)
        #expect(failing.failures.allSatisfy { $0.crossMachine })
        var warnOnly = GateRules()
        warnOnly.crossMachine = .warn
        #expect(GateEvaluation.evaluate(current: regressed, baseline: baseline, rules: warnOnly).exitStatus == .success)
    }

    @Test func crossMachineWithoutCalibrationFails() {
        let baseline = F.set([F.cell(latencyUs: F.steady)], cpu: "Old CPU", calibrationNs: nil)
        let report = GateEvaluation.evaluate(
            current: F.set([F.cell(latencyUs: F.steady)]), baseline: baseline, rules: GateRules())
        #expect(report.failures.contains { $0.rule == .uncalibrated })
    }

    /// A confirmation must fail on the same cell AND metric: p50 failing first and throughput failing
    /// when remeasured is two draws of noise, not one regression seen twice.
    @Test func confirmationNeedsTheSameMetric() {
        let six = F.steady(6)
        func cell(p50 p50Factor: Double, throughput throughputFactor: Double) -> CellSummary {
            var cell = F.cell(latencyUs: six)
            cell.metrics[GatedMetric.latencyP50Ns.rawValue] = MetricSummary(
                trialValues: six.map { $0 * 1000 * p50Factor })!
            cell.metrics[GatedMetric.throughputPerSec.rawValue] = MetricSummary(
                trialValues: six.map { 1e9 / ($0 * 1000) / throughputFactor })!
            return cell
        }
        let baseline = F.set([cell(p50: 1, throughput: 1)])
        let first = F.set([cell(p50: 2, throughput: 1)])
        let retry = F.set([cell(p50: 1, throughput: 2)], source: "retry")
        let otherMetric = GateJudge.judge(current: first, baseline: baseline, retry: retry, rules: GateRules())
        #expect(otherMetric.exitStatus == .success, "\(otherMetric.findings.map(\.line))")
        #expect(otherMetric.warnings.contains { $0.metric == .throughputPerSec && $0.rule == .regression })
        #expect(otherMetric.warnings.contains { $0.message.hasPrefix("failed once, passed when remeasured") })
        let sameMetric = GateJudge.judge(
            current: first, baseline: baseline, retry: F.set([cell(p50: 2, throughput: 1)]), rules: GateRules())
        #expect(sameMetric.exitStatus == .regression)
        #expect(sameMetric.failures.allSatisfy { $0.metric == .latencyP50Ns })
        #expect(sameMetric.failures.contains { $0.message.hasSuffix("(failed again when remeasured)") })
    }

    @Test func holmCorrectsWithinAStrategy() {
        // Five cells of one strategy, each exactly significant at p = 1/252 before correction: only
        // Holm's first step would pass 0.01/5 = 0.002, so none regress, and the gate says it is blind.
        let five = Array(F.steady.prefix(5))
        let cells = (1...5).map { F.cell(concurrency: $0, latencyUs: five) }
        let slower = (1...5).map { F.cell(concurrency: $0, latencyUs: five.map { $0 * 2 }) }
        let report = GateEvaluation.evaluate(current: F.set(slower), baseline: F.set(cells), rules: GateRules())
        #expect(!report.failures.contains { $0.rule == .regression })
        #expect(report.failures.contains { $0.rule == .power })
        #expect(report.comparison.metrics.filter { $0.metric == .latencyP50Ns }.allSatisfy { $0.pWorseAdjusted > 0.01 })
        // One family: 5 cells × 3 gated metrics.
        #expect(report.comparison.metrics.allSatisfy { $0.familySize == 15 })

        // Five cells spread over five strategies are five families of one cell (3 tests each): with six
        // trials a side (3/462 < 0.01) all regress.
        let six = Array(F.steady.prefix(6))
        let spread = (1...5).map { F.cell(strategy: "s\($0)", latencyUs: six) }
        let spreadSlower = (1...5).map { F.cell(strategy: "s\($0)", latencyUs: six.map { $0 * 2 }) }
        let perStrategy = GateEvaluation.evaluate(
            current: F.set(spreadSlower), baseline: F.set(spread), rules: GateRules())
        #expect(Set(perStrategy.failures.filter { $0.rule == .regression }.compactMap(\.key?.strategy)).count == 5)
    }

    @Test(
        arguments: [
            { (r: inout GateRules) in r.tolerance = -0.1 }, { r in r.tolerance = 11 }, { r in r.budgetMs = 0 },
            { r in r.budgetMs = -1 }, { r in r.minEffectUs = -5 }, { r in r.alpha = 0 }, { r in r.alpha = .nan },
            { r in r.crossMachineTolerance = -1 },
        ] as [@Sendable (inout GateRules) -> Void])
    func outOfRangeRulesAreUsageErrors(change: @Sendable (inout GateRules) -> Void) {
        var rules = GateRules()
        change(&rules)
        #expect(throws: UsageError.self) { try rules.validate() }
    }

    @Test func compareMarkdownIsATable() {
        let comparison = Comparison.compare(
            baseline: F.set([F.cell(latencyUs: F.steady)]),
            current: F.set([F.cell(latencyUs: F.steady.map { $0 * 1.5 })]), rules: GateRules())
        let markdown = ComparisonRendering.render(comparison, format: .markdown)
        #expect(markdown.contains("| cell | metric | old | new | Δ |"))
        #expect(markdown.contains("regression: +50.0%"))
        let same = Comparison.compare(
            baseline: F.set([F.cell(latencyUs: F.steady)]), current: F.set([F.cell(latencyUs: F.steady)]),
            rules: GateRules())
        #expect(ComparisonRendering.render(same, format: .text).contains("  ~  "))
        #expect(ComparisonRendering.render(same, format: .text).contains("no change (within noise)"))
    }
}
