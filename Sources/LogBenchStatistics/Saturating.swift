/// Integer arithmetic on figures read from a document: it clamps at the ends of `Int` instead of
/// trapping, so a hostile or corrupted number can make a report wrong but never crash it. (The
/// loader refuses absurd values first; this is the second line.)
public enum Saturating {
    public static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    public static func multiply(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? ((a < 0) == (b < 0) ? .max : .min) : product
    }

    public static func sum<S: Sequence>(_ values: S) -> Int where S.Element == Int {
        values.reduce(0, add)
    }

    /// A double as an Int, clamped to Int's range; NaN is 0.
    public static func int(_ value: Double) -> Int {
        guard !value.isNaN else { return 0 }
        if value >= 9.2e18 { return .max }
        if value <= -9.2e18 { return .min }
        return Int(value)
    }
}
