import Foundation

/// How the cells of a plan run their producers, and what faults to inject. The default runs
/// producers as threads of this process, as before modes existed.
public struct ExecutionOptions: Sendable {
    public var mode: ExecutionMode = .threads
    /// Kill one worker process per trial (`--crash`); in threads mode the whole writer process.
    public var crash: CrashPlan?
    /// Longest a worker may take for its warm-up, and for its measured phase (`--worker-timeout-s`).
    public var workerTimeoutS = 60
    /// Test hook (`--worker-fault`): one worker misbehaves on purpose.
    public var fault: WorkerFault?
    /// The `bench` binary that workers run.
    public var workerExecutable = ProcessCellRunner.currentExecutable

    public init() {}

    /// Worker processes run the cell: processes mode, or a crash trial (the writer is a process).
    var usesWorkerProcesses: Bool { mode == .processes || crash != nil || fault != nil }
}

extension BenchmarkPlan {
    /// Runs one cell the way `execution` says.
    func runCell(
        strategy: any AppendStrategy.Type, workload: Workload, role: CellResult.Role, trial: Int,
        keepDatabaseAt: String?, harness: Double
    ) throws -> CellResult {
        if execution.mode == .tasks {
            var runner = TaskCellRunner(strategy: strategy, workload: workload)
            runner.role = role
            runner.trial = trial
            runner.keepDatabaseAt = keepDatabaseAt
            runner.temporaryDirectory = temporaryDirectory
            return try runner.run(harnessOverheadNs: harness)
        }
        if execution.usesWorkerProcesses {
            var runner = ProcessCellRunner(strategy: strategy, workload: workload, mode: execution.mode)
            runner.role = role
            runner.trial = trial
            runner.crash = execution.crash
            runner.workerTimeoutS = execution.workerTimeoutS
            runner.keepDatabaseAt = keepDatabaseAt
            runner.temporaryDirectory = temporaryDirectory
            runner.executable = execution.workerExecutable
            runner.fault = execution.fault
            return try runner.run(harnessOverheadNs: harness)
        }
        return try CellRunner(
            strategy: strategy, workload: workload, role: role, trial: trial, keepDatabaseAt: keepDatabaseAt,
            temporaryDirectory: temporaryDirectory
        ).run(harnessOverheadNs: harness)
    }
}

extension ExecutionOptions {
    /// Checks the combinations the command line cannot express alone.
    public func validate() throws(UsageError) {
        guard (1...86_400).contains(workerTimeoutS) else {
            throw UsageError("--worker-timeout-s must be between 1 and 86400 (got \(workerTimeoutS))")
        }
        if mode == .tasks && (crash != nil || fault != nil) {
            throw UsageError("--crash needs --mode processes or threads: tasks run inside this process")
        }
    }
}
