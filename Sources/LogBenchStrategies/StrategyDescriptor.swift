import LogBenchModel
import LogBenchStore

/// A design as plans, cells and documents see it: its traits and how to make one for a cell. A
/// built-in strategy's descriptor is its type's static traits; an external adapter's comes from its
/// handshake (`ExternalAdapter`), since its name and abilities are only known once it has answered.
public struct StrategyDescriptor: Sendable {
    public let name: String
    public let engine: EngineKind
    public let layout: StorageLayout
    public let claimsProcessSafety: Bool
    public let summary: String
    public let isReference: Bool
    public let pendingEntriesDieWithProcess: Bool
    public let requiresSchemaChange: Bool
    public let connectionPolicy: ConnectionPolicy
    public let buffersEntries: Bool
    /// Whether its writers meet nothing per run: each producer INSERTs its own rows through its own
    /// connection, so which run a producer is on does not change what it contends with. One that
    /// coordinates per run (a run's queue, lock or array) must keep every producer on one run, as
    /// the seed's tasks are, since producers spread over runs would contend less.
    public var sharesNothingPerRun: Bool { layout == .logTable && connectionPolicy == .perProducer }

    /// Whether `--rounds auto` writes several runs a round in turn by default (`Workload.writeRunsInTurn`):
    /// for a design that meets nothing per run, on a server that commits concurrently. PostgreSQL's
    /// last few producers of a round leave it mostly idle (the tail cost `log-table` over a quarter
    /// of its throughput); SQLite serializes its writers, so a round's tail writes about as fast as
    /// the rest, and longer rounds there only fill more of each connection's page cache in a round.
    public var writesRunsInTurnByDefault: Bool { sharesNothingPerRun && engine == .postgres }
    /// Set for an implementation outside this package: what was run, as the document records it.
    public let adapter: AdapterIdentity?
    /// An adapter's `--adapter-timeout-ms`, for worker processes that start their own.
    public let adapterTimeoutNs: UInt64?
    private let factory: @Sendable (StrategyContext) throws -> any AppendStrategy

    public init(_ type: any BuiltInStrategy.Type) {
        name = type.name
        engine = type.engine
        layout = type.layout
        claimsProcessSafety = type.claimsProcessSafety
        summary = type.summary
        isReference = type.isReference
        pendingEntriesDieWithProcess = type.pendingEntriesDieWithProcess
        requiresSchemaChange = type.requiresSchemaChange
        connectionPolicy = type.connectionPolicy
        buffersEntries = type.buffersEntries
        adapter = nil
        adapterTimeoutNs = nil
        factory = { try type.init(context: $0) }
    }

    package init(
        adapter identity: AdapterIdentity, engine: EngineKind, layout: StorageLayout, claimsProcessSafety: Bool,
        isReference: Bool, buffersEntries: Bool, timeoutNs: UInt64,
        factory: @escaping @Sendable (StrategyContext) throws -> any AppendStrategy
    ) {
        name = identity.name
        self.engine = engine
        self.layout = layout
        self.claimsProcessSafety = claimsProcessSafety
        summary = "external adapter: \(identity.command.joined(separator: " "))"
        self.isReference = isReference
        // An adapter that buffers holds its queue in its own process: a kill takes it along.
        pendingEntriesDieWithProcess = buffersEntries
        requiresSchemaChange = layout == .logTable
        connectionPolicy = .adapterOwned
        self.buffersEntries = buffersEntries
        adapter = identity
        adapterTimeoutNs = timeoutNs
        self.factory = factory
    }

    /// A new strategy for one cell (on the driver's thread, or in a worker process).
    public func make(context: StrategyContext) throws -> any AppendStrategy { try factory(context) }

    /// What a document records about this design (`ResultDocument.designs`).
    public var traits: DesignTraits {
        var traits = DesignTraits(
            name: name, engine: engine, isReference: isReference, requiresSchemaChange: requiresSchemaChange,
            claimsProcessSafety: claimsProcessSafety, buffersEntries: buffersEntries,
            pendingEntriesDieWithProcess: pendingEntriesDieWithProcess)
        traits.adapter = adapter
        return traits
    }
}
