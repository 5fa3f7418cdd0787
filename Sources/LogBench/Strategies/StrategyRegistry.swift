/// The strategies the command line knows, in the order reports list them.
/// Adding one: a new file with a type conforming to `AppendStrategy`, and one line here.
public enum StrategyRegistry {
    public static let all: [any AppendStrategy.Type] = [
        NoCoordination.self,
        PerRunQueue.self,
        GroupCommitQueue.self,
        ImmediateTransaction.self,
        DedicatedLogTable.self,
        GroupCommitLogTable.self,
        FileLockedReadModifyWrite.self,
        AtomicJSONAppend.self,
    ]

    public static var names: [String] { all.map { $0.name } }

    /// The unfixed pipeline, measured beside the others as the overhead reference.
    public static var reference: any AppendStrategy.Type { all.first { $0.isReference }! }

    /// What `bench` measures when no strategy is named: the seed's fix.
    public static var defaultStrategy: any AppendStrategy.Type { PerRunQueue.self }

    /// Strategies that keep every entry when producers are threads of one process (all but the reference).
    public static var correctInProcess: [any AppendStrategy.Type] { all.filter { !$0.isReference } }

    public static func strategy(named name: String) -> (any AppendStrategy.Type)? {
        all.first { $0.name == name }
    }
}
