import ArgumentParser
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `--ack`, `--rate`, `--duration-s`, `--max-pending`, `--drain-limit-s`: how producers offer entries
/// and when a call counts as done (see docs/load.md). The default is closed loop, durable.
struct LoadOptions: ParsableArguments {
    @Option(
        help: """
            When a call returns: durable (after the commit) or accepted (once a buffering strategy, a queue, \
            has taken the entry; the write completes later). Strategies without a buffer return after the \
            commit under both.
            """)
    var ack = AckPoint.durable

    @Option(
        parsing: .unconditional,
        help: """
            Open loop: entries per second per producer (0.1…1000000), each sent at its intended time; latency \
            counts from that time. Needs --duration-s. Each producer sends rate × duration entries, moving on to \
            a fresh run every --logs-per-producer (default 50) so the arrays keep the seed's size (a cell writes at most 64 runs; beyond that they get longer).
            """)
    var rate: Double?

    @Option(
        parsing: .unconditional,
        help: "Open loop: the send window in seconds (0.05…3600); rate × duration ≤ 2000000 per producer.")
    var durationS: Double?

    /// Before 0.5.0: `--duration S`. Now `--duration-s S`, the unit in the name as every duration flag.
    @Option(parsing: .unconditional, help: .hidden)
    var duration: Double?

    @Option(
        parsing: .unconditional,
        help: """
            At most N entries pending per run in a queue (1…10000000); a caller that finds it full waits \
            for room. Default: unbounded.
            """)
    var maxPending: Int?

    @Option(
        parsing: .unconditional,
        help: """
            Seconds (0…3600, default 10) to wait after the last call for accepted entries to be written; \
            what is still pending then is abandoned and reported.
            """)
    var drainLimitS: Double?

    func profile() throws -> LoadProfile {
        let window = try DeprecatedFlag.resolve(old: ("--duration", duration), new: ("--duration-s", durationS))
        return LoadProfile(
            ack: ack, ratePerSec: rate, durationS: window, maxPending: maxPending, drainLimitS: drainLimitS)
    }

}

extension AckPoint: ExpressibleByArgument {}
