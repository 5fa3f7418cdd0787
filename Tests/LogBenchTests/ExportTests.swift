import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

@Suite struct ExportTests {
    /// customSmallerIsBetter: a JSON array of objects with string name and unit, numeric value,
    /// and optional string range and extra.
    @Test func githubActionBenchmarkHasTheDocumentedShape() throws {
        let data = try GitHubActionBenchmarkExport.render(try Fixtures.smallMatrix())
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(!array.isEmpty)
        for entry in array {
            #expect(Set(entry.keys).isSubset(of: ["name", "unit", "value", "range", "extra"]))
            #expect(entry["name"] is String)
            #expect(entry["unit"] is String)
            #expect(entry["value"] is NSNumber)
            if let extra = entry["extra"] { #expect(extra is String) }
        }
        let names = array.compactMap { $0["name"] as? String }
        #expect(Set(names).count == names.count, "names must be unique")
        let p50 = array.first { ($0["name"] as? String) == "logbench/queue/c=10/sync=normal latency p50" }
        #expect((p50?["value"] as? NSNumber)?.doubleValue == 4_300_000)
        // Only ratios that mean something: positive latencies, no overhead (a difference), no data loss (0).
        for entry in array {
            let name = entry["name"] as! String
            #expect((entry["value"] as! NSNumber).doubleValue > 0, "\(name)")
            #expect(!name.contains("overhead") && !name.contains("data loss") && !name.contains("throughput"))
            #expect(name.contains("latency p50") || name.contains("latency p99") || name.contains("append p50"))
        }
    }

    /// Per-trial values: the value is the median over the trials, `range` their spread; throughput
    /// goes to its own bigger-is-better file; `none` at c=1 has no overhead entry (it was 0).
    @Test func githubActionBenchmarkUsesTheTrials() throws {
        let document = try GateFixtures.resultDocument(latencyUs: [100, 200, 300, 400, 500])
        let entries = GitHubActionBenchmarkExport.entries(document)
        let p50 = try #require(entries.first { $0.name == "logbench/queue/c=1/sync=normal latency p50" })
        #expect(p50.value == 300_000)
        #expect(p50.range == "± 200000")
        #expect(entries.count == 2)
        let throughput = GitHubActionBenchmarkExport.throughputEntries(document)
        #expect(throughput.count == 1)
        #expect(throughput[0].unit == "logs/s" && throughput[0].value == (1e6 / 300).rounded())
        let data = try GitHubActionBenchmarkExport.renderThroughput(document)
        #expect(try JSONSerialization.jsonObject(with: data) is [[String: Any]])
    }

    /// BMF bounds are the 95% CI of the median over the trials, around the value.
    @Test func bencherBoundsAreTheConfidenceInterval() throws {
        let values: [Double] = [100, 200, 300, 400, 500, 600]
        let document = try GateFixtures.resultDocument(latencyUs: values)
        let latency = try #require(BencherMetricExport.metrics(document)["logbench/queue/c=1/sync=normal"]?["latency"])
        let means = values.map { $0 * 1100 }
        let interval = try #require(Bootstrap.medianInterval(means))
        #expect(latency.value == Descriptive.median(means))
        #expect(latency.lowerValue == interval.low && latency.upperValue == interval.high)
        #expect(latency.lowerValue! < latency.value && latency.value < latency.upperValue!)
    }

    /// BMF: {benchmark: {measure: {value, lower_value?, upper_value?}}}, all numbers.
    @Test func bencherMetricFormatHasTheDocumentedShape() throws {
        let data = try BencherMetricExport.render(try Fixtures.smallMatrix())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object.count == 6 + 6)  // six cells, six growth points
        for (_, measures) in object {
            let measures = try #require(measures as? [String: Any])
            #expect(!measures.isEmpty)
            for (_, metric) in measures {
                let metric = try #require(metric as? [String: Any])
                #expect(metric["value"] is NSNumber)
                #expect(Set(metric.keys).isSubset(of: ["value", "lower_value", "upper_value"]))
                let value = (metric["value"] as! NSNumber).doubleValue
                if let lower = metric["lower_value"] as? NSNumber { #expect(lower.doubleValue <= value) }
                if let upper = metric["upper_value"] as? NSNumber { #expect(upper.doubleValue >= value) }
            }
        }
        let queue = try #require(object["logbench/queue/c=10/sync=normal"] as? [String: [String: Double]])
        #expect(queue["throughput"]?["value"] == 250)
        #expect(queue["latency"]?["value"] == 4_200_000)
    }
}
