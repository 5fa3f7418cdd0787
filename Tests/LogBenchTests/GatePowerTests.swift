import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Power before verdicts: what the exact test can reach with n₁, n₂ trials, which family Holm corrects
/// over, and that a gate that cannot detect a regression never says PASS. Hand-built numbers only.
@Suite struct GatePowerTests {
    typealias F = GateFixtures

    @Test func smallestExactPValues() {
        #expect(Power.smallestPValue(n1: 4, n2: 4) == 1.0 / 70)
        #expect(Power.smallestPValue(n1: 5, n2: 5) == 1.0 / 252)
        #expect(Power.smallestPValue(n1: 8, n2: 8) == 1.0 / 12870)
        #expect(Power.smallestPValue(n1: 10, n2: 10) == 1.0 / 184_756)
        #expect(Power.smallestPValue(n1: 5, n2: 6) == 1.0 / 462)
        #expect(Power.smallestPValue(n1: 0, n2: 6) == 1)
        // Far beyond Double's exact integers: finite and positive.
        let tiny = Power.smallestPValue(n1: 500, n2: 500)
        #expect(tiny > 0 && tiny < 1e-200)
    }

    /// The exact distribution the gate uses agrees with the closed form at complete separation.
    @Test func closedFormMatchesTheExactTest() {
        for n in 2...8 {
            let old = (0..<n).map(Double.init)
            let new = old.map { $0 + 100 }
            let p = MannWhitney.greater(treatment: new, control: old)!.pValue
            #expect(abs(p - Power.smallestPValue(n1: n, n2: n)) < 1e-12, "n = \(n)")
        }
    }

    @Test func familySizeAgainstAlpha() {
        // The field notes' table: with α = 0.01, n = 5 allows at most 2 cells, 6 → 9, 7 → 34, 8 → 128.
        for (n, most) in [(5, 2), (6, 9), (7, 34), (8, 128)] {
            #expect(Power.canReach(alpha: 0.01, familySize: most, n1: n, n2: n), "n = \(n), m = \(most)")
            #expect(!Power.canReach(alpha: 0.01, familySize: most + 1, n1: n, n2: n), "n = \(n), m = \(most + 1)")
        }
        #expect(Power.minimumTrials(baselineTrials: [5, 5, 5], familySize: 3, alpha: 0.01) == 6)
        #expect(Power.minimumTrials(baselineTrials: [nil, nil, nil], familySize: 3, alpha: 0.01) == 6)
        // One baseline trial: n + 1 > 300 needs 300 current trials.
        #expect(Power.minimumTrials(baselineTrials: [1, 1, 1], familySize: 3, alpha: 0.01) == 300)
        #expect(Power.minimumTrials(baselineTrials: [1], familySize: 3, alpha: 0.001, limit: 1000) == nil)
    }

    static func members(strategies: Int, levels: Int, baselineTrials: Int?) -> [GateFamily.Member] {
        (0..<strategies).flatMap { s in
            (1...levels).map { level in
                GateFamily.Member(
                    key: F.cell(strategy: "s\(s)", concurrency: level, latencyUs: [1]).key,
                    baselineTrials: baselineTrials, currentTrials: 5)
            }
        }
    }

    /// Families are one strategy's cells × 3 metrics: a 7 × 6 matrix needs what 18 tests need (7
    /// trials), where Holm over all 126 tests would need 8.
    @Test func familiesArePerStrategy() {
        let wide = Self.members(strategies: 7, levels: 6, baselineTrials: nil)
        #expect(GateFamily.minimumTrials(wide, alpha: 0.01, atLeast: 1) == 7)
        #expect(Power.minimumTrials(baselineTrials: [nil], familySize: 42, alpha: 0.01) == 8)
        let shape = Self.members(strategies: 7, levels: 3, baselineTrials: nil)
        #expect(GateFamily.minimumTrials(shape, alpha: 0.01, atLeast: 1) == 6)
        #expect(GateFamily.largestFamily(shape) == 3)
    }

    @Test func trialsAreRaisedWhenNotGivenAndRefusedWhenGiven() {
        let members = Self.members(strategies: 7, levels: 3, baselineTrials: 5)
        guard
            case .raised(let n, let message) = GateFamily.chooseTrials(
                members, requested: nil, defaultTrials: 5, alpha: 0.01)
        else {
            Issue.record("the default of 5 was not raised")
            return
        }
        // Family of 3 cells × 3 metrics against 5 baseline trials: 9/C(13, 5) = 9/1287 < 0.01.
        #expect(n == 8)
        #expect(message.contains("raising trials to 8 so a regression can be detected across 21 cells"))
        guard
            case .refused(let refusal) = GateFamily.chooseTrials(
                members, requested: 5, defaultTrials: 5, alpha: 0.01)
        else {
            Issue.record("an explicit --trials 5 was accepted")
            return
        }
        #expect(refusal.contains("--trials 5 cannot detect") && refusal.contains("--trials 8"))
        #expect(GateFamily.chooseTrials(members, requested: 9, defaultTrials: 5, alpha: 0.01) == .use(9))
        // A baseline of one trial cannot be judged within 1000 at α = 0.001.
        let thin = Self.members(strategies: 1, levels: 3, baselineTrials: 1)
        guard case .refused(let none) = GateFamily.chooseTrials(thin, requested: nil, defaultTrials: 5, alpha: 0.001)
        else {
            Issue.record("a one-trial baseline was accepted")
            return
        }
        #expect(none.contains("record the baseline again"))
    }

    /// The issue's case: three cells of one strategy, five trials a side, a 7× slowdown. Holm over
    /// three makes the best p 3/252 ≈ 0.012 > 0.01: without the power rule this said PASS.
    @Test func threeCellsWithDefaultTrialsCanNeverPass() {
        let five = F.steady(5)
        let baseline = F.set((1...3).map { F.cell(concurrency: $0, latencyUs: five) })
        let slower = F.set((1...3).map { F.cell(concurrency: $0, latencyUs: five.map { $0 * 7 }) })
        for current in [slower, baseline] {
            let report = GateEvaluation.evaluate(current: current, baseline: baseline, rules: GateRules())
            #expect(report.exitStatus == .regression)
            #expect(report.failures.contains { $0.rule == .power })
            let text = ComparisonRendering.render(report, format: .text)
            #expect(text.contains("cannot detect a regression with these trials"))
            #expect(!text.contains("gate: PASS"))
        }
        // Six trials a side: the same slowdown is a regression, and nothing is blind.
        let six = F.steady(6)
        let report = GateEvaluation.evaluate(
            current: F.set((1...3).map { F.cell(concurrency: $0, latencyUs: six.map { $0 * 7 }) }),
            baseline: F.set((1...3).map { F.cell(concurrency: $0, latencyUs: six) }), rules: GateRules())
        #expect(report.failures.contains { $0.rule == .regression })
        #expect(!report.failures.contains { $0.rule == .power })
    }

    /// Seven strategies × three levels, six trials: one strategy 50% slower everywhere is found and
    /// named; the others pass. Holm over all 21 cells (21/924 ≈ 0.023) could not have found it.
    @Test func oneSlowStrategyIsFoundAndNamedInAWideMatrix() {
        let six = F.steady(6)
        let names = ["a", "b", "c", "d", "e", "f", "g"]
        func matrix(slow: String?) -> MeasurementSet {
            F.set(
                names.flatMap { name in
                    (1...3).map {
                        F.cell(strategy: name, concurrency: $0, latencyUs: six.map { $0 * (name == slow ? 1.5 : 1) })
                    }
                })
        }
        let report = GateEvaluation.evaluate(
            current: matrix(slow: "c"), baseline: matrix(slow: nil), rules: GateRules())
        #expect(report.exitStatus == .regression)
        let failing = Set(report.failures.compactMap(\.key?.strategy))
        #expect(failing == ["c"])
        #expect(report.failures.allSatisfy { $0.rule == .regression })
        let aa = GateEvaluation.evaluate(current: matrix(slow: nil), baseline: matrix(slow: nil), rules: GateRules())
        #expect(aa.exitStatus == .success)
    }

    /// Histogram-quantized p50 values tie often. Six trials a side, ties inside each side, latency
    /// doubled, three cells (a family of 9 tests): the exact test given the ties reaches 9/924 < 0.01,
    /// where the normal approximation (about 0.0027 × 9) left the gate blind to it.
    @Test func tiedP50ValuesStillShowADoubledLatency() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let tied: [Double] = [100, 100, 102, 102, 100, 101]
        let old = try F.write(
            try F.resultDocument(levels: [1, 2, 3], latencyUs: tied), to: folder, name: "old.json")
        let new = try F.write(
            try F.resultDocument(levels: [1, 2, 3], latencyUs: tied.map { $0 * 2 }), to: folder, name: "new.json")
        let check = try F.bench(["check", "--baseline", old, "--current", new, "--format", "json"])
        #expect(check.status == 2, "\(check.stdout)\(check.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        let p50 = findings.filter {
            $0["rule"] as? String == "regression" && $0["metric"] as? String == "latency_p50_ns"
        }
        #expect(p50.count == 3, "\(check.stdout)")
        #expect(!findings.contains { $0["rule"] as? String == "cannot detect" })
    }

    /// `bench compare` warns like benchstat but keeps exit 0; `check --current` fails with 2.
    @Test func compareWarnsAndCheckFailsOnBlindDocuments() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let document = try F.resultDocument(levels: [1, 2, 3], latencyUs: F.steady(5))
        let path = try F.write(document, to: folder, name: "five.json")
        let compare = try F.bench(["compare", path, path])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stderr.contains("cannot detect a regression with these trials"))
        let check = try F.bench(["check", "--baseline", path, "--current", path])
        #expect(check.status == 2, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("cannot detect a regression with these trials"))
        #expect(!check.stdout.contains("gate: PASS"))
    }

    /// Explicit --trials that cannot reach α is a usage error before anything is measured.
    @Test func explicitTooFewTrialsIsRefusedBeforeMeasuring() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let path = try F.write(
            try F.resultDocument(levels: [1, 2, 3], latencyUs: F.steady(5)), to: folder, name: "base.json")
        let run = try F.bench([
            "check", "--baseline", path, "--strategy", Names.queue, "--concurrency", "1,2,3",
            "--logs-per-producer", "20", "--trials", "5",
        ])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("--trials 8"))
        #expect(!run.stdout.contains("gate:"))
    }

    @Test func verdictsInWords() {
        func text(_ factor: Double) -> String {
            let comparison = Comparison.compare(
                baseline: F.set([F.cell(latencyUs: F.steady)]),
                current: F.set([F.cell(latencyUs: F.steady.map { $0 * factor })]), rules: GateRules())
            return ComparisonRendering.render(comparison, format: .text)
        }
        #expect(text(1).contains("no change (within noise)"))
        let slower = text(1.5)
        #expect(slower.contains("regression: +50.0% [+"))
        #expect(slower.contains("n=8"))
        #expect(text(0.5).contains("improvement: -50.0% [-"))
        // Significant, but within the 10% tolerance.
        #expect(text(1.05).contains("no change (slower, but within the 10% tolerance)"))
    }

    @Test func injectedDelayAppliesToItsStrategyOnly() {
        var workload = Workload(concurrency: 1, injectDelayUs: 300)
        #expect(workload.injectedDelayNs(for: Names.queue) == 300_000)
        #expect(workload.injectedDelayNs(for: Names.lock) == 300_000)
        workload.injectStrategy = Names.queue
        #expect(workload.injectedDelayNs(for: Names.queue) == 300_000)
        #expect(workload.injectedDelayNs(for: Names.lock) == 0)
        // Matched against the baseline of the same configuration, without the injection.
        let plain = CellSummary.gateKey(strategy: Names.queue, concurrency: 1, workload: Workload(concurrency: 1))
        #expect(CellSummary.gateKey(strategy: Names.queue, concurrency: 1, workload: workload) == plain)
    }
}
