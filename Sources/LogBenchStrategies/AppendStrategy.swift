import LogBenchModel
import LogBenchStore

/// What a cell drives: one strategy instance per cell, one appender per producer. The runner makes
/// it (through a `StrategyDescriptor`), then one appender per producer thread (on that thread),
/// appends, and finally calls `shutdown()`. A design of this package also states its traits
/// statically (`BuiltInStrategy`); an external adapter's traits come from its handshake.
public protocol AppendStrategy: AnyObject, Sendable {
    /// Opens what one producer needs. Called on the producer's own thread; the appender stays there.
    func makeAppender(producer: Int) throws -> any LogAppender

    /// Counters the strategy keeps (busy waits, retries, queue depth). Read after all producers finished.
    func counters() -> StrategyCounters

    /// Stops background threads and closes shared connections. Called once, after the last append.
    func shutdown()

    /// What the strategy holds right now (buffering strategies; nil for the others). Any thread.
    func pendingSnapshot() -> PendingSnapshot?

    /// After the last call: waits up to `limitNs` for every accepted entry to be written, then
    /// abandons what is still pending (it is never written) and returns how many entries that was.
    func finishPendingWrites(limitNs: UInt64) -> Int

    /// The seed's shape of the call, for tasks mode: producers `await addLog(...)`. By default the
    /// synchronous appender runs on the task's executor thread (blocking it, as a driver call would).
    func makeAsyncAppender(producer: Int) throws -> any AsyncLogAppender

    /// True when this instance's appenders are `BufferingLogAppender`s (`--ack accepted` returns early).
    var buffersAcceptedEntries: Bool { get }

    /// Set when the strategy itself broke (an adapter that exited or broke the protocol): the cell is
    /// still audited, and the command then exits 70 with this message. Read after `shutdown()`.
    func failure() -> String?
}

/// A design of this package: every one is one type in one file, registered in
/// `StrategyRegistry.all`, with its traits as static properties.
public protocol BuiltInStrategy: AppendStrategy {
    /// The name used on the command line and in result documents.
    static var name: String { get }
    /// The engine the strategy writes to; each engine has its own list in `StrategyRegistry`.
    static var engine: EngineKind { get }
    /// Where the strategy stores entries, so the audit reads them back from the right place.
    static var layout: StorageLayout { get }
    /// What the design claims about other processes; issue-level measurements may contradict it.
    static var claimsProcessSafety: Bool { get }
    /// One line for `--help` and reports.
    static var summary: String { get }
    /// True for the unfixed pipeline: the reference the others' overhead is measured against.
    static var isReference: Bool { get }
    /// True when entries accepted but not yet written live only in this process's memory (a queue),
    /// so a killed process takes them with it.
    static var pendingEntriesDieWithProcess: Bool { get }
    /// Whether adopting the design needs a schema change (a new table) in the pipeline's database.
    static var requiresSchemaChange: Bool { get }
    /// Who owns which connection, for reports.
    static var connectionPolicy: ConnectionPolicy { get }
    /// True when the strategy holds entries in memory before writing them (a queue): its appenders
    /// are `BufferingLogAppender`s, so `--ack accepted` returns at enqueue. False: the call returns
    /// after the commit under either acknowledgement point.
    static var buffersEntries: Bool { get }

    init(context: StrategyContext) throws
}

extension AppendStrategy {
    /// Strategies without counters or background threads need not say so.
    public func counters() -> StrategyCounters { StrategyCounters() }
    public func shutdown() {}
    public func pendingSnapshot() -> PendingSnapshot? { nil }
    public func finishPendingWrites(limitNs: UInt64) -> Int { 0 }
    public func makeAsyncAppender(producer: Int) throws -> any AsyncLogAppender {
        BlockingAsyncAppender(try makeAppender(producer: producer))
    }
    public func failure() -> String? { nil }
}

extension BuiltInStrategy {
    public static var engine: EngineKind { .sqlite }
    public static var isReference: Bool { false }
    public static var pendingEntriesDieWithProcess: Bool { false }
    public static var requiresSchemaChange: Bool { layout == .logTable }
    public static var buffersEntries: Bool { false }
    public var buffersAcceptedEntries: Bool { Self.buffersEntries }
}

/// Which connections a strategy opens, as a reader of a design document would ask.
public enum ConnectionPolicy: String, Sendable, Codable {
    /// One connection for every producer (the pipeline as it was).
    case sharedByProducers = "shared by all producers"
    /// One connection per producer.
    case perProducer = "one per producer"
    /// One connection per run, owned by that run's consumer thread.
    case perRunConsumer = "one per run, owned by its consumer"
    /// An external adapter's: whatever its own code opens.
    case adapterOwned = "owned by the adapter"
}

/// Appends on behalf of one producer thread. Returns only once the entry is acknowledged.
public protocol LogAppender: AnyObject {
    func append(_ entry: LogEntry, run: Int) throws
}

/// Everything a strategy may need to set itself up for one cell.
public struct StrategyContext: Sendable {
    /// The cell's database: a SQLite file, or a PostgreSQL schema (see `openServerConnection`).
    public let database: DatabasePath
    /// SQLite settings (PostgreSQL strategies ignore them).
    public let settings: ConnectionSettings
    /// Every run that will receive entries, warm-up runs included.
    public var runIDs: [Int]
    /// A private folder for side files (lock files); removed with the cell.
    public let scratchDirectory: String
    /// Busy-wait inside each log's critical section, in nanoseconds (0: none). Validates the gate only.
    public let injectedDelayNs: UInt64
    /// The JSON codec of the read-modify-write, for strategies that use `JSONLogColumn`.
    public let codec: CodecKind
    /// `--max-pending`: buffering strategies hold at most this many entries per run; a caller that
    /// finds the run's queue full waits for room. Nil: unbounded.
    public var maxPendingPerRun: Int?
    /// `--ack`: an external adapter is told it when opened (a built-in design's producers decide).
    public var ack: AckPoint = .durable

    public init(
        databasePath: String, settings: ConnectionSettings, runIDs: [Int], scratchDirectory: String,
        injectedDelayNs: UInt64 = 0, codec: CodecKind = .fast
    ) {
        self.init(
            database: .file(databasePath), settings: settings, runIDs: runIDs, scratchDirectory: scratchDirectory,
            injectedDelayNs: injectedDelayNs, codec: codec)
    }

    public init(
        database: DatabasePath, settings: ConnectionSettings, runIDs: [Int], scratchDirectory: String,
        injectedDelayNs: UInt64 = 0, codec: CodecKind = .fast
    ) {
        self.database = database
        self.settings = settings
        self.runIDs = runIDs
        self.scratchDirectory = scratchDirectory
        self.injectedDelayNs = injectedDelayNs
        self.codec = codec
    }

    /// Spins (does not sleep) for the injected delay, so it costs CPU like real work would.
    @inline(__always)
    public func injectedDelay() {
        guard injectedDelayNs > 0 else { return }
        let end = MonotonicClock.now() + injectedDelayNs
        while MonotonicClock.now() < end {}
    }

    /// The SQLite file (empty for a PostgreSQL cell).
    public var databasePath: String {
        if case .file(let path) = database { return path }
        return ""
    }

    public func openConnection() throws -> Connection {
        try Connection(path: databasePath, settings: settings)
    }
}
