import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// Entry and database flags shared by every command that runs cells (`run`, `check`, `matrix`, …).
struct EntryOptions: ParsableArguments {
    @Option(help: "Bytes of message text per entry (1…1048576; at most 256 MiB of messages per cell).")
    var messageBytes = 64

    @Option(help: "Entries each producer appends before the measured phase (not counted; 0…1000000).")
    var warmup = 5

    @Option(help: "SQLite busy timeout in milliseconds (0…3600000).")
    var busyTimeoutMs = 5000

    @Option(help: "Seed for message contents (any unsigned 64-bit number).")
    var seed: UInt64 = 1

    @Option(help: "Per-log overhead budget in milliseconds (the seed's claim: ~1 ms; more than 0, at most 60000).")
    var budgetMs = 1.0

    @Option(help: "Folder for temporary databases.")
    var tmpDir = NSTemporaryDirectory()

    @Flag(help: "Report failed writes (the strategy threw) without judging them as data loss (exit 3).")
    var allowFailed = false

    @Option(
        help: """
            JSON codec of the read-modify-write: fast (simdjson) or foundation (Swift Codable, what a plain \
            Swift app would write)
            """)
    var codec = CodecKind.fast

    @Option(help: "Database engine: sqlite (a file per cell) or postgres (a fresh schema per cell on the server).")
    var engine = EngineKind.sqlite

    @Option(
        help: """
            PostgreSQL server for --engine postgres: postgresql://… or key=value (libpq). \
            Default: $LOGBENCH_DATABASE_URL.
            """)
    var databaseURL: String?

    /// Checks what does not need a workload; `Workload.validate()` checks the rest.
    func check() throws {
        guard budgetMs > 0, budgetMs <= 60_000 else { throw UsageError("--budget-ms must be in (0, 60000]") }
        try DatabaseLocation.validateTemporaryFolder(tmpDir)
    }
}

/// One workload: the entry flags plus its shape, for commands that run a single configuration.
struct WorkloadOptions: ParsableArguments {
    @Option(help: "Producer threads (1…4096).")
    var concurrency = 20

    @Option(
        help: """
            Entries each producer appends in the measured phase (1…10000000; concurrency × (this + warm-up) \
            at most 10000000 per cell).
            """)
    var logsPerProducer = 50

    @Option(help: "Runs the producers are spread over (round-robin; 1…concurrency).")
    var runs = 1

    @Option(help: "PRAGMA synchronous: off, normal or full (always set explicitly).")
    var synchronous = SynchronousMode.normal

    @Option(help: "Busy-wait this many µs inside each log's critical section (0…1000000). Exists to validate the gate.")
    var injectDelayUs = 0

    @OptionGroup var entry: EntryOptions
    @OptionGroup var load: LoadOptions

    var budgetMs: Double { entry.budgetMs }
    var tmpDir: String { entry.tmpDir }

    func makeWorkload() throws -> Workload {
        try entry.check()
        var workload = Workload(
            concurrency: concurrency, logsPerProducer: logsPerProducer, runs: runs, messageBytes: entry.messageBytes,
            warmupLogsPerProducer: entry.warmup, synchronous: synchronous, busyTimeoutMs: entry.busyTimeoutMs,
            seed: entry.seed, injectDelayUs: injectDelayUs, codec: entry.codec, engine: entry.engine)
        try load.apply(to: &workload)
        try workload.validate()
        return workload
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

/// Where and how results are written.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text, json or markdown.")
    var format = OutputFormat.text

    @Option(help: "Write the output to this file instead of standard output (must not exist unless --force).")
    var output: String?

    @Flag(
        help:
            "Allow --output to replace an existing file (without it, a file that appears meanwhile is never replaced).")
    var force = false

    /// Checked before anything runs, so a bad path costs no measuring time.
    func checkWritable() throws {
        if let output { try ResultCoding.checkWritable(output, flag: "--output", replace: force) }
    }

    func emit(_ document: ResultDocument) throws {
        let data: Data
        switch format {
        case .json: data = try ResultCoding.encode(document)
        case .text: data = Data(TextSummary.render(document).utf8)
        case .markdown: data = Data(MarkdownSummary.render(document).utf8)
        }
        if let output {
            try ResultCoding.write(data, to: output, replace: force, flag: "--output")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
