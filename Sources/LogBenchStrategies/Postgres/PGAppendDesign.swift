import LogBenchModel
import LogBenchStore

/// The SQL body of one PostgreSQL append design, bound to one connection and so to one thread.
/// Mirrors the SQLite strategies' appenders; an engine wraps these into producers.
public protocol PGAppendDesign: AnyObject {
    /// The matching SQLite strategy's name, where there is one.
    static var name: String { get }
    /// Where the design stores entries, so the audit reads them back from the right place.
    static var layout: StorageLayout { get }

    /// Prepares the design's statements on `connection`, which must point at `schema`
    /// (`PGSchema.connect(url:)`); JSON goes through a `codec` of that kind (`PGLogCodec`).
    init(connection: PGConnection, schema: PGSchema, codec: CodecKind) throws

    /// Appends `entries` in order to `run`; returns once they are committed. Several entries are
    /// one transaction (group commit) except in `log-table`, where every INSERT commits alone.
    func append(entries: [LogEntry], run: Int) throws

    /// Called inside the critical section: after the read, before the write (read-modify-write
    /// designs), or just before the one statement. For an injected delay, or a test's interleaving.
    var criticalSection: (() -> Void)? { get set }

    /// Whole-transaction restarts after a serialization failure (40001) or deadlock (40P01).
    var retries: Int { get }
}

extension PGAppendDesign {
    public var retries: Int { 0 }

    /// With the default codec (simdjson), as a workload's default.
    public init(connection: PGConnection, schema: PGSchema) throws {
        try self.init(connection: connection, schema: schema, codec: .fast)
    }
}

/// Every design, for engines and tests that iterate them.
public enum PGAppendDesigns {
    /// Computed: metatypes of a non-Sendable protocol cannot be stored in a global.
    public static var all: [any PGAppendDesign.Type] {
        [
            PGNoCoordinationAppend.self, PGTransactionAppend.self, PGAdvisoryLockAppend.self, PGAtomicAppend.self,
            PGLogTableInsert.self, PGLogTableBatchInsert.self,
        ]
    }

    public static func design(named name: String) -> (any PGAppendDesign.Type)? {
        all.first { $0.name == name }
    }
}
