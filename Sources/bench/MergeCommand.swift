import ArgumentParser
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench merge`: one result document from several (one trial each, from alternating invocations).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge result documents into one; each input's trials follow the previous'.",
        discussion: HelpExamples.block(
            "bench merge round1.json round2.json --output merged.json",
            "bench merge base-*.json --output base.json --force"))

    @Option(help: "Where to write the merged document (must not exist unless --force).")
    var output: String

    @Flag(help: "Allow --output to replace an existing file.")
    var force = false

    @Argument(help: "Result documents, in trial order.")
    var inputs: [String]

    func run() throws {
        try ResultCoding.checkWritable(output, flag: "--output", replace: force)
        let documents = try inputs.map { try DocumentLoader.loadResult($0) }
        let merged = try ResultMerging.merge(documents)
        try ResultCoding.write(ResultCoding.encode(merged), to: output, replace: force, flag: "--output")
        // Cells counted as `matrix` counts them (every trial and reference), then the configurations.
        try writeOut(
            "merged \(documents.count) documents into \(output): \(merged.cells.count) cells "
                + "(\(merged.summaries?.count ?? 0) configurations, with their trials and references)\n")
    }
}
