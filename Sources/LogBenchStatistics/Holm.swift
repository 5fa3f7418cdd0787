/// Holm–Bonferroni step-down adjustment: controls the family-wise error rate over several tests
/// without assuming they are independent, and is uniformly more powerful than Bonferroni.
public enum Holm {
    /// Adjusted p-values, in the order of `pValues`, each capped at 1 and made monotone.
    public static func adjust(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}
