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

    @Option(
        help: """
            Message text: realistic (quotes, backslashes, paths, a tab or newline now and then, 2- and 3-byte \
            UTF-8, so the JSON encoder escapes) or plain ([A-Za-z0-9 ], its best case).
            """)
    var messageText = MessageText.realistic

    @Option(help: "Entries each producer appends before the measured phase (not counted; 0…1000000).")
    var warmup = 5

    @Option(help: "SQLite busy timeout in milliseconds (0…3600000).")
    var busyTimeoutMs = 5000

    @Option(
        help: """
            How a SQLite connection waits for the write lock: fixed (retry every 1 ms, as Rails 8 does) or \
            backoff (sqlite3_busy_timeout's sleeps of 1, 2, 5 … 100 ms).
            """)
    var busyHandler = BusyHandler.fixed

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

    @Option(
        help: ArgumentHelp(
            """
            Measure an implementation outside LogBench: a command speaking the adapter protocol \
            (docs/adapters.md), quoted as one argument. Repeatable.
            """, valueName: "command"))
    var adapter: [String] = []

    @Option(
        help: ArgumentHelp(
            "Take overhead against this adapter (e.g. your unfixed code) instead of the built-in none.",
            valueName: "command"))
    var referenceAdapter: String?

    @Option(
        help: ArgumentHelp(
            """
            Take overhead against this built-in design, one producer per run, instead of none (the \
            measured design itself: what its coordination costs at --concurrency).
            """, valueName: "strategy"))
    var reference: String?

    @Option(help: "Longest an adapter may take to answer one request, in milliseconds (100…3600000).")
    var adapterTimeoutMs = 10_000

    /// These flags' part of the request; `PlanRequest.makePlan()` checks them with the rest.
    func apply(to request: inout PlanRequest) {
        request.messageBytes = messageBytes
        request.messageText = messageText
        request.warmup = warmup
        request.busyTimeoutMs = busyTimeoutMs
        request.busyHandler = busyHandler
        request.seed = seed
        request.budgetMs = budgetMs
        request.temporaryDirectory = tmpDir
        request.allowFailed = allowFailed
        request.codec = codec
        request.engine = engine
        request.databaseURL = databaseURL
        request.adapters = adapter
        request.referenceAdapter = referenceAdapter
        request.reference = reference
        request.adapterTimeoutMs = adapterTimeoutMs
    }
}

/// One workload: the entry flags plus its shape, for commands that run a single configuration.
struct WorkloadOptions: ParsableArguments {
    @Option(
        help: """
            Producer threads (1…4096; default 20). Repeatable, and each value may be a comma list \
            (1,2,4) where the command sweeps levels (check, baseline save); one value for run.
            """)
    var concurrency: [LevelList] = []

    @Option(
        help: """
            Entries each producer appends in the measured phase (1…10000000; concurrency × (this + warm-up) \
            at most 10000000 per cell). Open loop: the entries each producer sends to one run (see --rate).
            """)
    var logsPerProducer: Int?

    @Option(help: "Runs the producers are spread over (round-robin; 1…concurrency).")
    var runs = 1

    @Option(
        help: ArgumentHelp(
            "Closed loop: runs each producer writes one after another a round, --logs-per-producer entries each, "
                + "moving on without waiting for the others, so a round's tail is paid once per N runs (1…64; "
                + "--runs × N at most 64). Default with --rounds auto for PostgreSQL's log-table (producers that "
                + "meet nothing per run, on a server that commits concurrently): about 500 entries per producer a "
                + "round (10 at 50 logs/producer); else 1.", valueName: "N"))
    var runsInTurn: Int?

    @Option(
        help: ArgumentHelp(
            "Repeat the measured phase, each round into fresh runs, so every run's log keeps its size (1…1000), "
                + "or auto: at least --min-measured-ms, then until the throughput is known to ±2.5 %, at most "
                + "three times that. Default: auto for run without --logs-per-producer, else 1."))
    var rounds: PlanRequest.Rounds?

    @Option(
        help: "With --rounds auto: the least measured time (1…3600000; default 1000); rounds stop by three times it.")
    var minMeasuredMs: Int?

    @Option(help: "PRAGMA synchronous: off, normal or full (always set explicitly).")
    var synchronous = SynchronousMode.normal

    @Option(help: "Busy-wait this many µs inside each log's critical section (0…1000000). Exists to validate the gate.")
    var injectDelayUs = 0

    @OptionGroup var entry: EntryOptions
    @OptionGroup var load: LoadOptions

    var budgetMs: Double { entry.budgetMs }
    var tmpDir: String { entry.tmpDir }

    static let defaultConcurrency = 20
    static let defaultLogsPerProducer = 50

    /// The request for this workload at every level asked for (20 when none); the command adds its
    /// strategies, trials and mode.
    /// - Parameter autoRounds: the command measures in rounds until enough time was measured when
    ///   neither --rounds nor --logs-per-producer says otherwise (`run`).
    func makeRequest(autoRounds: Bool = false) throws -> PlanRequest {
        var request = PlanRequest()
        let levels = try LevelList.flatten(concurrency)
        request.concurrency = levels.isEmpty ? [Self.defaultConcurrency] : levels
        request.logsPerProducer = logsPerProducer ?? Self.defaultLogsPerProducer
        request.rounds = rounds
        request.minMeasuredMs = minMeasuredMs
        request.autoRoundsByDefault = autoRounds && logsPerProducer == nil
        request.runs = runs
        request.runsInTurn = runsInTurn
        request.synchronous = [synchronous]
        request.injectDelayUs = injectDelayUs
        request.load = try load.profile()
        entry.apply(to: &request)
        return request
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

/// The flags of `GateCellOptions` and `WorkloadOptions` that only say how to measure. `check
/// --current` and `baseline save --from` read a document instead, and would ignore them silently.
enum MeasuringFlags {
    static let names: Set<String> = [
        "--strategy", "--trials", "--inject-strategy", "--concurrency", "--logs-per-producer", "--runs",
        "--runs-in-turn", "--rounds", "--min-measured-ms", "--synchronous", "--inject-delay-us", "--message-bytes",
        "--message-text", "--warmup",
        "--busy-timeout-ms", "--busy-handler", "--seed", "--tmp-dir", "--allow-failed", "--codec", "--engine",
        "--database-url", "--adapter", "--reference-adapter", "--reference", "--adapter-timeout-ms", "--ack", "--rate",
        "--duration-s", "--max-pending", "--drain-limit-s",
    ]

    /// Refuses any of them on this command line, naming `source` (the flag that reads a document).
    static func refuse(alongside source: String, extra: Set<String> = []) throws {
        let given = CommandLine.arguments.dropFirst().prefix { $0 != "--" }
            .map { String($0.split(separator: "=", maxSplits: 1).first ?? "") }
            .filter { names.union(extra).contains($0) }.uniqued()
        guard !given.isEmpty else { return }
        throw UsageError(
            "\(given.joined(separator: ", ")) measure\(given.count == 1 ? "s" : ""): with \(source) nothing is measured "
                + "(the document is read as it is)")
    }
}

/// Writes a command's text to standard output; a refused write is exit 74 (the text kept in a file).
func writeOut(_ text: String) throws { try ResultCoding.writeStandardOutput(Data(text.utf8)) }

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
            try ResultCoding.writeStandardOutput(data)
        }
    }
}

extension MessageText: ExpressibleByArgument {}
extension BusyHandler: ExpressibleByArgument {}

extension PlanRequest.Rounds: ExpressibleByArgument {
    public init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let count = Int(argument) {
            self = .count(count)
        } else {
            return nil
        }
    }
}
