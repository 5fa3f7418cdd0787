import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

/// `bench seed-claims`: measures what docs/seed-claims.md reports and writes it (see `SeedClaims`).
extension SeedClaimsReport.Format: ExpressibleByArgument {}

struct SeedClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-claims",
        abstract: "Measure the seed's whole document (claims, test evidence, decision table); write the tables.",
        discussion: HelpExamples.after(
            """
            Runs, for the seed's queue at --concurrency producers: closed-loop cells under both acks with the \
            unfixed pipeline as reference (--trials each), open-loop cells at --rate for --duration-s under both \
            acks, --crash-trials crash trials of that open-loop load under both acks, and saturation searches \
            (the queue under each ack, the unfixed pipeline). Then the rest of the seed's document: its test \
            shapes (20 and 10 single writes of the unfixed code, as threads and as tasks, --repetitions times \
            each), every design at --concurrency, writes the database refuses, 1 to 16 runs and 1 to 20 \
            producers, worker processes and crash trials of every design, and with a PostgreSQL server \
            (--database-url or LOGBENCH_DATABASE_URL) the PostgreSQL forms across processes. Writes the claims \
            and the decision table to --output (docs/seed-claims.md in this repository), with --json the same as \
            JSON, and with --results the result document behind them. Takes about 3 minutes here. One SIGINT \
            or SIGTERM stops it between steps: what finished is written (marked incomplete) and it exits 128 + \
            the signal (130 for SIGINT). Exit codes: 0 done · 64 usage error · 69 server unreachable · 70 \
            internal or SQLite failure \
            · 130/143 stopped by a signal.
            """,
            "bench seed-claims --output docs/seed-claims.md --results docs/example/seed-claims.json",
            "bench seed-claims --output claims.txt --format text --concurrency 8 --trials 5"))

    @Option(help: "Where to write the Markdown table (e.g. docs/seed-claims.md).")
    var output: String

    @Option(help: "Format of --output: markdown (the table), text, or json (the verdicts and their figures).")
    var format = SeedClaimsReport.Format.markdown

    @Option(help: "Also write the result document (JSON) here.")
    var results: String?

    @Option(help: "Also write the tables as JSON here (the same content as --format json).")
    var json: String?

    @Flag(help: "Allow --output and --results to replace existing files.")
    var force = false

    @Option(help: "Producers (1…4096).")
    var concurrency = 20

    @Option(help: "Closed loop: entries per producer (1…10000000).")
    var logsPerProducer = 50

    @Option(help: "Closed loop: trials per cell (1…1000).")
    var trials = 3

    @Option(help: "Open loop: entries per second per producer (0.1…1000000).")
    var rate = 50.0

    @Option(help: "Open loop: the send window in seconds (0.05…3600; default 3).")
    var durationS: Double?

    /// Before 0.5.0: `--duration S`. Now `--duration-s S`.
    @Option(help: .hidden)
    var duration: Double?

    @Option(help: "Crash trials per acknowledgement point (1…100).")
    var crashTrials = 3

    @Option(help: "Saturation: seconds per step (0.2…600).")
    var saturationStepS = 1.0

    @Option(help: "Saturation: rising steps at most per search (1…40).")
    var saturationMaxSteps = 10

    @Option(help: "The unfixed code at the seed's test shapes (20 and 10 single writes): repetitions of each (1…1000).")
    var repetitions = 50

    @Option(help: "The database engine: sqlite or postgres.")
    var engine = EngineKind.sqlite

    @Option(
        help: ArgumentHelp(
            "The PostgreSQL server (default: LOGBENCH_DATABASE_URL). With --engine sqlite, a server given here or "
                + "there also measures the PostgreSQL forms across processes (the host-safe column)."))
    var databaseURL: String?

    @Option(help: "Folder for temporary databases.")
    var tmpDir = NSTemporaryDirectory()

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func run() throws {
        let window = try DeprecatedFlag.resolve(old: ("--duration", duration), new: ("--duration-s", durationS)) ?? 3.0
        try ResultCoding.checkWritable(output, flag: "--output", replace: force)
        if let results { try ResultCoding.checkWritable(results, flag: "--results", replace: force) }
        if let json { try ResultCoding.checkWritable(json, flag: "--json", replace: force) }
        try OutputPath.checkDistinct([
            try OutputPath(output, flag: "--output"), try results.map { try OutputPath($0, flag: "--results") },
            try json.map { try OutputPath($0, flag: "--json") },
        ])
        try DatabaseLocation.validateTemporaryFolder(tmpDir)
        var plan = SeedClaimsPlan()
        plan.concurrency = concurrency
        plan.logsPerProducer = logsPerProducer
        plan.trials = trials
        plan.ratePerProducer = rate
        plan.durationS = window
        plan.crashTrials = crashTrials
        plan.saturationStepS = saturationStepS
        plan.saturationMaxSteps = saturationMaxSteps
        plan.temporaryDirectory = tmpDir
        plan.repetitions = repetitions
        plan.engine = engine
        plan.databaseURL = try serverURL()
        try plan.validate()
        let scope = CommandScope.start()
        let session = MeasurementSession(scope: scope, temporaryDirectory: tmpDir)
        try SeedClaims.run(plan, session: session) { line in
            if !quiet { FileHandle.standardError.write(Data("bench seed-claims: \(line)\n".utf8)) }
        }
        // A signal: what finished is written (marked incomplete), then exit 128 + the signal.
        let document = try session.finish()
        if let results { try ResultCoding.write(try ResultCoding.encode(document), to: results, replace: force) }
        var command = "bench seed-claims --output \(output)" + (results.map { " --results \($0)" } ?? "")
        if engine != .sqlite { command += " --engine \(engine.rawValue)" }
        if let json { command += " --json \(json)" }
        if format != .markdown { command += " --format \(format.rawValue)" }
        if let data = try SeedClaimsReport.render(document, format: format, command: command) {
            try ResultCoding.write(data, to: output, replace: force)
            if let json, let tables = try SeedClaimsReport.render(document, format: .json, command: command) {
                try ResultCoding.write(tables, to: json, replace: force)
            }
            if !quiet { FileHandle.standardError.write(Data("bench: wrote \(output)\n".utf8)) }
        } else if session.stopSignal == nil {
            throw UsageError("the measurement produced no seed-claims cells")
        }
        try CommandScope.exitIfStopped(scope)
    }

    /// PostgreSQL: the server, reached once before anything runs (exit 69 when it cannot be). SQLite:
    /// a server if one is named, for the host-safe column; none otherwise.
    private func serverURL() throws -> String? {
        var request = PlanRequest()
        request.engine = .postgres
        request.databaseURL = databaseURL
        if engine == .sqlite {
            let named = databaseURL ?? ProcessInfo.processInfo.environment["LOGBENCH_DATABASE_URL"]
            guard let named, !named.isEmpty else { return nil }
            request.databaseURL = named
        }
        return try request.resolvedDatabaseURL()
    }
}
