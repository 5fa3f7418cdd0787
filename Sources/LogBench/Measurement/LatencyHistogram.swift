import Histogram

/// Per-producer latency recording: one HdrHistogram per thread (it is a value type and not
/// thread-safe), sized up front so recording never allocates, merged after the threads finish.
public struct LatencyHistogram: Sendable {
    /// 1 ns to 10 minutes at 3 significant digits.
    static let highestTrackableNs: UInt64 = 600 * 1_000_000_000
    public private(set) var histogram: Histogram<UInt64>

    public init() {
        histogram = Histogram(highestTrackableValue: Self.highestTrackableNs, numberOfSignificantValueDigits: .three)
    }

    @inline(__always)
    public mutating func record(_ nanoseconds: UInt64) {
        _ = histogram.record(min(nanoseconds, Self.highestTrackableNs))
    }

    public mutating func merge(_ other: LatencyHistogram) { histogram.add(other.histogram) }

    public var count: UInt64 { histogram.totalCount }

    public var summary: LatencySummary {
        guard histogram.totalCount > 0 else { return LatencySummary() }
        return LatencySummary(
            p50: histogram.valueAtPercentile(50),
            p90: histogram.valueAtPercentile(90),
            p99: histogram.valueAtPercentile(99),
            p999: histogram.valueAtPercentile(99.9),
            max: histogram.max,
            mean: histogram.mean)
    }
}

/// Latency percentiles in nanoseconds.
public struct LatencySummary: Codable, Sendable, Equatable {
    public var p50: UInt64 = 0
    public var p90: UInt64 = 0
    public var p99: UInt64 = 0
    public var p999: UInt64 = 0
    public var max: UInt64 = 0
    public var mean: Double = 0

    public init(p50: UInt64 = 0, p90: UInt64 = 0, p99: UInt64 = 0, p999: UInt64 = 0, max: UInt64 = 0, mean: Double = 0) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
        self.mean = mean
    }
}
