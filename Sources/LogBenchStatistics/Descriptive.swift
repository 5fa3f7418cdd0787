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

    /// Half the width of the 95 % confidence interval of the mean (Student's t), relative to the
    /// mean. Nil below two values or for a mean of zero.
    public static func relativeHalfWidth95(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        guard mean != 0 else { return nil }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return studentT975(degreesOfFreedom: values.count - 1) * (variance / n).squareRoot() / abs(mean)
    }

    /// The same interval for a series whose neighbours are correlated, by batch means: consecutive
    /// values are averaged in `batchCount(for:)` batches and the interval is taken over those means.
    /// A cell's rounds drift together with the machine (neighbouring rounds' windows correlate at
    /// 0.4 to 0.7 on this project's VM), so the plain interval of the rounds claimed ±2 % where five
    /// runs in a row spread ±10 %; batches long enough to span the drift give the honest width.
    public static func batchMeansRelativeHalfWidth95(_ values: [Double]) -> Double? {
        let batches = batchCount(for: values.count)
        guard batches >= 2 else { return nil }
        let means = (0..<batches).map { index in
            let slice = values[(index * values.count / batches)..<((index + 1) * values.count / batches)]
            return slice.reduce(0, +) / Double(slice.count)
        }
        return relativeHalfWidth95(means)
    }

    /// Batches for `count` values: each value its own below five, then five batches until 25, then
    /// ⌊√count⌋ (batches and their length grow together, the usual choice for batch means).
    package static func batchCount(for count: Int) -> Int {
        count < 5 ? count : max(5, Int(Double(count).squareRoot()))
    }

    /// The 0.975 quantile of Student's t: exact to three decimals up to 30 degrees of freedom, then
    /// 1.96 + 2.4/df (within 0.002 of the exact value from 30 on).
    package static func studentT975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
            2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        guard df >= 1 else { return .infinity }
        return df <= table.count ? table[df - 1] : 1.96 + 2.4 / Double(df)
    }
}
