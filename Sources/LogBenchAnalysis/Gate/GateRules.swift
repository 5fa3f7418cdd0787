import LogBenchModel
import LogBenchStatistics

/// The thresholds of the gate. Defaults are those of the issue; `validate()` bounds each one so a
/// typo cannot switch a rule off silently (exit 64).
public struct GateRules: Sendable, Equatable {
    public enum CrossMachinePolicy: String, Sendable, CaseIterable {
        /// Cross-machine regressions fail like same-machine ones (labelled cross-machine).
        case fail
        /// They are reported as warnings and never block: for gates run on machines the baseline was not.
        case warn
    }

    /// A regression needs the lower bound of new/old's confidence interval above 1 + tolerance.
    public var tolerance = 0.10
    /// The same, when the baseline comes from another machine and times are calibration-normalized.
    public var crossMachineTolerance = 0.25
    /// …and a difference of at least this many µs per log.
    public var minEffectUs = 100.0
    /// Overhead per log over `none`: over budget when the lower bound of its 99% CI exceeds this.
    public var budgetMs = 1.0
    /// Significance level of the one-sided Mann–Whitney test after Holm's correction.
    public var alpha = 0.01
    /// Cells or metrics present on one side only are warnings instead of failures.
    public var allowMissing = false
    public var crossMachine = CrossMachinePolicy.fail

    public init() {}

    public func validate() throws(UsageError) {
        guard tolerance.isFinite, (0...10).contains(tolerance) else {
            throw UsageError("--tolerance must be between 0 and 10 (a fraction: 0.10 is 10%; got \(tolerance))")
        }
        guard crossMachineTolerance.isFinite, (0...10).contains(crossMachineTolerance) else {
            throw UsageError("--cross-machine-tolerance must be between 0 and 10 (got \(crossMachineTolerance))")
        }
        guard minEffectUs.isFinite, (0...10_000_000).contains(minEffectUs) else {
            throw UsageError("--min-effect-us must be between 0 and 10000000 (got \(minEffectUs))")
        }
        guard budgetMs.isFinite, budgetMs > 0, budgetMs <= 60_000 else {
            throw UsageError("--budget-ms must be in (0, 60000] (got \(budgetMs))")
        }
        guard alpha.isFinite, alpha > 0, alpha <= 0.5 else {
            throw UsageError("--alpha must be in (0, 0.5] (got \(alpha))")
        }
    }
}
