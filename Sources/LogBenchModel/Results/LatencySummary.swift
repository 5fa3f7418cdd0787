import Foundation
import LogBenchStatistics

/// Latency percentiles in nanoseconds.
public struct LatencySummary: Codable, Sendable, Equatable {
    public var p50: UInt64 = 0
    public var p90: UInt64 = 0
    public var p99: UInt64 = 0
    public var p999: UInt64 = 0
    public var max: UInt64 = 0
    public var mean: Double = 0

    public init(p50: UInt64 = 0, p90: UInt64 = 0, p99: UInt64 = 0, p999: UInt64 = 0, max: UInt64 = 0, mean: Double = 0)
    {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
        self.mean = mean
    }
}
