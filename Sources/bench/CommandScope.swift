import ArgumentParser
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// The command's cleanup scope: created once per invocation, with the signal policy installed, and
/// passed down explicitly to the library. `Bench.main` reads it to stay quiet while a second
/// signal's cleanup exits the process.
enum CommandScope {
    nonisolated(unsafe) private(set) static var current: CleanupScope?

    static func start() -> CleanupScope {
        let scope = CleanupScope()
        SignalPolicy.install(scope)
        current = scope
        return scope
    }

    /// After a plan stopped between steps: exit 128 + the signal, once what finished is written.
    static func exitIfStopped(_ scope: CleanupScope) throws {
        if let signal = scope.stopSignal { throw StoppedBySignal(signal: signal) }
    }
}
