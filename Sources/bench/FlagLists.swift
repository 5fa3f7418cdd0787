import ArgumentParser
import Foundation
import LogBenchModel
import LogBenchStrategies

/// One flag vocabulary for every command: `--strategy` and `--concurrency` are repeatable and each
/// value may be a comma list (`--strategy queue,lock --strategy none`, `--concurrency 1,2,4`). A
/// command that sweeps takes the whole list; one that does not refuses more than one value.
struct StrategyList: ExpressibleByArgument {
    let names: [String]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.allSatisfy({ StrategyRegistry.names.contains($0) || $0 == "all" }) else { return nil }
        names = parts
    }

    static var allValueStrings: [String] { StrategyRegistry.names }
    static var defaultCompletionKind: CompletionKind { .list(StrategyRegistry.names) }

    /// Every name given, in order, without repeats; "all" expands to the registry.
    static func flatten(_ lists: [StrategyList]) throws -> [String] {
        var seen: [String] = []
        // A name written twice is a slip (as a repeated --concurrency level is); `all` beside a name is not.
        let written = lists.flatMap(\.names).filter { $0 != "all" }
        if let twice = written.first(where: { name in written.filter { $0 == name }.count > 1 }) {
            throw UsageError("--strategy names \(twice) twice")
        }
        for name in lists.flatMap(\.names) {
            let names = name == "all" ? StrategyRegistry.names : [name]
            for name in names where !seen.contains(name) { seen.append(name) }
        }
        return seen
    }
}

/// `--concurrency 1,2,4` or repeated; each level 1…4096, none twice.
struct LevelList: ExpressibleByArgument {
    let levels: [Int]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        levels = parts.map { $0! }
    }

    static func flatten(_ lists: [LevelList], flag: String = "--concurrency") throws -> [Int] {
        let levels = lists.flatMap(\.levels)
        if let level = levels.first(where: { !(1...Workload.maxConcurrency).contains($0) }) {
            throw UsageError("\(flag) must be between 1 and \(Workload.maxConcurrency) (got \(level))")
        }
        guard Set(levels).count == levels.count else { throw UsageError("\(flag) repeats a level") }
        return levels
    }

    /// For commands that measure one level: exactly one value, or the default.
    static func single(_ lists: [LevelList], default value: Int, command: String) throws -> Int {
        let levels = try flatten(lists)
        guard levels.count <= 1 else {
            throw UsageError(
                "--concurrency takes one value for bench \(command) (got \(levels.map(String.init).joined(separator: ","))); "
                    + "bench matrix and bench check sweep levels")
        }
        return levels.first ?? value
    }
}

/// The spellings of earlier releases, kept one release as hidden aliases: each use says what replaces it.
enum DeprecatedFlag {
    static func note(_ old: String, use new: String) {
        FileHandle.standardError.write(Data("bench: note: \(old) is deprecated; use \(new)\n".utf8))
    }

    /// A value given under its old name or its new one (not both: exit 64); the old name prints the note.
    static func resolve<Value>(old: (name: String, value: Value?), new: (name: String, value: Value?)) throws -> Value?
    {
        guard let value = old.value else { return new.value }
        note(old.name, use: new.name)
        guard new.value == nil else { throw UsageError("give \(new.name) once (\(old.name) is its old name)") }
        return value
    }
}
