import Foundation
import LogBenchModel
import LogBenchStrategies

/// The decision table's counted and stated cells: each design's lines of code, counted at run time
/// from the source tree this binary was built from (found through `#filePath`), and the platforms
/// its mechanism exists on, stated with the document that says so. A design's own file is
/// `<its type>.swift` (`Postgres/` for the PostgreSQL forms, whose statements live in the
/// `PGAppendDesign` class the file names: counted with it); the building blocks several designs
/// share are counted apart, once.
package enum DesignFactsCount {
    // This file is Sources/LogBenchRun/Orchestration/DesignFactsCount.swift: four levels down.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Shared building blocks: the JSON column's read-modify-write and the per-run queue.
    static let sharedFiles = [
        "Sources/LogBenchStrategies/JSONLogColumn.swift", "Sources/LogBenchStrategies/RunQueue.swift",
        "Sources/LogBenchStrategies/RunQueues.swift", "Sources/LogBenchStrategies/Postgres/PGJSONColumn.swift",
        "Sources/LogBenchStrategies/Postgres/PGDesignAppender.swift",
    ]

    package static func facts(engine: EngineKind) -> [DesignFacts] {
        let designs = StrategyRegistry.all(for: engine).map { type -> DesignFacts in
            let files = designFiles(of: type)
            let platform = platforms(type.name, engine: engine)
            let form = StrategyRegistry.strategy(named: type.name, engine: .postgres).map { String(describing: $0) }
            let counts = files.map(codeLines)
            return DesignFacts(
                name: type.name, engine: engine, sourceFile: files.joined(separator: " + "),
                codeLines: counts.contains(nil) ? nil : counts.reduce(0) { $0 + ($1 ?? 0) },
                platforms: platform.0, platformSource: platform.1, postgresForm: form)
        }
        let shared = sharedFiles.filter { $0.contains("/Postgres/") == (engine == .postgres) }.map { file in
            DesignFacts(
                name: DesignFacts.sharedPrefix + URL(fileURLWithPath: file).lastPathComponent, engine: engine,
                sourceFile: file, codeLines: codeLines(file), platforms: "", platformSource: "", postgresForm: nil)
        }
        return designs + shared
    }

    static func sourceFile(of type: any BuiltInStrategy.Type) -> String {
        let folder = type.engine == .postgres ? postgresFolder : "Sources/LogBenchStrategies"
        return "\(folder)/\(String(describing: type)).swift"
    }

    static let postgresFolder = "Sources/LogBenchStrategies/Postgres"

    /// The design's file, and for a PostgreSQL form the files of the `PGAppendDesign` classes it names.
    static func designFiles(of type: any BuiltInStrategy.Type) -> [String] {
        let own = sourceFile(of: type)
        guard type.engine == .postgres,
            let text = try? String(contentsOf: packageRoot.appendingPathComponent(own), encoding: .utf8),
            let names = try? FileManager.default.contentsOfDirectory(
                atPath: packageRoot.appendingPathComponent(postgresFolder).path)
        else { return [own] }
        let statements = names.sorted().map { "\(postgresFolder)/\($0)" }.filter { file in
            guard file != own,
                let other = try? String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
            else { return false }
            // A class of that file that is a PGAppendDesign and that the design's file names.
            return other.split(separator: "\n").contains { line in
                guard line.contains(": PGAppendDesign"), let range = line.range(of: "class ") else { return false }
                let name = line[range.upperBound...].prefix { $0.isLetter || $0.isNumber }
                return !name.isEmpty && text.contains("\(name).")
            }
        }
        return [own] + statements
    }

    /// Lines that are neither blank nor only a comment; nil when the file is not there.
    package static func codeLines(_ relativePath: String) -> Int? {
        let url = packageRoot.appendingPathComponent(relativePath)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("//")
        }.count
    }

    /// Where the mechanism exists, and the source. Stated facts, the only hand-written cells.
    static func platforms(_ name: String, engine: EngineKind) -> (String, String) {
        if engine == .postgres {
            switch name {
            case "lock":
                return (
                    "any PostgreSQL server (advisory locks)",
                    "postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS"
                )
            case "transaction":
                return ("any PostgreSQL server (SELECT … FOR UPDATE)", "postgresql.org/docs/15/sql-select.html")
            case "atomic-append":
                return ("PostgreSQL ≥ 9.5 (jsonb ||)", "postgresql.org/docs/15/functions-json.html")
            default:
                return (
                    "any PostgreSQL server; the queues: any process with threads",
                    "postgresql.org/docs/15/sql-insert.html"
                )
            }
        }
        switch name {
        case "lock":
            return (
                "Linux ≥ 3.15 (F_OFD_SETLKW); POSIX only since Issue 8 (2024); other systems need another lock call",
                "man7.org/linux/man-pages/man2/fcntl.2.html (Open file description locks)"
            )
        case "atomic-append":
            return (
                "SQLite ≥ 3.31 with the JSON functions ('$[#]'; built in since 3.38)", "sqlite.org/json1.html"
            )
        case "transaction":
            return ("every SQLite build (BEGIN IMMEDIATE, busy handler)", "sqlite.org/lang_transaction.html")
        case "log-table", "log-table-batch":
            return ("every SQLite build (INSERT, UNIQUE index)", "sqlite.org/lang_insert.html")
        default:
            return (
                "every SQLite build; the queues: any process with threads (no OS call of their own)",
                "sqlite.org/threadsafe.html"
            )
        }
    }
}
