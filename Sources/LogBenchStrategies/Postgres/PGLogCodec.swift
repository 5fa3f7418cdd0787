import Foundation
import LogBenchModel
import LogBenchStore

/// The one place PostgreSQL designs turn entries into JSON text and back: the read-modify-write
/// designs (the whole array), `atomic-append` and the batch insert (the new entries as an array).
/// It uses the workload's codec (`--codec`, as the SQLite strategies do): both read JSONB's text
/// form (keys reordered, a space after `:` and `,`), since they go by field name.
/// Holds its codec's scratch buffers, so each appender (one thread) owns one.
package struct PGLogCodec {
    private let codec: any LogCodec

    package init(kind: CodecKind = .foundation) { codec = kind.makeCodec() }

    /// A JSON array of the entries, objects with the fields of `LogEntry`.
    package func encode(_ entries: [LogEntry]) throws -> String {
        try codec.encode(entries: entries) { String(decoding: $0, as: UTF8.self) }
    }

    /// A run's stored array as values (for checks).
    package func decode(_ text: String) throws -> [LogEntry] { try decodeLogs(text).entries() }

    /// A run's stored array in the codec's own representation, to append to and encode again.
    package func decodeLogs(_ text: String) throws -> any DecodedLogs {
        var text = text
        return try text.withUTF8 { try codec.decodeErased(UnsafeRawBufferPointer($0)) }
    }

    /// The whole array, as JSON text for a parameter; `logs` must come from `decodeLogs`.
    package func encode(_ logs: any DecodedLogs) throws -> String {
        try codec.encodeErased(logs) { String(decoding: $0, as: UTF8.self) }
    }
}
