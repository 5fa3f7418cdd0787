import Foundation
import LogBenchStatistics

/// What a buffering strategy held at one instant of the measured phase.
public struct PendingSample: Codable, Sendable, Equatable {
    /// Since the measured phase started (the start gate opened), nanoseconds.
    public var atNs: UInt64
    /// Entries waiting or being written, all runs.
    public var entries: Int
    /// The most one run held.
    public var largestRun: Int
    /// Bytes the queued entries held.
    public var bytes: Int

    public init(atNs: UInt64, entries: Int, largestRun: Int, bytes: Int) {
        self.atNs = atNs
        self.entries = entries
        self.largestRun = largestRun
        self.bytes = bytes
    }
}
