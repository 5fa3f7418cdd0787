/// Order statistics used by summaries and the gate.
public enum Descriptive {
    /// The median; the mean of the two middle values for an even count. Nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        quantile(values, 0.5)
    }

    /// The q-quantile with linear interpolation between order statistics (R's type 7, NumPy's default).
    public static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return quantile(sorted: sorted, q)
    }

    package static func quantile(sorted: [Double], _ q: Double) -> Double {
        let position = min(max(q, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
