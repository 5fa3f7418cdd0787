import Foundation

/// The one place PostgreSQL designs turn entries into JSON text and back: the read-modify-write
/// designs (the whole array), `atomic-append` and the batch insert (the new entries as an array).
/// Foundation's coders for now; a faster codec replaces these two functions, nothing else.
/// Holds its coders, so each appender (one thread) owns one.
struct PGLogCodec {
    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    /// A JSON array of the entries, objects with the fields of `LogEntry`.
    func encode(_ entries: [LogEntry]) throws -> String {
        String(decoding: try encoder.encode(entries), as: UTF8.self)
    }

    /// A run's stored array (JSONB's text form: keys reordered, spaces after `:` and `,`).
    func decode(_ text: String) throws -> [LogEntry] {
        try decoder.decode([LogEntry].self, from: Data(text.utf8))
    }
}
