import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The gate on real measurements at a small configuration. Assertions are on verdicts and rules,
/// never on times: the injected delays are far larger than this machine's noise.
@Suite(.serialized) struct GateRunTests {
    static func plan(strategy: any BuiltInStrategy.Type = PerRunQueue.self, injectUs: Int = 0, trials: Int = 6)
        -> BenchPlan
    {
        let workload = Workload(concurrency: 1, logsPerProducer: 20, warmupLogsPerProducer: 3, injectDelayUs: injectUs)
        return BenchPlan(strategies: [strategy], workloads: [workload], trials: trials)
    }

    /// The same build and configuration against itself: no rule fires.
    @Test func sameBuildAgainstItselfPasses() throws {
        let baseline = try PlanRunner.run(Self.plan())
        let outcome = try GateRunner.run(
            plan: Self.plan(), baseline: MeasurementSet(source: "A", result: baseline), rules: GateRules())
        #expect(outcome.report.exitStatus == .success, "\(outcome.report.failures.map(\.line))")
    }

    /// +3 ms inside every log's critical section: over the 1 ms budget, exit 2 on the budget rule.
    /// (2 ms of margin: on a shared 2-core machine under load the `none` reference beside it moves
    /// by more than the 0.5 ms a 1.5 ms delay left.)
    @Test func injectedDelayOverBudgetFails() throws {
        let delayed = Self.plan(injectUs: 3000, trials: 5)
        let baseline = try PlanRunner.run(delayed)
        let outcome = try GateRunner.run(
            plan: delayed, baseline: MeasurementSet(source: "B", result: baseline), rules: GateRules())
        #expect(outcome.report.exitStatus == .regression)
        #expect(outcome.report.failures.contains { $0.rule == .budget })
        #expect(outcome.report.remeasured.count == 1)
    }

    /// A doubling against a baseline: exit 2 on the regression rule (and not on the budget).
    @Test func doublingIsARegression() throws {
        // A large base delay makes the injected part dominate each log's latency, so a busy machine's
        // noise in the rest cannot hide the slowdown; 50% of it clears --min-effect-us by far. The
        // budget is raised out of the way: this test is about the regression rule alone.
        // Ten trials a side leave the Mann–Whitney test headroom when a loaded machine swaps a few.
        let baseline = try PlanRunner.run(Self.plan(injectUs: 2000, trials: 10))
        let set = MeasurementSet(source: "baseline", result: baseline)
        let latencyUs = set.cells[0].metric(.latencyP50Ns)!.median / 1000
        // +100% of the measured latency: a 50% slowdown was lost in the load of a shared machine.
        let slower = Self.plan(injectUs: 2000 + Int(latencyUs), trials: 10)
        var rules = GateRules()
        rules.budgetMs = 1000
        let outcome = try GateRunner.run(plan: slower, baseline: set, rules: rules)
        #expect(outcome.report.exitStatus == .regression)
        #expect(
            outcome.report.failures.contains { $0.rule == .regression && $0.message.contains("latency_p50_ns") },
            "\(outcome.report.findings.map(\.line))")
        #expect(!outcome.report.failures.contains { $0.rule == .budget })
    }

    /// `none` gated as a strategy loses entries under concurrency: exit 3, without remeasurement.
    @Test func noneFailsOnDataLoss() throws {
        let workload = Workload(concurrency: 8, logsPerProducer: 30, warmupLogsPerProducer: 2)
        let plan = BenchPlan(strategies: [NoCoordination.self], workloads: [workload], trials: 2)
        let baseline = try PlanRunner.run(plan)
        let outcome = try GateRunner.run(
            plan: plan, baseline: MeasurementSet(source: Names.none, result: baseline), rules: GateRules())
        #expect(outcome.report.exitStatus == .dataLoss)
        #expect(outcome.remeasurement == nil)
    }

    /// The command line end to end: save a baseline, check against it, exit codes as documented.
    @Test func checkCommandExitCodes() throws {
        let folder = try GateFixtures.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let small = ["--strategy", Names.queue, "--concurrency", "1", "--logs-per-producer", "20", "--trials", "6"]
        let saved = try GateFixtures.bench(["baseline", "save", "--name", "a", "--baselines-dir", folder] + small)
        #expect(saved.status == 0, "\(saved.stderr)")
        let again = try GateFixtures.bench(["baseline", "save", "--name", "a", "--baselines-dir", folder] + small)
        #expect(again.status == 64 && again.stderr.contains("--force"))
        let over = try GateFixtures.bench(
            ["check", "--baseline", "a", "--baselines-dir", folder, "--inject-delay-us", "3000"] + small)
        #expect(over.status == 2, "\(over.stdout)\(over.stderr)")
        #expect(over.stdout.contains("[budget]") && over.stdout.contains("queue c=1"))
        let loss = try GateFixtures.bench(
            [
                "check", "--baseline", "a", "--baselines-dir", folder, "--allow-missing", "--strategy", Names.none,
                "--concurrency", "8", "--logs-per-producer", "30", "--trials", "2",
            ])
        #expect(loss.status == 3, "\(loss.stdout)\(loss.stderr)")
        #expect(loss.stdout.contains("[data loss]"))
    }
}
