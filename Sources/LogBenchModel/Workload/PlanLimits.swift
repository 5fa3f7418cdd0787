import Foundation

/// The bounds on one plan's work, shared by the plan builder (which refuses a larger plan) and
/// the document loader (which refuses a document no plan could have written).
public enum PlanLimits {
    /// Steps of one plan (cells, growth and safety measurements).
    public static let maxSteps = 100_000
    /// Entries appended by the whole plan, warm-up and growth prefill included.
    public static let maxEntriesPerPlan = 100_000_000
}
