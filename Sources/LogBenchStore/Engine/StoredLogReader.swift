import Foundation
import LogBenchModel

/// Reads a run's entries back from the database, in stored order, from where the strategy keeps them.
package enum StoredLogReader {
    package static func entries(run: Int, layout: StorageLayout, connection: Connection) throws -> [StoredEntry] {
        switch layout {
        case .jsonColumn: return try jsonColumnEntries(run: run, connection: connection)
        case .logTable: return try tableEntries(run: run, connection: connection)
        }
    }

    private static func jsonColumnEntries(run: Int, connection: Connection) throws -> [StoredEntry] {
        let select = try Statement(connection: connection, sql: "SELECT logs FROM runs WHERE id = ?")
        select.bind(Int64(run), at: 1)
        guard try select.step(), let text = select.text(at: 0) else { return [] }
        // Lenient: entries missing fields still count (as phantom or corrupted), never vanish.
        if let entries = try? JSONDecoder().decode([LenientEntry].self, from: Data(text.utf8)) {
            return entries.map(\.stored)
        }
        // Not a JSON array of objects at all: one unreadable stored value.
        return [StoredEntry(producer: nil, seq: nil, level: nil, message: nil)]
    }

    private static func tableEntries(run: Int, connection: Connection) throws -> [StoredEntry] {
        let select = try Statement(
            connection: connection,
            sql: "SELECT producer, seq, level, message, ts FROM log_entries WHERE run_id = ? ORDER BY id")
        select.bind(Int64(run), at: 1)
        var entries: [StoredEntry] = []
        while try select.step() {
            entries.append(
                StoredEntry(
                    producer: Int(select.int64(at: 0)), seq: Int(select.int64(at: 1)),
                    level: select.text(at: 2), message: select.text(at: 3), ts: select.int64(at: 4)))
        }
        return entries
    }

    /// Decodes any JSON value; fields missing or of the wrong type become nil instead of failing the
    /// array. Shared by every engine's reader.
    package struct LenientEntry: Decodable {
        package let stored: StoredEntry

        private enum Keys: String, CodingKey { case producer, seq, level, message, ts }

        package init(from decoder: Decoder) throws {
            guard let container = try? decoder.container(keyedBy: Keys.self) else {
                stored = StoredEntry(producer: nil, seq: nil, level: nil, message: nil)
                return
            }
            stored = StoredEntry(
                producer: try? container.decodeIfPresent(Int.self, forKey: .producer),
                seq: try? container.decodeIfPresent(Int.self, forKey: .seq),
                level: try? container.decodeIfPresent(String.self, forKey: .level),
                message: try? container.decodeIfPresent(String.self, forKey: .message),
                ts: try? container.decodeIfPresent(Int64.self, forKey: .ts))
        }
    }
}
