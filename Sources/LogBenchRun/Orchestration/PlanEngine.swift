import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// What a plan needs from its engine beyond the cells (which reach it through `CellDatabase` and
/// `StrategyContext`): the server's part of the environment and the limit probe.
extension BenchPlan {
    /// The engine every cell of the plan writes to.
    public var engine: EngineKind { workloads.first?.engine ?? cells.first?.workload.engine ?? .sqlite }

    /// The PostgreSQL server's version and settings for the environment; nil for SQLite.
    package func serverInfo() throws -> ServerInfo? {
        guard engine == .postgres, let url = execution.databaseURL else { return nil }
        return try ServerInfo.probe(url: url)
    }

    /// The engine's ceiling: batched inserts into the log table and single-commit latency.
    package func measureLimit(synchronous: SynchronousMode, scope: CleanupScope) throws -> EngineLimit {
        switch engine {
        case .sqlite:
            return try SQLiteLimitProbe.measure(
                synchronous: synchronous, messageBytes: workloads[0].messageBytes,
                temporaryDirectory: temporaryDirectory, scope: scope)
        case .postgres:
            return try PGLimitProbe.measure(
                url: execution.databaseURL ?? "", messageBytes: workloads[0].messageBytes, scope: scope)
        }
    }

    /// One engine per plan, its strategies, and a server to reach for PostgreSQL.
    package func validateEngine() throws(UsageError) {
        guard workloads.allSatisfy({ $0.engine == engine }) else {
            throw UsageError("a plan writes to one engine (its workloads name several)")
        }
        for strategy in strategies where strategy.engine != engine {
            throw UsageError(
                "strategy \(strategy.name) is \(strategy.engine.rawValue)'s, the plan's engine is \(engine)")
        }
        if engine == .postgres {
            guard let url = execution.databaseURL, !url.isEmpty else {
                throw UsageError("--engine postgres needs --database-url or LOGBENCH_DATABASE_URL")
            }
        } else if execution.databaseURL != nil {
            throw UsageError("--database-url needs --engine postgres")
        }
    }
}
