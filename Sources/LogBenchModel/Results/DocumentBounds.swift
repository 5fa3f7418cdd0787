import Foundation

/// The longest each array of a result document can be (docs/result-schema.md): what bench writes
/// stays within them, and a loader refuses a document past any of them, so no consumer's time or
/// memory grows with a hostile document beyond its size limit.
public enum DocumentBounds {
    /// `cells`, `summaries`, `growth`: a plan's steps.
    public static let cells = PlanLimits.maxSteps
    /// `cells[].load.pendingSeries`: the pending sampler's series.
    public static let pendingSeriesPoints = 240
    /// `cells[].errors`, `cells[].failures`: the first distinct messages.
    public static let errors = 5
    /// `limits`: one per engine and `synchronous` setting.
    public static let limits = 16
    /// `saturation`, `safety`, `designs`, and the lists of `matrix`.
    public static let lists = 1_000
    /// `saturation[].steps`: rising steps, bisection steps and their retries.
    public static let saturationSteps = 200
    /// `environment.sqliteCompileOptions`.
    public static let compileOptions = 200
}
