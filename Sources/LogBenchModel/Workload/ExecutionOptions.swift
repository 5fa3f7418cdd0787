import Foundation
import LogBenchStatistics

/// How the cells of a plan run their producers, and what faults to inject. The default runs
/// producers as threads of this process.
public struct ExecutionOptions: Sendable {
    public var mode: ExecutionMode = .threads
    /// Kill one worker process per trial (`--crash`); in threads mode the whole writer process.
    public var crash: CrashPlan?
    /// Longest a worker may take for its warm-up, and for its measured phase (`--worker-timeout-s`).
    public var workerTimeoutS = 60
    /// Test hook (`--worker-fault`): one worker misbehaves on purpose.
    public var fault: WorkerFault?
    /// The `bench` binary that workers run.
    public var workerExecutable = ExecutionOptions.currentExecutable
    /// The PostgreSQL server of `--engine postgres` cells (`--database-url`): a libpq URI or
    /// keyword/value string. Not part of any result (it may hold a password).
    public var databaseURL: String?

    public init() {}

    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

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
