import Foundation
import LogBenchStatistics

public enum StorageLayout: String, Sendable, Codable {
    /// The pipeline's design: `runs.logs` holds a JSON array.
    case jsonColumn
    /// The dedicated append-only `log_entries` table.
    case logTable
}

public struct StrategyCounters: Sendable, Codable, Equatable {
    public var busyWaits = 0
    public var retries = 0
    /// Largest number of entries waiting or being written for one run (queue strategies only).
    public var maxPendingPerRun: Int?
    /// Queue strategies: the 99th percentile of the pending count each entry found on arrival
    /// (itself included), for the run where it is highest.
    public var p99PendingPerRun: Int?
    /// Queue strategies: the most bytes one run's queued entries held at once (the run where it is
    /// highest, like `maxPendingPerRun`; the pending series has the total over runs).
    public var maxPendingBytes: Int?
    /// Entries accepted but still pending when the drain limit ran out: abandoned, never written.
    public var abandonedPending: Int?
    /// External adapters: the adapter process's peak resident set (VmHWM) at the end of the cell,
    /// the largest over worker processes. Its own memory, which LogBench's figures do not include.
    public var adapterPeakRssBytes: Int?
    /// Group-commit designs: the transactions their consumers committed in the measured runs, and
    /// the entries those held (entries per commit is what group commit buys). Nil for other designs.
    public var groupCommits: Int?
    public var groupCommittedEntries: Int?

    /// Mean entries per group commit, when there were commits.
    public var entriesPerCommit: Double? {
        guard let commits = groupCommits, commits > 0, let entries = groupCommittedEntries else { return nil }
        return Double(entries) / Double(commits)
    }

    public init(busyWaits: Int = 0, retries: Int = 0, maxPendingPerRun: Int? = nil) {
        self.busyWaits = busyWaits
        self.retries = retries
        self.maxPendingPerRun = maxPendingPerRun
    }
}
