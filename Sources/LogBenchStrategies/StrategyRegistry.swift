import LogBenchModel
import LogBenchStore

/// The strategies the command line knows, per engine, in the order reports list them.
/// Adding one: a new file with a type conforming to `AppendStrategy`, and one line here. A strategy
/// has one file per engine; its forms share its name (`bench --engine postgres --strategy lock`).
public enum StrategyRegistry {
    /// SQLite's strategies (the default engine).
    public static let all: [any BuiltInStrategy.Type] = [
        NoCoordination.self,
        PerRunQueue.self,
        GroupCommitQueue.self,
        ImmediateTransaction.self,
        DedicatedLogTable.self,
        GroupCommitLogTable.self,
        FileLockedReadModifyWrite.self,
        AtomicJSONAppend.self,
    ]

    /// PostgreSQL's forms of the same strategies (`Strategies/Postgres/`).
    public static let postgres: [any BuiltInStrategy.Type] = [
        PGNoCoordination.self,
        PGPerRunQueue.self,
        PGGroupCommitQueue.self,
        PGRowLockTransaction.self,
        PGDedicatedLogTable.self,
        PGGroupCommitLogTable.self,
        PGAdvisoryLock.self,
        PGAtomicJSONBAppend.self,
    ]

    public static func all(for engine: EngineKind) -> [any BuiltInStrategy.Type] {
        switch engine {
        case .sqlite: all
        case .postgres: postgres
        }
    }

    /// Every name any engine knows, SQLite's order first.
    public static var names: [String] {
        EngineKind.allCases.flatMap { all(for: $0).map { $0.name } }.uniqued()
    }

    /// The unfixed pipeline, measured beside the others as the overhead reference.
    public static var reference: any BuiltInStrategy.Type { reference(for: .sqlite) }

    public static func reference(for engine: EngineKind) -> any BuiltInStrategy.Type {
        all(for: engine).first { $0.isReference }!
    }

    public static func referenceDescriptor(for engine: EngineKind) -> StrategyDescriptor {
        StrategyDescriptor(reference(for: engine))
    }

    /// What `bench` measures when no strategy is named: the seed's fix.
    public static var defaultStrategy: any BuiltInStrategy.Type { PerRunQueue.self }

    /// Strategies that keep every entry when producers are threads of one process (all but the reference).
    public static var correctInProcess: [any BuiltInStrategy.Type] { all.filter { !$0.isReference } }

    /// SQLite's strategy of that name.
    public static func strategy(named name: String) -> (any BuiltInStrategy.Type)? {
        all.first { $0.name == name }
    }

    public static func strategy(named name: String, engine: EngineKind) -> (any BuiltInStrategy.Type)? {
        all(for: engine).first { $0.name == name }
    }
}

extension BuiltInStrategy {
    /// What a document records about this design (`ResultDocument.designs`).
    public static var traits: DesignTraits {
        DesignTraits(
            name: name, engine: engine, isReference: isReference, requiresSchemaChange: requiresSchemaChange,
            claimsProcessSafety: claimsProcessSafety, buffersEntries: buffersEntries,
            pendingEntriesDieWithProcess: pendingEntriesDieWithProcess)
    }
}

extension StrategyRegistry {
    /// The traits of `strategies` (and each engine's reference), in the registry's order.
    /// Adapters (which the registry does not list) follow, in the order given.
    public static func traits(of strategies: [StrategyDescriptor]) -> [DesignTraits] {
        let engines = Set(strategies.map { $0.engine })
        let builtIn = strategies.filter { $0.adapter == nil }
        let wanted = Set(builtIn.map { "\($0.engine.rawValue)/\($0.name)" })
        let registered = EngineKind.allCases.filter(engines.contains).flatMap { engine in
            all(for: engine).filter { $0.isReference || wanted.contains("\(engine.rawValue)/\($0.name)") }
                .map { $0.traits }
        }
        return registered + strategies.filter { $0.adapter != nil }.map(\.traits)
    }

    public static func traits(of strategies: [any BuiltInStrategy.Type]) -> [DesignTraits] {
        traits(of: strategies.map(StrategyDescriptor.init))
    }
}
