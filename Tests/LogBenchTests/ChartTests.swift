import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Counts elements and checks well-formedness with Foundation's XML parser.
private final class SVGInspector: NSObject, XMLParserDelegate {
    var seriesNames: [String] = []
    var rootName: String?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if rootName == nil { rootName = elementName }
        if elementName == "g", attributes["class"] == "series", let name = attributes["data-series"] {
            seriesNames.append(name)
        }
    }

    static func inspect(_ svg: String) -> (wellFormed: Bool, inspector: SVGInspector) {
        let parser = XMLParser(data: Data(svg.utf8))
        let inspector = SVGInspector()
        parser.delegate = inspector
        return (parser.parse(), inspector)
    }
}

@Suite struct ChartTests {
    @Test func everyChartIsWellFormedWithOneSeriesPerStrategy() throws {
        let charts = ReportCharts.all(try Fixtures.smallMatrix())
        #expect(charts.map(\.id) == ["throughput", "latency-p50", "latency-p99", "growth"])
        for chart in charts {
            let (wellFormed, inspector) = SVGInspector.inspect(chart.svg(standalone: true))
            #expect(wellFormed, "\(chart.id) is not well-formed XML")
            #expect(inspector.rootName == "svg")
            #expect(inspector.seriesNames == [Names.none, Names.queue, Names.logTable], "\(chart.id)")
        }
    }

    @Test func htmlIsSelfContained() throws {
        let document = try Fixtures.smallMatrix()
        let html = HTMLReport.render(document, table: ReviewTable(document: document))
        #expect(html.contains("<svg"))
        for forbidden in ["<script", "http://", "https://", "@import", "url("] {
            // The SVG namespace is an identifier, not a fetch.
            let text = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
            #expect(!text.contains(forbidden), "found \(forbidden)")
        }
    }

    @Test func logAxisTicksAreRoundNumbers() {
        let axis = Axis(scale: .log, range: (16_000, 90_000_000), from: 0, to: 100)
        #expect(axis.ticks() == [10_000, 100_000, 1_000_000, 10_000_000, 100_000_000])
        let narrow = Axis(scale: .log, range: (150, 900), from: 0, to: 100)
        #expect(narrow.ticks() == [100, 200, 500, 1_000])
    }
}

/// Uncertainty where people look: with several trials every point carries its 95% CI as an error
/// bar, and tooltips say the units, the interval and n.
@Suite struct ChartErrorBarTests {
    @Test func trialsBecomeErrorBarsAndTooltipsCarryUnits() throws {
        let document = try GateFixtures.resultDocument(levels: [1, 2], latencyUs: [100, 130, 90, 110])
        let charts = ReportCharts.all(document)
        let throughput = try #require(charts.first { $0.id == "throughput" }).svg()
        #expect(throughput.contains("class=\"error-bar\""))
        #expect(throughput.contains("logs/s [95% CI"))
        #expect(throughput.contains("n=4 trials"))
        let p50 = try #require(charts.first { $0.id == "latency-p50" }).svg()
        #expect(p50.components(separatedBy: "class=\"error-bar\"").count - 1 == 2)
        // One trial: no bar, and the tooltip says so.
        let single = try GateFixtures.resultDocument(levels: [1], latencyUs: [100])
        let lone = try #require(ReportCharts.all(single).first { $0.id == "throughput" }).svg()
        #expect(!lone.contains("error-bar") && lone.contains("1 trial"))
    }
}
