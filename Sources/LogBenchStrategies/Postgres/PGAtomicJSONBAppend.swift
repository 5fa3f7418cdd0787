import LogBenchModel
import LogBenchStore

/// `atomic-append` on PostgreSQL: one statement, `UPDATE runs SET logs = logs || $1::jsonb`
/// (`PGAtomicAppend`). The column is JSONB: `json` has no `||`. A waiting UPDATE re-evaluates the
/// concatenation on the newest committed row, so nothing is overwritten; the server still rewrites
/// the whole value, O(size of the log) per append.
///
/// - Connections: one per producer.
/// - Across processes and hosts: yes. No schema change.
public final class PGAtomicJSONBAppend: BuiltInStrategy {
    public static let name = PGAtomicAppend.name
    public static let engine = EngineKind.postgres
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = true
    public static let connectionPolicy = ConnectionPolicy.perProducer
    public static let summary = "one UPDATE with logs || $1::jsonb per entry"

    private let context: StrategyContext

    public init(context: StrategyContext) throws { self.context = context }

    public func makeAppender(producer: Int) throws -> any LogAppender {
        try PGDesignAppender(PGAtomicAppend.self, context: context)
    }
}
