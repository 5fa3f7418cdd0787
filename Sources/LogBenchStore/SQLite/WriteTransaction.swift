/// `BEGIN IMMEDIATE`, `COMMIT` and `ROLLBACK` prepared once on one connection, as plain code does:
/// the designs that open a write transaction per entry (`transaction`) or per batch (the group
/// commits' consumer) step them instead of parsing them again each time.
package final class WriteTransaction {
    private let begin: Statement
    private let commitStatement: Statement
    private let rollbackStatement: Statement

    package init(connection: Connection) throws {
        begin = try Statement(connection: connection, sql: "BEGIN IMMEDIATE")
        commitStatement = try Statement(connection: connection, sql: "COMMIT")
        rollbackStatement = try Statement(connection: connection, sql: "ROLLBACK")
    }

    /// Takes SQLite's write lock up front, waiting in the connection's busy handler while another holds it.
    package func beginImmediate() throws { try begin.run() }

    package func commit() throws { try commitStatement.run() }

    /// Ends a failed transaction; an error here leaves nothing more to undo.
    package func rollback() { try? rollbackStatement.run() }
}
