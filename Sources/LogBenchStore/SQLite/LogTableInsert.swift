import LogBenchModel

/// The one INSERT into `log_entries`, prepared once on a connection. Shared by the strategies that
/// write the dedicated table and by the probes that pre-fill it.
package final class LogTableInsert {
    private let statement: Statement

    package init(connection: Connection) throws {
        statement = try Statement(
            connection: connection,
            sql: "INSERT INTO log_entries (run_id, producer, seq, level, ts, message) VALUES (?, ?, ?, ?, ?, ?)")
    }

    package func insert(_ entry: LogEntry, run: Int) throws {
        statement.bind(Int64(run), at: 1)
        statement.bind(Int64(entry.producer), at: 2)
        statement.bind(Int64(entry.seq), at: 3)
        statement.bind(entry.level.rawValue, at: 4)
        statement.bind(entry.ts, at: 5)
        statement.bind(entry.message, at: 6)
        try statement.run()
    }
}
