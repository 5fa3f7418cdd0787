import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports

/// Every way a document from outside is read: the loaders, then every renderer on whatever
/// loaded (review table in each sort and format, HTML, SVG charts, exports, run summaries,
/// merging, baseline text, comparison and gate rendering against reference measurements).
/// Errors are the expected outcome for bad input; a crash or a hang is a bug. The fuzz target
/// (`Fuzz/Documents`) and `HostileDocumentTests` call this.
public enum DocumentExercise {
    public static func run(_ data: Data, references: [MeasurementSet] = []) {
        let path = "input.json"
        if let document = try? DocumentLoader.loadResult(data: data, path: path) {
            render(document)
        }
        if let baseline = try? BaselineStore.loadBaseline(data: data, path: path) {
            _ = BaselineSummaryText.render(baseline, path: path)
        }
        if let set = try? BaselineStore.loadMeasurements(data: data, path: path) {
            for other in [set] + references {
                for (old, new) in [(other, set), (set, other)] {
                    let rules = GateRules()
                    let comparison = Comparison.compare(baseline: old, current: new, rules: rules)
                    let report = GateJudge.judge(
                        current: new, baseline: old, retry: new, baselineRetry: old, rules: rules)
                    for format in ComparisonRendering.Format.allCases {
                        _ = ComparisonRendering.render(comparison, format: format)
                        _ = ComparisonRendering.render(report, format: format)
                    }
                }
            }
        }
    }

    static func render(_ document: ResultDocument) {
        for sort in ReviewSort.allCases {
            let table = ReviewTable(document: document, sort: sort)
            _ = TextReport.render(table)
            _ = MarkdownReport.render(table)
            _ = CSVReport.render(table)
            // A loaded document's figures are finite: its JSON always encodes (no inf, no NaN).
            guard (try? JSONReport.render(table)) != nil else { fatalError("JSON report failed to encode") }
        }
        _ = HTMLReport.render(document, table: ReviewTable(document: document))
        for chart in ReportCharts.all(document) { _ = chart.svg(standalone: true) }
        guard (try? GitHubActionBenchmarkExport.render(document)) != nil,
            (try? BencherMetricExport.render(document)) != nil
        else { fatalError("an export failed to encode") }
        for format in SeedClaimsReport.Format.allCases {
            _ = try? SeedClaimsReport.render(document, format: format, command: "exercise")
        }
        _ = SeedClaimsReport.htmlSection(document)
        _ = SaturationText.render(document.saturation ?? [])
        _ = Verdicts.exitStatus(document, reading: .measurement)
        _ = Verdicts.exitStatus(document, reading: .sweep)
        _ = TextSummary.render(document)
        _ = MarkdownSummary.render(document)
        if let merged = try? ResultMerging.merge([document, document]) { _ = TextSummary.render(merged) }
        let baseline = BaselineDocument(name: "exercise", createdAt: "", from: document)
        if (try? baseline.validate(file: "exercise")) != nil {
            _ = BaselineSummaryText.render(baseline, path: "exercise")
        }
    }
}
