import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

@Suite struct DescriptiveTests {
    @Test func medianOfOddAndEvenCounts() {
        #expect(Descriptive.median([3, 1, 2]) == 2)
        #expect(Descriptive.median([4, 1, 3, 2]) == 2.5)
        #expect(Descriptive.median([]) == nil)
    }

    @Test func quantileInterpolatesLikeNumPy() {
        #expect(Descriptive.quantile([1, 2, 3, 4], 0.25) == 1.75)
        #expect(Descriptive.quantile([1, 2, 3, 4], 0) == 1)
        #expect(Descriptive.quantile([1, 2, 3, 4], 1) == 4)
    }
}

@Suite struct MannWhitneyTests {
    // Reference values from scipy.stats.mannwhitneyu(x, y, alternative="greater").
    @Test func exactMatchesSciPy() {
        let result = MannWhitney.greater(treatment: [19, 22, 16, 29, 24], control: [20, 11, 17, 12])!
        #expect(result.exact)
        #expect(result.u == 17)
        #expect(abs(result.pValue - 0.055555555555555) < 1e-12)
    }

    @Test func smallestExactPValues() {
        // Complete separation: 1 / C(8, 4) and 1 / C(10, 5), the limits in the field notes.
        #expect(abs(MannWhitney.greater(treatment: [5, 6, 7, 8], control: [1, 2, 3, 4])!.pValue - 1 / 70) < 1e-12)
        let five = MannWhitney.greater(treatment: [6, 7, 8, 9, 10], control: [1, 2, 3, 4, 5])!
        #expect(abs(five.pValue - 1 / 252) < 1e-12)
        #expect(MannWhitney.greater(treatment: [1, 2, 3, 4, 5], control: [6, 7, 8, 9, 10])!.pValue == 1)
    }

    /// Reference values by enumerating all C(n, n1) assignments of the midranks (Python, itertools).
    @Test func exactWithTiesMatchesEnumeration() {
        let result = MannWhitney.greater(treatment: [1, 2, 2, 3, 4, 5, 5, 6], control: [1, 1, 2, 3, 3, 3, 4])!
        #expect(result.exact)
        #expect(result.u == 38)
        #expect(abs(result.pValue - 0.1411033411033411) < 1e-12)
        // Identical samples full of ties: nothing to see.
        let same: [Double] = [100, 100, 102, 102, 100, 101]
        #expect(abs(MannWhitney.greater(treatment: same, control: same)!.pValue - 0.6298701298701299) < 1e-12)
    }

    /// Ties inside each group do not cost power: complete separation still reaches 1/C(12, 6), where
    /// the normal approximation stopped at about 0.0027 (and Holm over 9 cells could never pass α).
    @Test func tiedSeparatedSamplesReachTheSmallestP() {
        let old: [Double] = [100, 100, 102, 102, 100, 101]
        let result = MannWhitney.greater(treatment: old.map { $0 * 2 }, control: old)!
        #expect(result.exact)
        #expect(abs(result.pValue - Power.smallestPValue(n1: 6, n2: 6)) < 1e-15)
        let normal = MannWhitney.normalUpperTail(u: 36, n1: 6, n2: 6, tieGroups: [3, 1, 2, 3, 1, 2])
        #expect(normal * 9 > 0.01)
    }

    @Test func normalApproximationWithTiesMatchesSciPy() {
        // scipy.stats.mannwhitneyu(…, method="asymptotic") for the samples above.
        let p = MannWhitney.normalUpperTail(u: 38, n1: 8, n2: 7, tieGroups: [3, 3, 4, 2, 2, 1])
        #expect(abs(p - 0.13144516820992375) < 1e-9)
    }

    @Test func normalApproximationForLargeSamplesMatchesSciPy() {
        let result = MannWhitney.greater(
            treatment: (20..<45).map(Double.init), control: (0..<30).map(Double.init))!
        #expect(!result.exact)
        #expect(result.u == 700)
        #expect(abs(result.pValue - 2.055210601163609e-08) / 2.055210601163609e-08 < 1e-6)
    }
}

@Suite struct HolmTests {
    @Test func stepDownAdjustment() {
        let adjusted = Holm.adjust([0.01, 0.04, 0.03, 0.005])
        let expected = [0.03, 0.06, 0.06, 0.02]
        for (a, e) in zip(adjusted, expected) { #expect(abs(a - e) < 1e-12) }
    }

    @Test func capsAtOneAndKeepsSingleTests() {
        #expect(Holm.adjust([0.6, 0.7]) == [1, 1])
        #expect(Holm.adjust([0.004]) == [0.004])
        #expect(Holm.adjust([]) == [])
    }
}

@Suite struct BootstrapTests {
    @Test func constantSampleGivesPointInterval() {
        #expect(Bootstrap.medianInterval([5, 5, 5, 5]) == Bootstrap.Interval(low: 5, high: 5))
        #expect(Bootstrap.medianInterval([7]) == Bootstrap.Interval(low: 7, high: 7))
        #expect(Bootstrap.medianInterval([]) == nil)
    }

    @Test func seededAndReproducible() {
        let values: [Double] = [10, 12, 9, 15, 11, 13, 10, 14]
        let first = Bootstrap.medianInterval(values)!
        #expect(first == Bootstrap.medianInterval(values)!)
        #expect(first.low >= 9 && first.high <= 15 && first.low <= 11.5 && first.high >= 11.5)
        let wider = Bootstrap.medianInterval(values, confidence: 0.99)!
        #expect(wider.low <= first.low && wider.high >= first.high)
    }

    @Test func ratioOfMedians() {
        let old: [Double] = [100, 102, 98, 101, 99]
        let same = Bootstrap.ratioOfMediansInterval(numerator: old, denominator: old)!
        #expect(same.low <= 1 && same.high >= 1)
        let doubled = Bootstrap.ratioOfMediansInterval(numerator: old.map { $0 * 2 }, denominator: old)!
        #expect(doubled.low > 1.9 && doubled.high < 2.1)
        #expect(Bootstrap.ratioOfMediansInterval(numerator: old, denominator: [0, 1]) == nil)
    }

    @Test func generatorIsDeterministic() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
    }

    @Test("the counting resample median is the sorted resample's median, draw for draw", arguments: [1, 2, 3, 8, 51])
    func resampleMedianMatchesSorting(count: Int) {
        var source = SeededGenerator(seed: 7)
        // Ties included: values from a small range.
        let values = (0..<count).map { _ in Double(Int.random(in: 0..<5, using: &source)) * 1.5 }
        var slow = SeededGenerator(seed: 42)
        var fast = SeededGenerator(seed: 42)
        var medians = ResampleMedian(values)
        for _ in 0..<200 {
            #expect(medians.next(&fast) == Descriptive.median(Bootstrap.resample(values, &slow)))
        }
    }
}
