import CSQLite
import LogBenchModel
import Synchronization

/// One SQLite connection (`sqlite3*`). It owns its handle and closes it exactly once.
///
/// Debian's SQLite is built serialized (`THREADSAFE=1`), so a connection may be used from several
/// threads: SQLite's mutex protects its memory. It does not make their transactions independent:
/// a transaction belongs to the connection. That is why this type is `@unchecked Sendable` and why
/// strategies that need transactions give every producer its own connection.
public final class Connection: @unchecked Sendable {
    package let handle: OpaquePointer
    public let path: String
    private let busyCounter: BusyCounter

    /// Opens (creating if asked) the database at `path` and applies `settings` explicitly.
    public init(path: String, create: Bool = false, settings: ConnectionSettings) throws {
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX
        if create { flags |= SQLITE_OPEN_CREATE }
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, context: "open \(path)")
        }
        self.handle = db
        self.path = path
        busyCounter = BusyCounter(timeoutMs: settings.busyTimeoutMs, policy: settings.busyHandler)
        sqlite3_extended_result_codes(db, 1)
        do {
            // The busy handler first: the pragmas below read the schema and may meet a writer's lock,
            // and without a handler they would fail at once instead of waiting.
            busyCounter.install(on: db)
            try execute("PRAGMA journal_mode=WAL", expecting: "wal")
            try execute("PRAGMA synchronous=\(settings.synchronous.pragmaValue)")
        } catch {
            sqlite3_close_v2(db)
            throw error
        }
    }

    private let closed = Mutex(false)

    /// Closes the handle now; later calls do nothing. Statements still alive are finalized with
    /// it (`sqlite3_close_v2` defers the close until they are). Owners call this explicitly;
    /// `deinit` only catches what an error path skipped.
    public func close() {
        let first = closed.withLock { wasClosed in
            defer { wasClosed = true }
            return !wasClosed
        }
        if first { sqlite3_close_v2(handle) }
    }

    deinit { close() }

    /// Busy-handler invocations on this connection.
    public var busyWaits: Int { busyCounter.waits }

    /// Runs SQL that returns no rows we need; optionally checks the first column of the first row.
    public func execute(_ sql: String, expecting expected: String? = nil) throws {
        let statement = try Statement(connection: self, sql: sql)
        let hasRow = try statement.step()
        if let expected {
            let got = hasRow ? statement.text(at: 0) ?? "" : ""
            guard got.lowercased() == expected else {
                throw SQLiteError(code: SQLITE_ERROR, message: "got '\(got)', expected '\(expected)'", context: sql)
            }
        }
    }

    /// Reads the first column of the first row as an integer.
    public func scalar(_ sql: String) throws -> Int64 {
        let statement = try Statement(connection: self, sql: sql)
        guard try statement.step() else { return 0 }
        return statement.int64(at: 0)
    }

    package func error(_ code: Int32, _ context: String) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), context: context)
    }
}

/// The pragmas every connection sets explicitly (Debian compiles FULL in as the default).
public struct ConnectionSettings: Sendable, Equatable {
    public var synchronous: SynchronousMode
    public var busyTimeoutMs: Int
    public var busyHandler: BusyHandler

    public init(synchronous: SynchronousMode, busyTimeoutMs: Int, busyHandler: BusyHandler = .fixed) {
        self.synchronous = synchronous
        self.busyTimeoutMs = busyTimeoutMs
        self.busyHandler = busyHandler
    }
}
