import LogBenchModel
import LogBenchStatistics

/// What the gate found: each finding names its rule, its cell and the numbers behind it.
public struct GateFinding: Sendable, Equatable {
    public enum Rule: String, Sendable {
        case dataLoss = "data loss"
        case budget = "budget"
        case regression = "regression"
        case missing = "missing"
        case uncalibrated = "cross-machine without calibration"
        /// The trials cannot reach alpha in some family: the gate would be blind, so it cannot pass.
        case power = "cannot detect"
    }

    public enum Severity: String, Sendable { case failure = "FAIL", warning = "WARN" }

    public var rule: Rule
    public var severity: Severity
    public var key: CellKey?
    /// The metric a regression finding is about: a confirmation must fail on the same one.
    public var metric: GatedMetric?
    public var message: String
    public var crossMachine = false

    public init(
        rule: Rule, severity: Severity, key: CellKey? = nil, metric: GatedMetric? = nil, message: String,
        crossMachine: Bool = false
    ) {
        self.rule = rule
        self.severity = severity
        self.key = key
        self.metric = metric
        self.message = message
        self.crossMachine = crossMachine
    }

    public var line: String {
        let cell = key.map { " \($0):" } ?? ""
        return "\(severity.rawValue) [\(rule.rawValue)\(crossMachine ? ", cross-machine" : "")]\(cell) \(message)"
    }
}

public struct GateReport: Sendable {
    package init(findings: [GateFinding], comparison: Comparison, remeasured: [CellKey] = []) {
        self.findings = findings
        self.comparison = comparison
        self.remeasured = remeasured
    }

    public var findings: [GateFinding]
    public var comparison: Comparison
    /// Cells measured a second time because they failed the first time.
    public var remeasured: [CellKey] = []
    /// The budget per log the rules applied, for the summary's budget line.
    public var budgetNs: Double?

    public var failures: [GateFinding] { findings.filter { $0.severity == .failure } }
    public var warnings: [GateFinding] { findings.filter { $0.severity == .warning } }

    /// 3 for data loss (it wins), 2 for any other failure, 0 otherwise.
    public var exitStatus: ExitStatus {
        if failures.contains(where: { $0.rule == .dataLoss }) { return .dataLoss }
        return failures.isEmpty ? .success : .regression
    }

    /// Cells whose failure could be noise: a second measurement decides.
    public var cellsToRemeasure: [CellKey] {
        Array(Set(failures.filter { $0.rule == .regression || $0.rule == .budget }.compactMap(\.key))).sorted()
    }
}
