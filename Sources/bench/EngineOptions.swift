import ArgumentParser
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchReports
import LogBenchRun
import LogBenchStore
import LogBenchStrategies

extension EngineKind: ExpressibleByArgument {}

/// A strategy name any engine knows; `type(for:)` picks that engine's form of it.
struct StrategyName: ExpressibleByArgument {
    let name: String

    init?(argument: String) {
        guard StrategyRegistry.names.contains(argument) else { return nil }
        name = argument
    }

    init(_ type: any BuiltInStrategy.Type) { name = type.name }

    func type(for engine: EngineKind) throws -> any BuiltInStrategy.Type {
        guard let type = StrategyRegistry.strategy(named: name, engine: engine) else {
            let known = StrategyRegistry.all(for: engine).map { $0.name }.joined(separator: ", ")
            throw UsageError("strategy \(name) has no \(engine.displayName) form (known: \(known))")
        }
        return type
    }

    static var allValueStrings: [String] { StrategyRegistry.names }
    var defaultValueDescription: String { name }
}

/// `--db`: a SQLite file to keep, or with PostgreSQL the schema to keep (`auto`: a fresh name).
enum KeptDatabase {
    static func resolve(_ argument: String, engine: EngineKind) throws -> String {
        switch engine {
        case .sqlite:
            try DatabaseLocation.validateNew(argument)
            return argument
        case .postgres:
            if argument == "auto" { return PGSchema().name }
            guard (try? PGSchema(name: argument)) != nil else {
                throw UsageError(
                    "--db \(argument): a PostgreSQL schema name is logbench_ then lowercase letters, digits or _ "
                        + "(63 bytes at most), or auto")
            }
            return argument
        }
    }
}
