import Foundation
import Testing

@testable import LogBenchModel
@testable import LogBenchStrategies

/// `run --trials N` says which row is which trial and prints each figure's median with its CI and n,
/// in text and in Markdown.
@Suite struct TrialsOutputTests {
    @Test func trialsAreLabelledAndSummarized() throws {
        let common = ["--strategy", Names.logTable, "--concurrency", "2", "--logs-per-producer", "5", "--trials", "3"]
        let markdown = try GateFixtures.bench(common + ["--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("| strategy | concurrency | trial |"))
        #expect(markdown.stdout.contains("| log-table | 2 | 3 |"))
        #expect(markdown.stdout.contains("Medians over the trials, 95% bootstrap CI of the median in brackets."))
        let text = try GateFixtures.bench(common)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("log-table · concurrency 2: median of 3 trials [95% CI of the median]"))
        #expect(text.stdout.contains("n=3"))
        #expect(text.stdout.contains("  all busy      "), "the all-busy rate has its median too")
        // Not a terminal: no progress lines on standard error for scripts to trip on.
        #expect(!text.stderr.contains("elapsed"))
        let single = try GateFixtures.bench(Array(common.dropLast(2)) + ["--format", "markdown"])
        #expect(!single.stdout.contains("| trial |") && !single.stdout.contains("Medians over the trials"))
    }
}
