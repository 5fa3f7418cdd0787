import LogBenchModel

/// The database both designs share: the pipeline's `runs` table with a JSON array per run, and the
/// dedicated, append-only `log_entries` table. A duplicate (run, producer, seq) is a constraint error.
package enum Schema {
    package static let statements = [
        "CREATE TABLE runs (id INTEGER PRIMARY KEY, logs TEXT NOT NULL DEFAULT '[]')",
        """
        CREATE TABLE log_entries (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL,
            producer INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            level TEXT NOT NULL,
            ts INTEGER NOT NULL,
            message TEXT NOT NULL,
            UNIQUE (run_id, producer, seq)
        )
        """,
    ]

    package static func create(on connection: Connection, runIDs: [Int]) throws {
        try connection.execute("BEGIN")
        for sql in statements { try connection.execute(sql) }
        let insert = try Statement(connection: connection, sql: "INSERT INTO runs (id, logs) VALUES (?, '[]')")
        for id in runIDs {
            insert.bind(Int64(id), at: 1)
            try insert.run()
        }
        try connection.execute("COMMIT")
    }

    /// Removes the warm-up runs' entries so the kept database holds exactly the measured phase.
    package static func dropRuns(_ runIDs: [Int], on connection: Connection) throws {
        let list = runIDs.map(String.init).joined(separator: ",")
        try connection.execute("BEGIN IMMEDIATE")
        try connection.execute("DELETE FROM runs WHERE id IN (\(list))")
        try connection.execute("DELETE FROM log_entries WHERE run_id IN (\(list))")
        try connection.execute("COMMIT")
    }
}
