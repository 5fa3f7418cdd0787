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
        for _ in 0..<resamples {
            statistics.append(Descriptive.median(resample(values, &generator))!)
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
        for _ in 0..<resamples {
            let top = Descriptive.median(resample(numerator, &generator))!
            let bottom = Descriptive.median(resample(denominator, &generator))!
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
