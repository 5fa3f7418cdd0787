import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench worker`: one worker process of processes mode, started by `bench run` itself (hidden).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Internal: a worker process of --mode processes.", shouldDisplay: false)

    @Option(help: "The cell's exchange folder (spec.json, journals, reports).")
    var exchange: String

    @Option(help: "This worker's index in the spec.")
    var index: Int

    @Flag(help: "The writer started again after a crash: resume each producer after its journal's last sent entry.")
    var restarted = false

    func run() throws {
        do {
            try WorkerProcess.run(exchange: ExchangeFolder(path: exchange), index: index, restarted: restarted)
        } catch {
            // The parent quotes the last line of stderr when it reports the failure.
            WorkerProcess.say("worker \(index): \(error)")
            throw ExitCode(ExitStatus.internalFailure.rawValue)
        }
    }
}

/// `bench noop-adapter`: the do-nothing adapter LogBench measures the adapter protocol's own cost
/// with (hidden: it is started by `bench`, or named with --adapter to see the floor).
struct NoopAdapterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noop-adapter", abstract: "Internal: the do-nothing adapter (docs/adapters.md).",
        shouldDisplay: false)

    func run() throws { DoNothingAdapter.serve() }
}
