import LogBenchModel
import LogBenchStore

/// `atomic-append` on PostgreSQL: one statement, `UPDATE runs SET logs = logs || $1::jsonb WHERE
/// id = $2`, with the new entries as a JSON array (array || array concatenates).
///
/// - Serializes: the row lock the UPDATE takes; a waiting UPDATE re-evaluates `logs || …` on the
///   newest committed row (READ COMMITTED), so nothing is overwritten. The server still rewrites
///   the whole JSONB value (TOASTed when large): O(size of the log) per append.
/// - Connections: one per producer. No schema change.
public final class PGAtomicAppend: PGAppendDesign {
    public static let name = "atomic-append"
    public static let layout = StorageLayout.jsonColumn
    public var criticalSection: (() -> Void)?
    private let update: PGStatement
    private let codec: PGLogCodec

    public init(connection: PGConnection, schema: PGSchema, codec: CodecKind) throws {
        self.codec = PGLogCodec(kind: codec)
        update = try connection.prepare("UPDATE runs SET logs = logs || $1::jsonb WHERE id = $2")
    }

    public func append(entries: [LogEntry], run: Int) throws {
        let json = try PhaseSample.measure(.encode) { try codec.encode(entries) }
        criticalSection?()
        guard try PhaseSample.measure(.write, { try update.execute([json, String(run)]) }).affectedRows == 1 else {
            throw PGError(sqlState: nil, message: "run \(run) does not exist", context: update.sql)
        }
    }
}
