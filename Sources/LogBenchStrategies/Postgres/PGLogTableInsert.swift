import LogBenchModel
import LogBenchStore

/// `log-table` on PostgreSQL: one INSERT per entry into `log_entries`, each committing alone.
/// UNIQUE (run_id, producer, seq) makes a duplicate a unique_violation (23505) instead of a row.
///
/// - Serializes: nothing of ours; nothing is read first, so nothing can be overwritten.
/// - Connections: one per producer.
public final class PGLogTableInsert: PGAppendDesign {
    public static let name = "log-table"
    public static let layout = StorageLayout.logTable
    public var criticalSection: (() -> Void)?
    private let insert: PGStatement

    public init(connection: PGConnection, schema: PGSchema, codec: CodecKind) throws {
        insert = try connection.prepare(
            "INSERT INTO log_entries (run_id, producer, seq, level, ts, message) VALUES ($1, $2, $3, $4, $5, $6)")
    }

    public func append(entries: [LogEntry], run: Int) throws {
        for entry in entries {
            criticalSection?()
            _ = try PhaseSample.measure(.write) {
                try insert.execute([
                    String(run), String(entry.producer), String(entry.seq), entry.level.rawValue, String(entry.ts),
                    entry.message,
                ])
            }
        }
    }
}

/// The batch insert for group commit: all entries in one INSERT … SELECT, so one statement, one
/// round trip and one commit. The rows travel as one JSON array and are inserted in array order
/// (ORDER BY the ordinality), so their ids keep the entries' order.
/// A duplicate anywhere fails the whole batch with a unique_violation (23505).
public final class PGLogTableBatchInsert: PGAppendDesign {
    public static let name = "log-table-batch"
    public static let layout = StorageLayout.logTable
    public var criticalSection: (() -> Void)?
    private let insert: PGStatement
    private let codec: PGLogCodec

    public init(connection: PGConnection, schema: PGSchema, codec: CodecKind) throws {
        self.codec = PGLogCodec(kind: codec)
        insert = try connection.prepare(PGSchema.logTableBatchInsert)
    }

    public func append(entries: [LogEntry], run: Int) throws {
        guard !entries.isEmpty else { return }
        let json = try PhaseSample.measure(.encode) { try codec.encode(entries) }
        criticalSection?()
        _ = try PhaseSample.measure(.write) { try insert.execute([String(run), json]) }
    }
}
