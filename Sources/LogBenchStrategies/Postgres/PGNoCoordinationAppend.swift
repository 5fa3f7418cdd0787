import LogBenchModel
import LogBenchStore

/// `none` on PostgreSQL: the pipeline's read-modify-write in autocommit, the SELECT and the UPDATE
/// each their own transaction. Two producers that read before either writes both write an array
/// missing the other's entry: the later UPDATE (which waits for the earlier one's row lock, then
/// overwrites it in READ COMMITTED) wins, and the other entry is lost.
public final class PGNoCoordinationAppend: PGAppendDesign {
    public static let name = "none"
    public static let layout = StorageLayout.jsonColumn
    public var criticalSection: (() -> Void)?
    private let column: PGJSONColumn

    public init(connection: PGConnection, schema: PGSchema, codec: CodecKind) throws {
        column = try PGJSONColumn(connection: connection, forUpdate: false, codec: codec)
    }

    public func append(entries: [LogEntry], run: Int) throws {
        try column.append(entries, run: run, criticalSection: criticalSection)
    }
}
