import CLibPQ
import Foundation
import LogBenchModel
import Synchronization

/// A server-side prepared statement of one connection; use it on that connection's thread.
public final class PGStatement: @unchecked Sendable {
    public let connection: PGConnection
    package let name: String
    public let sql: String

    package init(connection: PGConnection, name: String, sql: String) {
        self.connection = connection
        self.name = name
        self.sql = sql
    }

    /// Runs the statement with text parameters (nil is SQL NULL) and returns its rows as text.
    @discardableResult
    public func execute(_ parameters: [String?] = []) throws -> PGRows {
        try connection.executePrepared(self, parameters)
    }
}

/// A statement's result, copied out of libpq: every value as text (nil for SQL NULL), plus the
/// number of rows a command affected (INSERT/UPDATE/DELETE).
public struct PGRows: Sendable {
    public let columns: [String]
    public let rows: [[String?]]
    public let affectedRows: Int

    package init(result: OpaquePointer) {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        rows = (0..<rowCount).map { row in
            (0..<columnCount).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public var count: Int { rows.count }

    public func text(row: Int, column: Int) -> String? {
        rows.indices.contains(row) && rows[row].indices.contains(column) ? rows[row][column] : nil
    }

    public func int64(row: Int, column: Int) -> Int64? {
        text(row: row, column: column).flatMap { Int64($0) }
    }
}

/// A failure reported by PostgreSQL or libpq, carrying the server's SQLSTATE (nil when the failure
/// is the client's: connecting, a lost connection), its primary message, and what we were doing.
public struct PGError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Five characters, e.g. "40001". The class is its first two ("23": integrity constraint).
    public let sqlState: String?
    public let message: String
    /// What LogBench was doing: the SQL, or "connect …" (password hidden).
    public let context: String
    /// The server's DETAIL line, e.g. "Key (run_id, producer, seq)=(1, 0, 0) already exists."
    public var detail: String?
    /// The server's CONTEXT field (the PL/pgSQL or SQL function call stack), rarely set.
    public var serverContext: String?
    /// The violated constraint's name, for integrity errors.
    public var constraint: String?

    public init(
        sqlState: String?, message: String, context: String, detail: String? = nil, serverContext: String? = nil,
        constraint: String? = nil
    ) {
        self.sqlState = sqlState
        self.message = message
        self.context = context
        self.detail = detail
        self.serverContext = serverContext
        self.constraint = constraint
    }

    public static let serializationFailureState = "40001"
    public static let deadlockDetectedState = "40P01"
    public static let uniqueViolationState = "23505"

    /// serialization_failure (40001): the transaction lost a race; run it again.
    public var isSerializationFailure: Bool { sqlState == Self.serializationFailureState }
    /// deadlock_detected (40P01): the server aborted this transaction to break a deadlock.
    public var isDeadlock: Bool { sqlState == Self.deadlockDetectedState }
    /// unique_violation (23505): a duplicate key, e.g. the same (run, producer, seq) twice.
    public var isUniqueViolation: Bool { sqlState == Self.uniqueViolationState }
    /// Failures that a whole-transaction retry resolves.
    public var isRetryable: Bool { isSerializationFailure || isDeadlock }

    public var description: String {
        var text = "PostgreSQL error \(sqlState ?? "(client)") in \(context): \(message)"
        if let detail { text += " (\(detail))" }
        if let serverContext { text += " [context: \(serverContext)]" }
        return text
    }
}
