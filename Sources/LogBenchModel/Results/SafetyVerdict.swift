import LogBenchStatistics

/// A safety property as measured, never as claimed: whether it held, and in how many runs.
public struct MeasuredProperty: Codable, Sendable, Equatable {
    package init(holds: Bool, runs: Int, failingRuns: Int, basis: String) {
        self.holds = holds
        self.runs = runs
        self.failingRuns = failingRuns
        self.basis = basis
    }

    /// True when no run contradicted it.
    public var holds: Bool
    /// Runs (cells or crash trials) that tested it.
    public var runs: Int
    /// Runs that contradicted it.
    public var failingRuns: Int
    /// What the runs were, in one line.
    public var basis: String
}

/// Per strategy and mode: is it safe across processes, and does a kill keep its acknowledged entries?
public struct SafetyVerdict: Codable, Sendable, Equatable {
    public var strategy: String
    public var mode: ExecutionMode
    /// Absent for SQLite (and in documents written before engines existed).
    public var engine: EngineKind?
    /// Measured in processes mode only: no entry lost, duplicated, phantom or corrupted in any run.
    public var processSafe: MeasuredProperty?
    /// Measured by crash trials only: no acknowledged entry lost (before the kill or, in threads
    /// mode, after the writer's restart) and `integrity_check` ok in every trial whose kill landed.
    public var crashSafe: MeasuredProperty?

    /// Verdicts from the measured cells of one document.
    public static func measure(_ cells: [CellResult]) -> [SafetyVerdict] {
        var verdicts: [SafetyVerdict] = []
        var keys: [String] = []
        func key(_ cell: CellResult) -> String {
            cell.strategy + "/" + cell.executionMode.rawValue + "/" + cell.workload.engine.rawValue
        }
        for cell in cells where cell.role == .measured && !keys.contains(key(cell)) {
            keys.append(key(cell))
        }
        for groupKey in keys {
            let group = cells.filter { $0.role == .measured && key($0) == groupKey }
            let first = group[0]
            var verdict = SafetyVerdict(strategy: first.strategy, mode: first.executionMode)
            if first.workload.engine != .sqlite { verdict.engine = first.workload.engine }
            if first.executionMode == .processes {
                let failing = group.filter { $0.audit.hasDataLoss }.count
                verdict.processSafe = MeasuredProperty(
                    holds: failing == 0, runs: group.count, failingRuns: failing,
                    basis: "\(first.concurrency) worker processes × \(first.workload.logsPerProducer) entries; "
                        + "\(failing) of \(group.count) runs lost, duplicated or damaged entries")
            }
            let trials = group.compactMap(\.crash)
            let landed = trials.filter(\.killed)
            if !trials.isEmpty {
                let failing = landed.filter { !$0.durable }.count
                verdict.crashSafe = MeasuredProperty(
                    holds: failing == 0 && !landed.isEmpty, runs: landed.count, failingRuns: failing,
                    basis: "SIGKILL of a worker mid-run landed in \(landed.count) of \(trials.count) trials; "
                        + "\(failing) of them lost an acknowledged entry or failed integrity_check; "
                        + "\(landed.reduce(0) { $0 + $1.inFlightLost }) in-flight entries lost in all"
                        + restartBasis(landed) + LoadResult.acceptedLossBasis(landed))
            }
            if verdict.processSafe != nil || verdict.crashSafe != nil { verdicts.append(verdict) }
        }
        return verdicts
    }

    /// "; writer restarted in 5 trials, 1000 entries appended after, 0 acknowledged lost", or "".
    private static func restartBasis(_ trials: [CrashOutcome]) -> String {
        let restarted = trials.filter { $0.restarted == true }
        guard !restarted.isEmpty else { return "" }
        return "; writer restarted in \(restarted.count) trials, "
            + "\(restarted.reduce(0) { $0 + ($1.sentAfterRestart ?? 0) }) entries appended after, "
            + "\(restarted.reduce(0) { $0 + ($1.acknowledgedLostAfterRestart ?? 0) }) of them acknowledged and lost"
    }

    package init(strategy: String, mode: ExecutionMode) {
        self.strategy = strategy
        self.mode = mode
    }
}
