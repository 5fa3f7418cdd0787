import Foundation
import LogBenchModel

/// One cell's database, whatever the engine: created with its runs before the producers start,
/// read back by the audit through the pipeline's own connection, and removed (or kept) after.
/// `CellPipeline` and the drivers see only this; each engine implements it once.
package protocol CellDatabase: AnyObject {
    /// Where writers find the database: the worker processes receive it in their `WorkerSpec`.
    var path: DatabasePath { get }
    /// Writes `entries` into `run` before the producers start, in the layout's stored form and in
    /// one transaction: the growth cells' pre-filled log.
    func prefill(run: Int, entries: [LogEntry], layout: StorageLayout, codec: CodecKind) throws
    /// From now on the database refuses every measured entry with this sequence number, as a
    /// violated constraint would (`RejectedWrites`): the error-handling cells.
    func rejectWrites(seq: Int) throws
    /// Deletes the warm-up runs' entries, so the measured phase (and a kept database) starts clean.
    func dropRuns(_ runIDs: [Int]) throws
    /// Waits until no writer's session is still open on the server (after a kill too), so the
    /// audit reads what the server holds once every writer is gone. Nothing to wait for in SQLite.
    func awaitWritersGone() throws
    /// A run's stored entries, in stored order, read through the pipeline's own connection.
    func entries(run: Int, layout: StorageLayout) throws -> [StoredEntry]
    /// "ok", or the complaints, after writers in other processes touched the database.
    func integrityCheck() throws -> String
    /// Closes the pipeline's connection until `reopen()`: a threads-mode crash trial lets the killed
    /// writer be the last one to hold the database. Any other call in between is refused.
    func release()
    /// Opens the pipeline's connection again after `release()`.
    func reopen() throws
    /// Closes everything; removes the database unless it is kept and the cell `finished`.
    func close(finished: Bool)
}

/// A call on a cell database between `release()` and `reopen()`: a driver's mistake, not the user's.
package struct CellDatabaseReleased: Error, CustomStringConvertible {
    package var description: String { "the cell's database connection was used while released" }
    package init() {}
}

/// The SQLite file of one cell and the pipeline's connection to it. The file itself (scratch or
/// kept) belongs to `CellFiles`.
package final class SQLiteCellDatabase: CellDatabase {
    package let file: String
    package let settings: ConnectionSettings
    private var connection: Connection?

    package init(path: String, settings: ConnectionSettings, runIDs: [Int]) throws {
        file = path
        self.settings = settings
        let admin = try Connection(path: path, create: true, settings: settings)
        connection = admin
        try Schema.create(on: admin, runIDs: runIDs)
    }

    package var path: DatabasePath { .file(file) }

    /// The pipeline's connection; refused between `release()` and `reopen()`.
    package func admin() throws -> Connection {
        guard let connection else { throw CellDatabaseReleased() }
        return connection
    }

    package func reopen() throws {
        if connection == nil { connection = try Connection(path: file, settings: settings) }
    }

    package func dropRuns(_ runIDs: [Int]) throws { try Schema.dropRuns(runIDs, on: try admin()) }

    package func awaitWritersGone() throws {}

    package func entries(run: Int, layout: StorageLayout) throws -> [StoredEntry] {
        try StoredLogReader.entries(run: run, layout: layout, connection: try admin())
    }

    /// `PRAGMA integrity_check`: "ok", or its complaints joined.
    package func integrityCheck() throws -> String {
        let statement = try Statement(connection: try admin(), sql: "PRAGMA integrity_check")
        var lines: [String] = []
        while try statement.step() { lines.append(statement.text(at: 0) ?? "") }
        return lines.joined(separator: "; ")
    }

    package func prefill(run: Int, entries: [LogEntry], layout: StorageLayout, codec: CodecKind) throws {
        guard !entries.isEmpty else { return }
        let connection = try admin()
        switch layout {
        case .jsonColumn:
            // Encoded as the strategies encode it, so they read back exactly what they would have written.
            let update = try Statement(connection: connection, sql: "UPDATE runs SET logs = ? WHERE id = ?")
            try codec.makeCodec().encode(entries: entries) { json in update.bind(bytes: json, at: 1) }
            update.bind(Int64(run), at: 2)
            try update.run()
        case .logTable:
            try connection.execute("BEGIN IMMEDIATE")
            let insert = try LogTableInsert(connection: connection)
            for entry in entries { try insert.insert(entry, run: run) }
            try connection.execute("COMMIT")
        }
    }

    package func release() {
        connection?.close()
        connection = nil
    }

    package func close(finished: Bool) { release() }
}
