import Histogram
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Per-producer latency recording: one HdrHistogram per thread (it is a value type and not
/// thread-safe), sized up front so recording never allocates, merged after the threads finish.
public struct LatencyHistogram: Sendable, Codable {
    /// 1 ns to 10 minutes at 3 significant digits.
    package static let highestTrackableNs: UInt64 = 600 * 1_000_000_000
    public private(set) var histogram: Histogram<UInt64>

    public init() { self.init(copying: Self.emptyFine) }

    private init(digits: SignificantDigits) {
        histogram = Histogram(highestTrackableValue: Self.highestTrackableNs, numberOfSignificantValueDigits: digits)
    }

    /// An empty histogram with `prototype`'s layout and counts of its own, copied now. HdrHistogram's
    /// initializer fills its counts through one generic call per slot (about 30 µs for the 250 KB
    /// of a fine one, a fifth of the CPU of a run of short rounds); a copy is one memcpy. Recording
    /// nothing makes the copy here, before any start gate, not at the first measured record.
    private init(copying prototype: LatencyHistogram) {
        self = prototype
        _ = histogram.record(0, count: 0)
    }

    private static let emptyFine = LatencyHistogram(digits: .three)
    private static let emptyCoarse = LatencyHistogram(digits: .two)

    /// Two significant digits (1 % resolution), an eighth of the memory: for the phase breakdown,
    /// where seven histograms per producer would otherwise weigh more than the design measured.
    package static func coarse() -> LatencyHistogram { LatencyHistogram(copying: emptyCoarse) }

    /// Records `count` occurrences of `nanoseconds` at once.
    package mutating func record(_ nanoseconds: UInt64, count: UInt64) {
        guard count > 0 else { return }
        _ = histogram.record(min(nanoseconds, Self.highestTrackableNs), count: count)
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
