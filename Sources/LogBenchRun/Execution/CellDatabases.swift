import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// The one place a cell's engine is chosen.
package enum CellDatabases {
    /// The engine's database for one cell, created with `runIDs`. `keep` names a database to keep
    /// (SQLite: the file is `files`' own business; PostgreSQL: the schema's name).
    package static func create(
        workload: Workload, runIDs: [Int], files: CellFiles, keep: String?, execution: ExecutionOptions,
        scope: CleanupScope
    ) throws -> any CellDatabase {
        switch workload.engine {
        case .sqlite:
            let settings = ConnectionSettings(
                synchronous: workload.synchronous, busyTimeoutMs: workload.busyTimeoutMs,
                busyHandler: workload.busyHandler)
            return try SQLiteCellDatabase(path: files.databasePath, settings: settings, runIDs: runIDs)
        case .postgres:
            guard let url = execution.databaseURL else {
                throw UsageError("--engine postgres needs --database-url or LOGBENCH_DATABASE_URL")
            }
            return try PGCellDatabase(
                url: url, keep: keep, runIDs: runIDs, ledger: BackendLedger(folder: files.scratch.path), scope: scope)
        }
    }
}
