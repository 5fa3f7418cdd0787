import Foundation
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// What the adapter protocol itself costs per call: one producer (c=1) sending appends one at a
/// time to `bench noop-adapter`, which answers each at once and stores nothing. Measured once per
/// invocation that runs an adapter, and printed beside its figures: an adapter's latency minus
/// this is what its own code took.
package enum AdapterProtocolCalibration {
    package static let calls = 2000
    package static let warmupCalls = 200

    package static func measure(executable: String = ExecutionOptions.currentExecutable) throws -> LatencySummary {
        let command = try AdapterCommand(arguments: [executable, "noop-adapter"])
        let timeout: UInt64 = 10_000_000_000
        let handshake = try AdapterHandshake.probe(command, timeoutNs: timeout)
        let context = StrategyContext(
            databasePath: "", settings: ConnectionSettings(synchronous: .normal, busyTimeoutMs: 0), runIDs: [1],
            scratchDirectory: "")
        let strategy = try ExternalAdapter(command: command, handshake: handshake, context: context, timeoutNs: timeout)
        defer { strategy.shutdown() }
        let appender = try strategy.makeAppender(producer: 0)
        let messages = Workload(concurrency: 1).messages
        var histogram = LatencyHistogram()
        for seq in 0..<(warmupCalls + calls) {
            let entry = messages.entry(producer: 0, seq: seq, run: 1)
            let start = MonotonicClock.now()
            try appender.append(entry, run: 1)
            if seq >= warmupCalls { histogram.record(MonotonicClock.now() - start) }
        }
        if let failure = strategy.failure() { throw AdapterFailure(failure) }
        return histogram.summary
    }
}
