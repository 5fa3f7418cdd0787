import LogBenchStatistics

/// The database a cell writes to. Part of a workload, and so of a cell's identity: documents
/// written before engines existed were all SQLite, and decode as such.
public enum EngineKind: String, Codable, Sendable, CaseIterable {
    /// A SQLite file in the cell's scratch folder (or at `--db`), through SQLite's C API.
    case sqlite
    /// A fresh schema on a PostgreSQL server (`--database-url`), through libpq.
    case postgres

    /// How reports name it.
    public var displayName: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }
}

/// Where one cell's database is, as a worker process needs to find it: a SQLite file, or a schema
/// on a PostgreSQL server (the URL may hold a password: it travels only in the cell's private
/// scratch folder, never in a result document).
public enum DatabasePath: Codable, Sendable, Equatable {
    case file(String)
    case schema(url: String, name: String)

    public var engine: EngineKind {
        switch self {
        case .file: .sqlite
        case .schema: .postgres
        }
    }
}
