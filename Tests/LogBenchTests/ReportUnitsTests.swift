import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

@Suite struct ReportUnitsTests {
    @Test func durationsScale() {
        #expect(Units.duration(ns: 950.0) == "950 ns")
        #expect(Units.duration(ns: 12_300.0) == "12.3 µs")
        #expect(Units.duration(ns: 4_560_000.0) == "4.56 ms")
    }

    @Test func axisLabelsDropTrailingZeros() {
        #expect(Units.axisDuration(ns: 10_000) == "10 µs")
        #expect(Units.axisDuration(ns: 2_500_000) == "2.5 ms")
        #expect(Units.axisDuration(ns: 1_000_000_000) == "1 s")
    }

    @Test func percentagesKeepTheDigitsThatMatter() {
        #expect(Units.percent(0.052) == "0.05 %")
        #expect(Units.percent(4.54) == "4.5 %")
        #expect(Units.percent(87.2) == "87 %")
    }
}
