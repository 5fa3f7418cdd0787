import Foundation
import Testing

@testable import LogBench

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
