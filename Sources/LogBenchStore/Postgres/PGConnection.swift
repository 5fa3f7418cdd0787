import CLibPQ
import Foundation
import LogBenchModel
import Synchronization

/// One PostgreSQL connection (`PGconn*`), synchronous, through libpq. It owns its handle and
/// closes it exactly once: by `close()`, or by deinit as a fallback.
///
/// Thread safety: libpq allows different connections on different threads, never one connection on
/// two threads at once. Use one connection per thread, like the SQLite strategies that need
/// transactions: a transaction (BEGIN … COMMIT, advisory xact locks, SELECT … FOR UPDATE) belongs
/// to the connection, so two threads sharing one would mix their statements into one transaction.
/// The type is `@unchecked Sendable` so a connection can be opened on one thread and handed to the
/// producer thread that uses it. Each call holds an internal lock around libpq, so a misuse from two
/// threads stays memory-safe (as SQLite's serialized mode is), yet remains a logic error.
public final class PGConnection: @unchecked Sendable {
    /// The libpq handle, nil once closed; read and used only while holding `lock`.
    private var handle: OpaquePointer?
    private let lock = NSLock()
    private let statementCounter = Atomic<Int>(0)
    /// The server's version as libpq reports it, e.g. 150010 for 15.10.
    public let serverVersion: Int
    /// The process id of the server backend serving this connection (`pg_backend_pid()`).
    public let backendPID: Int32

    /// Connects with a libpq connection string: a URI (`postgresql://user@host:port/db`,
    /// `postgresql:///db?host=/socket/dir&port=5432`) or keyword/value pairs
    /// (`host=/socket/dir port=5432 dbname=logbench`).
    ///
    /// - Parameter settings: run-time parameters set for the whole session at connect time, sent as
    ///   the `options` keyword (`-c name=value`); they replace any `options` in `url`.
    ///   `client_min_messages` defaults to `warning`, so NOTICEs do not reach stderr.
    public init(url: String, settings: [String: String] = [:]) throws {
        var settings = settings
        if settings["client_min_messages"] == nil { settings["client_min_messages"] = "warning" }
        let options = settings.sorted { $0.key < $1.key }
            .map { "-c \(Self.escapeOption($0.key))=\(Self.escapeOption($0.value))" }
            .joined(separator: " ")
        // dbname is expanded (expand_dbname = 1): a URI or keyword string there supplies every
        // parameter, and the keywords after it override the ones it sets.
        let keywords = ["dbname", "options", "fallback_application_name"]
        let values = [url, options, "logbench"]
        let connection = Self.withCStrings(keywords) { keywordPointers in
            Self.withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers + [nil], valuePointers + [nil], 1)
            }
        }
        guard let connection else {
            throw PGError(sqlState: nil, message: "out of memory", context: "connect \(Self.redacted(url))")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            PQfinish(connection)
            throw PGError(sqlState: nil, message: message, context: "connect \(Self.redacted(url))")
        }
        handle = connection
        serverVersion = Int(PQserverVersion(connection))
        backendPID = PQbackendPID(connection)
    }

    deinit { close() }

    /// Closes the connection; an open transaction is rolled back by the server. Safe to call again.
    public func close() {
        lock.withLock {
            if let handle { PQfinish(handle) }
            handle = nil
        }
    }

    public var isClosed: Bool { lock.withLock { handle == nil } }

    /// True between BEGIN and COMMIT/ROLLBACK, including a transaction aborted by an error.
    public var inTransaction: Bool {
        lock.withLock {
            guard let connection = handle else { return false }
            let status = PQtransactionStatus(connection)
            return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
        }
    }

    /// Runs SQL through the simple query protocol: no parameters, several statements allowed
    /// (`BEGIN`, `COMMIT`, DDL). Rows, if any, are discarded.
    public func execute(_ sql: String) throws {
        try withHandle(context: sql) { connection in
            _ = try Self.check(PQexec(connection, sql), connection: connection, context: sql)
        }
    }

    /// Runs one statement with text parameters (`$1`, `$2`, … ; nil is SQL NULL) and returns its rows
    /// as text. Parameter types are inferred by the server; cast in SQL where that is ambiguous.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws -> PGRows {
        try withHandle(context: sql) { connection in
            let result = Self.withCStrings(parameters) { values in
                PQexecParams(connection, sql, Int32(values.count), nil, values, nil, nil, 0)
            }
            return try Self.check(result, connection: connection, context: sql)
        }
    }

    /// Prepares `sql` once on this connection (a server-side prepared statement, parsed and planned
    /// once); run it with `PGStatement.execute`. It lives as long as the connection.
    public func prepare(_ sql: String) throws -> PGStatement {
        let name = "logbench_\(statementCounter.add(1, ordering: .relaxed).newValue)"
        try withHandle(context: "prepare: \(sql)") { connection in
            _ = try Self.check(PQprepare(connection, name, sql, 0, nil), connection: connection, context: sql)
        }
        return PGStatement(connection: self, name: name, sql: sql)
    }

    /// The first column of the first row as an integer (0 when there is no row or it is NULL).
    public func scalar(_ sql: String, _ parameters: [String?] = []) throws -> Int64 {
        try query(sql, parameters).int64(row: 0, column: 0) ?? 0
    }

    /// A run-time setting as `SHOW name` prints it (`current_setting(name)`), e.g. "on", "128MB".
    public func setting(_ name: String) throws -> String {
        try query("SELECT current_setting($1)", [name]).text(row: 0, column: 0) ?? ""
    }

    package func executePrepared(_ statement: PGStatement, _ parameters: [String?]) throws -> PGRows {
        try withHandle(context: statement.sql) { connection in
            let result = Self.withCStrings(parameters) { values in
                PQexecPrepared(connection, statement.name, Int32(values.count), values, nil, nil, 0)
            }
            return try Self.check(result, connection: connection, context: statement.sql)
        }
    }

    private func withHandle<R>(context: String, _ body: (OpaquePointer) throws -> R) throws -> R {
        try lock.withLock {
            guard let connection = handle else {
                throw PGError(sqlState: nil, message: "connection is closed", context: context)
            }
            return try body(connection)
        }
    }

    // MARK: - libpq plumbing

    /// Turns a result into rows, or into a `PGError` with the server's fields. Clears the result.
    private static func check(_ result: OpaquePointer?, connection: OpaquePointer, context: String) throws -> PGRows {
        guard let result else {
            // NULL: out of memory, or the connection is gone.
            throw PGError(sqlState: nil, message: trimmed(PQerrorMessage(connection)), context: context)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PGRows(result: result)
        default:
            func field(_ code: Character) -> String? {
                PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
            }
            let message = field("M") ?? trimmed(PQresultErrorMessage(result))
            throw PGError(
                sqlState: field("C"), message: message.isEmpty ? trimmed(PQerrorMessage(connection)) : message,
                context: context, detail: field("D"), serverContext: field("W"), constraint: field("n"))
        }
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "" }
        var text = String(cString: message)
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    /// Hides a password in a URI (`postgresql://user:secret@host`) or keyword string (`password=…`).
    package static func redacted(_ url: String) -> String {
        var text = url
        if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@"),
            let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
        {
            text.replaceSubrange(text.index(after: colon)..<at, with: "***")
        }
        if let range = text.range(of: "password=") {
            let end = text[range.upperBound...].firstIndex(where: { $0 == " " || $0 == "&" }) ?? text.endIndex
            text.replaceSubrange(range.upperBound..<end, with: "***")
        }
        return text
    }

    /// Backslash-escapes spaces and backslashes, as libpq's `options` keyword requires.
    private static func escapeOption(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: " ", with: "\\ ")
    }

    /// Lays out NUL-terminated copies of `values` in one buffer and passes their addresses
    /// (nil for a nil value) for the duration of `body`.
    package static func withCStrings<R>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        var buffer: [CChar] = []
        var offsets: [Int] = []
        offsets.reserveCapacity(values.count)
        for value in values {
            guard let value else {
                offsets.append(-1)
                continue
            }
            offsets.append(buffer.count)
            buffer.append(contentsOf: value.utf8CString)
        }
        return buffer.withUnsafeBufferPointer { bytes in
            body(offsets.map { $0 < 0 ? nil : bytes.baseAddress! + $0 })
        }
    }
}
