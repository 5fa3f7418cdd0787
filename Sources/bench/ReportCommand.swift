import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, csv, json
    case githubActionBenchmark = "github-action-benchmark"
    case githubActionBenchmarkThroughput = "github-action-benchmark-throughput"
    case bmf
    case seedClaims = "seed-claims"
    case seedDecision = "seed-decision"
    case recommend
}

extension ReviewSort: ExpressibleByArgument {}

/// `bench report RESULTS.json [MORE.json …]`: the architecture-review table, charts and dashboard
/// exports; several documents (say SQLite's and PostgreSQL's) share one table, side by side.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a result document as a review table, an HTML page with charts, or dashboard exports.",
        discussion: HelpExamples.block(
            "bench report matrix.json",
            "bench report matrix.json pg.json --format recommend",
            "bench report matrix.json --html report.html --svg-dir charts"))

    @Argument(
        help: """
            Result documents written by `bench matrix` or `bench run --format json`; several (e.g. one per \
            engine) go into one review table, rows labelled with their engine.
            """)
    var results: [String]

    @Option(
        help: """
            text, markdown, csv, json (the review table), github-action-benchmark (latency, smaller is better), \
            github-action-benchmark-throughput (bigger is better) or bmf (exports), or seed-claims (the seed's \
            claims beside a `bench seed-claims` document's measurements), seed-decision (its decision table \
            alone; one per document, e.g. SQLite's and PostgreSQL's), or recommend (per engine and \
            concurrency: the designs that lost nothing within the budget, fastest first; several documents \
            make one table per engine).
            """)
    var format = ReportFormat.text

    @Option(help: "Row order: registry, loss, overhead, throughput or memory.")
    var sort = ReviewSort.registry

    @Option(help: "Write the output to this file instead of standard output.")
    var output: String?

    @Option(help: "Also write a self-contained HTML page with the table and charts.")
    var html: String?

    @Option(help: "Also write the charts as standalone SVG files into this folder (created if missing).")
    var svgDir: String?

    @Flag(help: "Allow --output, --html and the SVG files to replace existing files (never replaced otherwise).")
    var force = false

    func run() throws {
        if let svgDir {
            guard svgDir != "-" else { throw UsageError("--svg-dir takes a folder; standard output takes one output") }
            let folder = try OutputPath(svgDir.hasSuffix("/") ? String(svgDir.dropLast()) : svgDir, flag: "--svg-dir")
            for (flag, path) in [("--output", output), ("--html", html)] {
                guard let path, path != "-", try OutputPath(path, flag: flag).identity == folder.identity else {
                    continue
                }
                throw UsageError("--svg-dir and \(flag) name the same path \(path); give each its own")
            }
        }
        if html == "-" && (output == nil || output == "-") {
            throw UsageError("--html - and the report itself would both go to standard output; give --output a file")
        }
        if let output { try ResultCoding.checkWritable(output, flag: "--output", replace: force) }
        if let html { try ResultCoding.checkWritable(html, flag: "--html", replace: force) }
        try OutputPath.checkDistinct([
            try output.map { try OutputPath($0, flag: "--output") },
            try html.map { try OutputPath($0, flag: "--html") },
        ])
        guard !results.isEmpty else { throw UsageError("report: name a result document") }
        if results.count > 1
            && (html != nil || svgDir != nil
                || ![.text, .markdown, .csv, .json, .recommend, .seedDecision].contains(format))
        {
            throw UsageError(
                "several documents make one review table (text, markdown, csv, json); charts and exports take one")
        }
        let documents = try results.map { try DocumentLoader.loadResult($0) }
        // An interrupted run may have finished only its reference: an empty table at "c=0" says nothing.
        if documents.allSatisfy({ $0.measuredCells.isEmpty }) {
            throw BaselineError(
                file: results.joined(separator: ", "),
                "no measured cell (the run was interrupted before its first design finished): nothing to report")
        }
        if let overlap = ReviewTable.overlap(documents) {
            throw UsageError(
                "\(results[overlap.first]) and \(results[overlap.second]) both hold \(overlap.design); a review table "
                    + "takes each design from one document (bench merge joins trials of one machine, bench compare "
                    + "sets two runs side by side)")
        }
        let document = documents[0]
        let table = ReviewTable(documents: documents, sort: sort)
        let charts = ReportCharts.all(document)
        if let svgDir { try checkSVGFolder(svgDir, charts: charts) }

        let data: Data
        switch format {
        case .text: data = Data(TextReport.render(table).utf8)
        case .markdown: data = Data(MarkdownReport.render(table).utf8)
        case .csv: data = Data(CSVReport.render(table).utf8)
        case .json: data = try JSONReport.render(table)
        case .githubActionBenchmark: data = try GitHubActionBenchmarkExport.render(document)
        case .githubActionBenchmarkThroughput: data = try GitHubActionBenchmarkExport.renderThroughput(document)
        case .bmf: data = try BencherMetricExport.render(document)
        case .recommend: data = Data(RecommendationReport.render(documents, sources: results).utf8)
        case .seedClaims:
            guard
                let text = SeedClaimsReport.markdown(
                    document, command: "bench report \(results.joined(separator: " ")) --format seed-claims")
            else {
                throw UsageError(
                    "\(results.joined(separator: ", ")) has no seed-claims cells: write one with `bench seed-claims --results`"
                )
            }
            data = Data(text.utf8)
        case .seedDecision:
            guard documents.allSatisfy({ DecisionTable.rows($0) != nil }) else {
                throw UsageError("\(results) has no decision table: write one with `bench seed-claims --results`")
            }
            data = Data(DecisionTableReport.readmeBlock(documents, sources: results).utf8)
        }
        if let html {
            try ResultCoding.write(
                Data(HTMLReport.render(document, table: table).utf8), to: html, replace: force, flag: "--html")
        }
        if let svgDir {
            for chart in charts {
                try ResultCoding.write(
                    Data(chart.svg(standalone: true).utf8), to: "\(svgDir)/\(chart.id).svg", replace: force,
                    flag: "--svg-dir")
            }
        }
        if let output {
            try ResultCoding.write(data, to: output, replace: force, flag: "--output")
        } else {
            try ResultCoding.writeStandardOutput(data)
        }
    }

    private func checkSVGFolder(_ folder: String, charts: [LineChart]) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw UsageError("--svg-dir \(folder) is a file, not a folder") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw UsageError("--svg-dir \(folder): cannot create it (\(error.localizedDescription))")
            }
        }
        for chart in charts {
            try ResultCoding.checkWritable("\(folder)/\(chart.id).svg", flag: "--svg-dir", replace: force)
        }
    }
}
