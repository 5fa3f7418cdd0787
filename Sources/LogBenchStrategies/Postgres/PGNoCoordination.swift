import LogBenchModel
import LogBenchStore

/// `none` on PostgreSQL, the reference: the pipeline's read-modify-write of `runs.logs` in
/// autocommit, SELECT and UPDATE each their own transaction (`PGNoCoordinationAppend`). Two
/// producers that read before either writes both write an array missing the other's entry.
///
/// - Connections: one per producer (a server pipeline would draw from a pool; a single shared
///   libpq connection would serialize every round trip and hide the race behind it).
/// - Across processes: no.
public final class PGNoCoordination: BuiltInStrategy {
    public static let name = PGNoCoordinationAppend.name
    public static let engine = EngineKind.postgres
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = false
    public static let connectionPolicy = ConnectionPolicy.perProducer
    public static let isReference = true
    public static let summary = "read-modify-write of the JSONB column in autocommit, no coordination (the bug)"

    private let context: StrategyContext

    public init(context: StrategyContext) throws { self.context = context }

    public func makeAppender(producer: Int) throws -> any LogAppender {
        try PGDesignAppender(PGNoCoordinationAppend.self, context: context)
    }
}
