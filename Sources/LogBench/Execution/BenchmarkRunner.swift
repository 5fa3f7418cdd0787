import Foundation

/// What one `bench` invocation measures: strategies × concurrency levels, each against a `none`
/// reference measured in the same process with the same workload.
public struct BenchmarkPlan: Sendable {
    public var strategies: [any AppendStrategy.Type]
    public var workloads: [Workload]
    public var measureReference: Bool
    public var trials: Int
    public var budgetNs: Double
    public var keepDatabaseAt: String?
    public var temporaryDirectory: String
    /// Threads, processes or tasks, and crash injection (see `ExecutionOptions`).
    public var execution = ExecutionOptions()

    public init(
        strategies: [any AppendStrategy.Type], workloads: [Workload], measureReference: Bool = true, trials: Int = 1,
        budgetNs: Double = 1_000_000, keepDatabaseAt: String? = nil, temporaryDirectory: String = NSTemporaryDirectory()
    ) {
        self.strategies = strategies
        self.workloads = workloads
        self.measureReference = measureReference
        self.trials = trials
        self.budgetNs = budgetNs
        self.keepDatabaseAt = keepDatabaseAt
        self.temporaryDirectory = temporaryDirectory
    }
}

extension BenchmarkPlan {
    /// Checks what depends on the combination of options; the single values are checked earlier.
    public func validate() throws(UsageError) {
        guard !strategies.isEmpty, !workloads.isEmpty else {
            throw UsageError("nothing to run: no strategy or workload")
        }
        guard trials >= 1 else { throw UsageError("--trials must be at least 1 (got \(trials))") }
        if keepDatabaseAt != nil && (strategies.count * workloads.count * trials > 1) {
            throw UsageError("--db keeps one database, so it needs exactly one strategy, one workload and one trial")
        }
    }
}

public enum BenchmarkRunner {
    /// Runs every cell of the plan, trials interleaved so that drift in the machine hits all cells
    /// alike, and fills in each cell's overhead from the reference of the same trial.
    public static func run(
        _ plan: BenchmarkPlan, progress: (_ done: Int, _ total: Int, _ cell: CellResult) -> Void = { _, _, _ in }
    ) throws -> ResultDocument {
        try plan.validate()
        try MemoryProbe.verifyJemallocIsAllocator()
        let harness = HarnessCalibration.overheadPerLogNs()
        let environment = EnvironmentInfo.current(databaseDirectory: plan.temporaryDirectory)
        let synchronous = plan.workloads[0].synchronous
        let calibrationStart = try SingleWriteCalibration.measure(
            temporaryDirectory: plan.temporaryDirectory, synchronous: synchronous)
        // `none` among the strategies is its own reference; otherwise it is measured beside them.
        let separateReference = plan.measureReference && !plan.strategies.contains { $0 == NoCoordination.self }
        var cells: [CellResult] = []
        let perTrial = plan.workloads.count * (plan.strategies.count + (separateReference ? 1 : 0))
        let total = perTrial * plan.trials
        for trial in 0..<plan.trials {
            for workload in plan.workloads {
                var reference: CellResult?
                if separateReference {
                    // The reference is the pipeline without the strategy under test: an injected delay
                    // stands for a slower strategy, so it does not apply here.
                    var referenceWorkload = workload
                    referenceWorkload.injectDelayUs = 0
                    let cell = try plan.runCell(
                        strategy: NoCoordination.self, workload: referenceWorkload, role: .reference, trial: trial,
                        keepDatabaseAt: nil, harness: harness)
                    reference = cell
                    cells.append(cell)
                    progress(cells.count, total, cell)
                }
                for strategy in plan.strategies {
                    let cell = try plan.runCell(
                        strategy: strategy, workload: workload, role: .measured, trial: trial,
                        keepDatabaseAt: plan.keepDatabaseAt, harness: harness)
                    if strategy == NoCoordination.self { reference = cell }
                    cells.append(cell)
                    progress(cells.count, total, cell)
                }
                // Overheads once the reference of this workload and trial is known.
                if let reference {
                    for index in cells.indices
                    where cells[index].trial == trial && cells[index].workload == workload
                        && cells[index].role == .measured
                    {
                        cells[index].overheadNs = OverheadSummary(
                            p50: Double(cells[index].latencyNs.p50) - Double(reference.latencyNs.p50),
                            mean: cells[index].latencyNs.mean - reference.latencyNs.mean,
                            budgetNs: plan.budgetNs)
                    }
                }
            }
        }
        let calibrationEnd = try SingleWriteCalibration.measure(
            temporaryDirectory: plan.temporaryDirectory, synchronous: synchronous)
        var document = ResultDocument(
            environment: environment, cells: cells,
            calibration: RunCalibration(singleWriteStartNs: calibrationStart, singleWriteEndNs: calibrationEnd))
        let verdicts = SafetyVerdict.measure(cells)
        if !verdicts.isEmpty { document.safety = verdicts }
        return document
    }
}
