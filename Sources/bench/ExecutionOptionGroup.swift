import ArgumentParser
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `--mode`, crash injection and worker-process limits.
struct ExecutionOptionGroup: ParsableArguments {
    @Option(help: "How producers run: threads (of this process), processes (one worker process each) or tasks.")
    var mode = ExecutionMode.threads

    @Option(
        help: """
            SIGKILL one worker process mid-run: after:N (once it has N acknowledged entries, 0…10000000) or random. \
            In threads mode the producers then run as threads of one writer process, which is killed and then \
            restarted: the new writer opens the database after the crash and appends every entry never sent.
            """)
    var crash: CrashPlan?

    @Option(help: "Crash trials (fresh database each) with --crash (1…1000).")
    var crashTrials = 1

    @Option(help: "Seconds a worker process may take for its warm-up, and again for its measured phase (1…86400).")
    var workerTimeoutS = 60

    @Option(help: .hidden)
    var workerFault: WorkerFault?

    func makeOptions() throws -> ExecutionOptions {
        var options = ExecutionOptions()
        options.mode = mode
        options.crash = crash
        options.workerTimeoutS = workerTimeoutS
        options.fault = workerFault
        guard (1...1000).contains(crashTrials) else {
            throw UsageError("--crash-trials must be between 1 and 1000 (got \(crashTrials))")
        }
        if crashTrials > 1 && crash == nil { throw UsageError("--crash-trials needs --crash") }
        try options.validate()
        return options
    }
}

extension ExecutionMode: ExpressibleByArgument {}

extension CrashPlan: ExpressibleByArgument {
    public var defaultValueDescription: String { description }
}

extension WorkerFault: ExpressibleByArgument {}
