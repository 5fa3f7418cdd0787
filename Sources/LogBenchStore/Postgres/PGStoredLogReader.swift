import Foundation
import LogBenchModel

/// Reads a run's entries back from a PostgreSQL schema, in stored order, for the audit: the JSONB
/// array's order, or `log_entries` by id. `connection` must point at the schema.
public enum PGStoredLogReader {
    public static func entries(run: Int, layout: StorageLayout, connection: PGConnection) throws -> [StoredEntry] {
        switch layout {
        case .jsonColumn: return try jsonColumnEntries(run: run, connection: connection)
        case .logTable: return try tableEntries(run: run, connection: connection)
        }
    }

    private static func jsonColumnEntries(run: Int, connection: PGConnection) throws -> [StoredEntry] {
        let rows = try connection.query("SELECT logs FROM runs WHERE id = $1", [String(run)])
        guard let text = rows.text(row: 0, column: 0) else { return [] }
        // Lenient, as the SQLite reader: entries missing fields still count, never vanish.
        if let entries = try? JSONDecoder().decode([StoredLogReader.LenientEntry].self, from: Data(text.utf8)) {
            return entries.map(\.stored)
        }
        // Not a JSON array at all: one unreadable stored value.
        return [StoredEntry(producer: nil, seq: nil, level: nil, message: nil)]
    }

    private static func tableEntries(run: Int, connection: PGConnection) throws -> [StoredEntry] {
        try connection.query(
            "SELECT producer, seq, level, message, ts FROM log_entries WHERE run_id = $1 ORDER BY id", [String(run)]
        ).rows.map { row in
            StoredEntry(
                producer: row[0].flatMap { Int($0) }, seq: row[1].flatMap { Int($0) }, level: row[2], message: row[3],
                ts: row[4].flatMap { Int64($0) })
        }
    }
}
