import LogBenchStatistics

/// How producers run: threads of one process (the default), worker processes, or Swift tasks.
public enum ExecutionMode: String, Codable, Sendable, CaseIterable {
    case threads, processes, tasks
}

/// Where a crash trial kills, as asked on the command line: `after:N` or `random`.
public enum CrashPlan: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Kill the victim once it has journaled N acknowledgements (the kill lands a little later,
    /// wherever the victim is by then: usually inside an append).
    case afterAcknowledged(Int)
    /// A victim and an N drawn per trial from the workload's seed.
    case random

    public init?(argument: String) {
        if argument == "random" {
            self = .random
        } else if argument.hasPrefix("after:"), let count = Int(argument.dropFirst(6)),
            (0...Workload.maxEntriesPerCell).contains(count)
        {
            self = .afterAcknowledged(count)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .afterAcknowledged(let count): return "after:\(count)"
        case .random: return "random"
        }
    }

    /// The victim worker and the acknowledgement count to kill at, for one trial.
    package func resolve(workers: Int, entriesPerWorker: Int, seed: UInt64, trial: Int) -> (victim: Int, after: Int) {
        switch self {
        case .afterAcknowledged(let count):
            return (0, count)
        case .random:
            var state = seed &+ UInt64(trial) &* 0x9E37_79B9_7F4A_7C15
            let victim = Int(Self.next(&state) % UInt64(workers))
            // In the first half of the victim's work, so that the kill usually lands mid-run.
            let after = 1 + Int(Self.next(&state) % UInt64(max(1, entriesPerWorker / 2)))
            return (victim, after)
        }
    }

    private static func next(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
