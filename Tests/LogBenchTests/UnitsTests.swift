import Testing

@testable import LogBench

@Suite struct UnitsTests {
    @Test func durationsScale() {
        #expect(Units.duration(ns: 950) == "950 ns")
        #expect(Units.duration(ns: 12_300) == "12.3 µs")
        #expect(Units.duration(ns: 4_560_000) == "4.56 ms")
    }
}
