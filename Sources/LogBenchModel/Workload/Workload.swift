import LogBenchStatistics

/// What one cell appends: how many producers, how many entries each, into how many runs.
public struct Workload: Sendable, Hashable {
    public var concurrency: Int
    public var logsPerProducer: Int
    public var runs: Int
    public var messageBytes: Int
    public var warmupLogsPerProducer: Int
    public var synchronous: SynchronousMode
    public var busyTimeoutMs: Int
    /// How SQLite connections wait for the write lock. SQLite documents written before it existed
    /// were measured with `sqlite3_busy_timeout`, so decoding one without the field gives `.backoff`.
    public var busyHandler = BusyHandler.fixed
    public var seed: UInt64
    /// Busy-wait inside each log's critical section; exists only to validate the regression gate.
    public var injectDelayUs: Int
    /// The JSON codec of the read-modify-write. Documents written before it existed were measured
    /// with Foundation's, so decoding one without the field gives `.foundation`.
    public var codec: CodecKind
    /// The only strategy the delay applies to; nil: every strategy under test (never the `none`
    /// reference). Absent from documents that do not use it.
    public var injectStrategy: String?
    /// The database the cell writes to. Absent in documents written before engines existed
    /// (SQLite), and left out when encoding SQLite, so those documents keep their shape.
    public var engine: EngineKind = .sqlite
    /// Acknowledgement point, closed or open loop, queue bound (`LoadProfile`). Absent in JSON when
    /// it is the default (closed loop, durable), so older documents and baselines read the same.
    public var load = LoadProfile()
    /// Entries each measured run already holds before the producers start (the growth cells of a
    /// sweep: what one append costs once the log has this many entries). Nil: none.
    public var prefillEntries: Int?
    /// What the messages look like. Documents written before it existed used the plain alphabet, so
    /// decoding one without the field gives `.plain`.
    public var messageText: MessageText = .realistic
    /// Every producer's entry with this sequence number (in the measured runs) is refused by the
    /// database itself, as a violated constraint would refuse it: seed-claims' error-handling cells
    /// see whether that error reaches the caller. Nil: nothing is refused (absent in JSON).
    public var rejectedSeq: Int?
    /// Closed loop: the measured phase is repeated this many times, each round into fresh runs (run
    /// ids shift by `runs` a round), so that a window long enough to repeat keeps the seed's shape:
    /// every run's log still holds concurrency × logs per producer / runs entries. With
    /// `minMeasuredMs` it is a ceiling (absent from JSON when 1).
    public var rounds = 1
    /// `--rounds auto`: rounds go on until at least this much time was measured and the throughput
    /// is known to ±2.5 %, or three times this was measured, or `rounds` ran (`AutoRounds`).
    public var minMeasuredMs: Int?
    /// Each producer moves on to a fresh run after this many entries, so that a run's log keeps the
    /// seed's shape (concurrency × this / runs entries) however long the window (open loop) or the
    /// round (closed loop, `--runs-in-turn`); nil: one run for the whole phase (documents written
    /// before it, and a closed loop writing one run a round).
    public var logsPerRun: Int?
    /// The round being driven (0-based), set by the pipeline for each; never part of a document.
    public var round = 0
    /// The messages of this workload, as producers send them and the audit expects them.
    public var messages: MessageGenerator { MessageGenerator(seed: seed, length: messageBytes, text: messageText) }

    public init(
        concurrency: Int, logsPerProducer: Int = 50, runs: Int = 1, messageBytes: Int = 64,
        warmupLogsPerProducer: Int = 5, synchronous: SynchronousMode = .normal, busyTimeoutMs: Int = 5000,
        seed: UInt64 = 1, injectDelayUs: Int = 0, codec: CodecKind = .fast, engine: EngineKind = .sqlite
    ) {
        self.concurrency = concurrency
        self.logsPerProducer = logsPerProducer
        self.runs = runs
        self.messageBytes = messageBytes
        self.warmupLogsPerProducer = warmupLogsPerProducer
        self.synchronous = synchronous
        self.busyTimeoutMs = busyTimeoutMs
        self.seed = seed
        self.injectDelayUs = injectDelayUs
        self.codec = codec
        self.engine = engine
    }

    /// Entries of one round of the measured phase; saturates rather than trapping on a document's absurd values.
    public var expectedEntries: Int { Saturating.multiply(concurrency, logsPerProducer) }

    /// The delay to busy-wait inside each of `strategy`'s critical sections.
    public func injectedDelayNs(for strategy: String) -> UInt64 {
        guard injectStrategy == nil || injectStrategy == strategy else { return 0 }
        return UInt64(injectDelayUs) * 1000
    }

    /// How many runs each producer's entries are spread over in turn (`logsPerRun`); 1 without it.
    public var segments: Int {
        guard let logsPerRun, logsPerRun > 0, logsPerProducer > 0 else { return 1 }
        // Division first: a document's absurd counts must not overflow before validation refuses them.
        return logsPerProducer / logsPerRun + (logsPerProducer % logsPerRun == 0 ? 0 : 1)
    }
    /// Runs one round writes: `runs` at a time, once per segment.
    public var runsPerRound: Int { Saturating.multiply(runs, segments) }

    /// The run producer `producer`'s entry `seq` goes to: round `r`'s runs are `r × runsPerRound + 1 …`,
    /// producers spread over `runs` of them round-robin, and every `logsPerRun` entries the next `runs`.
    public func run(ofProducer producer: Int, seq: Int) -> Int {
        let segment = logsPerRun.map { seq / max($0, 1) } ?? 0
        return round * runsPerRound + segment * runs + producer % runs + 1
    }

    /// Warm-up entries go to scratch runs that are deleted before the measured phase.
    public func warmupRun(ofProducer producer: Int) -> Int {
        Self.warmupRunOffset + run(ofProducer: producer, seq: 0)
    }
    package static let warmupRunOffset = 1_000_000

    /// The current round's runs (`round` 0: 1...runsPerRound).
    public var measuredRunIDs: [Int] { Array((round * runsPerRound + 1)...((round + 1) * runsPerRound)) }
    /// Every round's runs: what the database is created with.
    public var allRoundsRunIDs: [Int] { Array(1...(max(rounds, 1) * runsPerRound)) }
    /// Rounds are measured until this many nanoseconds, or all `rounds` of them.
    public var minMeasuredNs: UInt64? { minMeasuredMs.map { UInt64($0) * 1_000_000 } }
    /// `--rounds auto`'s ceiling lowered to what the cell's bounds allow, so that asking for auto
    /// with long rounds measures fewer of them instead of being refused for a count nobody wrote.
    public mutating func fitAutoRoundsToBounds() {
        guard minMeasuredMs != nil else { return }
        let perRound = max(1, Saturating.multiply(concurrency, logsPerProducer + warmupLogsPerProducer))
        let byBytes = Self.maxMessageBytesPerCell / max(1, Saturating.multiply(perRound, messageBytes))
        let byRuns = Self.maxRunsPerCell / max(1, runsPerRound)
        rounds = max(1, min(rounds, Self.maxEntriesPerCell / perRound, byBytes, byRuns))
    }
    /// The same workload driving another round.
    public func inRound(_ round: Int) -> Workload {
        var copy = self
        copy.round = round
        return copy
    }
    /// The warm-up's runs: one per measured run of the first segment.
    public var warmupRunIDs: [Int] { measuredRunIDs.prefix(runs).map { Self.warmupRunOffset + $0 } }

    /// Open loop: each producer sends what `load`'s schedule holds (rate × window), moving on to a fresh
    /// run every `logsPerRun` entries (the closed loop's logs per producer), so that the arrays keep
    /// the seed's size whatever the window. A round writes at most `maxRunsPerRound` runs (or `runs`):
    /// beyond that the runs get longer rather than more numerous, since per-run designs keep a
    /// consumer thread and connection per run.
    public mutating func scheduleOpenLoop(_ load: LoadProfile, logsPerRun: Int) {
        self.load = load
        guard let rate = load.ratePerSec, let duration = load.durationS else { return }
        logsPerProducer = LoadProfile.scheduledEntries(ratePerSec: rate, durationS: duration)
        let wanted = (logsPerProducer + max(logsPerRun, 1) - 1) / max(logsPerRun, 1)
        let allowed = max(1, Self.maxRunsPerRound / max(runs, 1))
        self.logsPerRun = wanted <= allowed ? max(logsPerRun, 1) : (logsPerProducer + allowed - 1) / allowed
    }
    /// Runs one round writes in turn, at most (or `runs`, when that is more): per-run designs keep a
    /// consumer thread and connection per run of the round.
    public static let maxRunsPerRound = 64

    /// Bounds of one cell, stated in the options' help: each value, and the work of the whole cell,
    /// so that no combination can exhaust memory or run for days (`WorkloadBounds`).
    public static let maxConcurrency = 4096
    public static let maxLogsPerProducer = 10_000_000
    public static let maxWarmup = 1_000_000
    public static let maxMessageBytes = 1_048_576
    public static let maxBusyTimeoutMs = 3_600_000
    public static let maxInjectDelayUs = 1_000_000
    /// Entries per cell, warm-up included: concurrency × (logs per producer + warm-up).
    public static let maxEntriesPerCell = 10_000_000
    /// Message text per cell: entries × message bytes (a JSON-column run holds its whole log in memory).
    public static let maxMessageBytesPerCell = 256 << 20

    /// Entries one cell appends, warm-up and every round included (within the bounds above this
    /// cannot overflow).
    public var totalEntries: Int {
        Saturating.multiply(max(rounds, 1), Saturating.multiply(concurrency, logsPerProducer + warmupLogsPerProducer))
    }
    public static let maxRounds = 1000
    /// `--rounds auto` (`minMeasuredMs`): the throughput's 95 % interval it aims for, relative, and
    /// the multiple of the minimum at which it stops anyway.
    public static let autoRoundsPrecision = 0.025
    public static let autoRoundsCeilingFactor = 3
    public static let maxRunsPerCell = 100_000
    public static let maxMinMeasuredMs = 3_600_000

    /// Log sizes a growth cell may start from (`--growth`).
    public static let maxPrefillEntries = 1_000_000
    /// The producer id of pre-filled entries: no producer of a cell has it (at most 4096 producers).
    public static let prefillProducer = 9_999

    /// The entries a run is pre-filled with, as the audit expects to find them.
    public func prefill(run: Int) -> [LogEntry] {
        let messages = self.messages
        return (0..<(prefillEntries ?? 0)).map { seq in
            LogEntry(
                producer: Self.prefillProducer, seq: seq, level: LogLevel.forSequence(seq), ts: Int64(seq),
                message: messages.message(run: run, producer: Self.prefillProducer, seq: seq))
        }
    }

    /// Checks the bounds the command line documents; the message names the flag.
    public func validate() throws(UsageError) { try validate(naming: .flags) }

    /// How messages name a value: by its command-line flag, or by its field in a document.
    public enum Naming: Sendable { case flags, fields }

    public func validate(naming: Naming) throws(UsageError) {
        func name(_ flag: String, _ field: String) -> String {
            guard naming == .flags else { return field }
            // Open loop: the entries per producer are what --rate × --duration-s schedule.
            if flag == "logs-per-producer" && load.isOpenLoop { return "--rate × --duration-s" }
            if (flag == "logs-per-producer" || flag == "runs") && !load.isOpenLoop && segments > 1 {
                return "--\(flag) × --runs-in-turn"
            }
            return "--\(flag)"
        }
        func within(_ value: Int, _ range: ClosedRange<Int>, _ flag: String, _ field: String) throws(UsageError) {
            guard range.contains(value) else {
                throw UsageError(
                    "\(name(flag, field)) must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
            }
        }
        try within(concurrency, 1...Self.maxConcurrency, "concurrency", "concurrency")
        try within(logsPerProducer, 1...Self.maxLogsPerProducer, "logs-per-producer", "logsPerProducer")
        try within(runs, 1...Self.maxConcurrency, "runs", "runs")
        guard runs <= concurrency else {
            throw UsageError(
                "\(name("runs", "runs")) (\(runs)) cannot exceed \(name("concurrency", "concurrency")) "
                    + "(\(concurrency)): every run needs a producer")
        }
        try within(messageBytes, 1...Self.maxMessageBytes, "message-bytes", "messageBytes")
        try within(warmupLogsPerProducer, 0...Self.maxWarmup, "warmup", "warmupLogsPerProducer")
        try within(busyTimeoutMs, 0...Self.maxBusyTimeoutMs, "busy-timeout-ms", "busyTimeoutMs")
        try within(injectDelayUs, 0...Self.maxInjectDelayUs, "inject-delay-us", "injectDelayUs")
        if let prefillEntries { try within(prefillEntries, 0...Self.maxPrefillEntries, "growth", "prefillEntries") }
        if let rejectedSeq { try within(rejectedSeq, 0...Self.maxLogsPerProducer, "rejected-seq", "rejectedSeq") }
        try within(rounds, 1...Self.maxRounds, "rounds", "rounds")
        if let minMeasuredMs {
            try within(minMeasuredMs, 1...Self.maxMinMeasuredMs, "min-measured-ms", "minMeasuredMs")
        }
        if let logsPerRun {
            guard (1...Self.maxLogsPerProducer).contains(logsPerRun) else {
                let flag = naming == .flags ? "--logs-per-producer" : "logsPerRun"
                throw UsageError("\(flag) must be between 1 and \(Self.maxLogsPerProducer) (got \(logsPerRun))")
            }
            guard runsPerRound <= Self.maxRunsPerCell else {
                throw UsageError(
                    "\(runsPerRound) runs (runs × logsPerProducer / logsPerRun); at most \(Self.maxRunsPerCell) per cell"
                )
            }
            try validateRunsInTurn(naming: naming)
        }
        if rounds > 1 {
            if load.isOpenLoop || load.ack == .accepted {
                throw UsageError(
                    "\(name("rounds", "rounds")) repeats a closed loop with durable acknowledgements; open loop "
                        + "lasts --duration-s, and --ack accepted drains one round")
            }
            if (prefillEntries ?? 0) > 0 { throw UsageError("\(name("rounds", "rounds")) cannot repeat a growth cell") }
            guard rounds * runsPerRound <= Self.maxRunsPerCell else {
                throw UsageError(
                    "\(name("rounds", "rounds")) × \(name("runs", "runs")) is \(rounds * runsPerRound) runs; at most "
                        + "\(Self.maxRunsPerCell) per cell")
            }
        }
        let entries = totalEntries + runs * (prefillEntries ?? 0)
        guard entries <= Self.maxEntriesPerCell else {
            throw UsageError(
                "\(rounds > 1 ? name("rounds", "rounds") + " × " : "")\(name("concurrency", "concurrency")) × "
                    + "(\(name("logs-per-producer", "logsPerProducer")) + "
                    + "\(name("warmup", "warmupLogsPerProducer"))) is \(entries) entries; at most "
                    + "\(Self.maxEntriesPerCell) per cell")
        }
        if engine == .postgres && synchronous != .normal {
            throw UsageError(
                "--synchronous is SQLite's PRAGMA; PostgreSQL's durability is the server's synchronous_commit "
                    + "(recorded in the environment)")
        }
        if engine == .postgres && busyHandler != .fixed {
            throw UsageError("--busy-handler is SQLite's; PostgreSQL's writers wait for its locks in the server")
        }
        guard entries * messageBytes <= Self.maxMessageBytesPerCell else {
            throw UsageError(
                "\(entries) entries × \(name("message-bytes", "messageBytes")) \(messageBytes) is "
                    + "\(entries * messageBytes) bytes of messages; at most \(Self.maxMessageBytesPerCell) "
                    + "(256 MiB) per cell")
        }
        try load.validate()
    }
}
