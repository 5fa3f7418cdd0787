/// Percentile bootstrap confidence intervals, with a seeded generator so a gate's verdict does
/// not change between two evaluations of the same numbers.
public enum Bootstrap {
    public struct Interval: Codable, Sendable, Equatable {
        public var low: Double
        public var high: Double
        public init(low: Double, high: Double) {
            self.low = low
            self.high = high
        }
    }

    public static let defaultResamples = 2000
    public static let defaultSeed: UInt64 = 0x10_6B_E7C4

    /// Interval for the median of `values`. One value gives the degenerate interval [v, v].
    public static func medianInterval(
        _ values: [Double], confidence: Double = 0.95, resamples: Int = defaultResamples, seed: UInt64 = defaultSeed
    ) -> Interval? {
        guard !values.isEmpty else { return nil }
        var generator = SeededGenerator(seed: seed)
        var statistics: [Double] = []
        statistics.reserveCapacity(resamples)
        var medians = ResampleMedian(values)
        for _ in 0..<resamples {
            statistics.append(medians.next(&generator))
        }
        return percentileInterval(statistics, confidence: confidence)
    }

    /// Interval for median(numerator) / median(denominator), resampling both samples independently.
    /// Nil when a denominator median can be zero or negative (the ratio would mean nothing).
    public static func ratioOfMediansInterval(
        numerator: [Double], denominator: [Double], confidence: Double = 0.95, resamples: Int = defaultResamples,
        seed: UInt64 = defaultSeed
    ) -> Interval? {
        guard !numerator.isEmpty, !denominator.isEmpty, denominator.allSatisfy({ $0 > 0 }) else { return nil }
        var generator = SeededGenerator(seed: seed)
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        var tops = ResampleMedian(numerator)
        var bottoms = ResampleMedian(denominator)
        for _ in 0..<resamples {
            let top = tops.next(&generator)
            let bottom = bottoms.next(&generator)
            ratios.append(top / bottom)
        }
        return percentileInterval(ratios, confidence: confidence)
    }

    package static func resample(_ values: [Double], _ generator: inout SeededGenerator) -> [Double] {
        (0..<values.count).map { _ in values[Int.random(in: 0..<values.count, using: &generator)] }
    }

    package static func percentileInterval(_ statistics: [Double], confidence: Double) -> Interval {
        let sorted = statistics.sorted()
        let tail = (1 - confidence) / 2
        return Interval(
            low: Descriptive.quantile(sorted: sorted, tail), high: Descriptive.quantile(sorted: sorted, 1 - tail))
    }
}

/// The median of one resample (with replacement) of `values`, drawn with exactly the generator calls
/// `Bootstrap.resample` makes and equal to `Descriptive.median` of that resample, in O(n) without
/// sorting it: the values are sorted once, each draw counts its value's rank, and the median's two
/// order statistics are found by walking the counts. Keeps a hostile document's thousands of
/// trials from costing a sort per resample.
struct ResampleMedian {
    private let sorted: [Double]
    /// Position in `sorted` of each original value.
    private let rank: [Int]
    private var counts: [Int]

    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        sorted = order.map { values[$0] }
        var rank = [Int](repeating: 0, count: values.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        self.rank = rank
        counts = [Int](repeating: 0, count: values.count)
    }

    mutating func next(_ generator: inout SeededGenerator) -> Double {
        let n = sorted.count
        for index in counts.indices { counts[index] = 0 }
        for _ in 0..<n { counts[rank[Int.random(in: 0..<n, using: &generator)]] += 1 }
        // Type-7 median: the order statistics at floor and ceil of (n − 1) / 2.
        let position = 0.5 * Double(n - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, n - 1)
        var seen = 0
        var low: Double?
        var high = sorted[n - 1]
        for (index, count) in counts.enumerated() where count > 0 {
            seen += count
            if low == nil && seen > lower { low = sorted[index] }
            if seen > upper {
                high = sorted[index]
                break
            }
        }
        let below = low ?? sorted[n - 1]
        return below + (high - below) * (position - Double(lower))
    }
}
