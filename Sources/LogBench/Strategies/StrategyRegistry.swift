/// The strategies the command line knows, in the order reports list them.
/// Adding one: a new file with a type conforming to `AppendStrategy`, and one line here.
public enum StrategyRegistry {
    public static let all: [any AppendStrategy.Type] = [
        NoCoordination.self,
        PerRunQueue.self,
        GroupCommitQueue.self,
        ImmediateTransaction.self,
        DedicatedLogTable.self,
        FileLockedReadModifyWrite.self,
        AtomicJSONAppend.self,
    ]

    public static var names: [String] { all.map { $0.name } }

    public static func strategy(named name: String) -> (any AppendStrategy.Type)? {
        all.first { $0.name == name }
    }
}
