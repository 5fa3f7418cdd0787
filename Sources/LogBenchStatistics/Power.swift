import Foundation

/// What a one-sided exact Mann–Whitney test can reach at all, before anything is measured. With n₁
/// and n₂ trials the most extreme arrangement (every new value above every old one) has probability
/// 1/C(n₁+n₂, n₁): no data can give a smaller p. Holm multiplies the smallest p of a family of m
/// tests by m, so a family can only ever reject when m / C(n₁+n₂, n₁) < α. Pure: no I/O.
public enum Power {
    /// 1 / C(n₁+n₂, n₁), the smallest one-sided exact p-value; 1 when a side has no trial.
    public static func smallestPValue(n1: Int, n2: Int) -> Double {
        guard n1 > 0, n2 > 0 else { return 1 }
        return 1 / binomial(n1 + n2, min(n1, n2))
    }

    /// C(n, k) as a Double: exact while it stays below 2^53 (every intermediate C(n-k+i, i) is an
    /// integer), then through lgamma, which stays finite where the exact value would overflow.
    package static func binomial(_ n: Int, _ k: Int) -> Double {
        var value = 1.0
        for i in stride(from: 1, through: k, by: 1) {
            value = value * Double(n - k + i) / Double(i)
            if value > 9.0e15 {
                return exp(lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1))
            }
        }
        return value
    }

    /// True when a family of `familySize` tests, corrected by Holm, can reject at `alpha` with these
    /// trial counts: the smallest p times the family size must be below alpha (the gate's rule is `<`).
    public static func canReach(alpha: Double, familySize: Int, n1: Int, n2: Int) -> Bool {
        guard familySize > 0 else { return true }
        return smallestPValue(n1: n1, n2: n2) * Double(familySize) < alpha
    }

    /// The fewest current-side trials (≥ `atLeast`, ≤ `limit`) with which every cell of the family can
    /// reach alpha, given each cell's baseline trials (`nil` in `baselineTrials`: the baseline will be
    /// measured with the same count, as when saving one). Nil when even `limit` trials cannot.
    public static func minimumTrials(
        baselineTrials: [Int?], familySize: Int, alpha: Double, atLeast: Int = 1, limit: Int = 1000
    ) -> Int? {
        guard !baselineTrials.isEmpty else { return atLeast }
        var n = max(atLeast, 1)
        while n <= limit {
            if baselineTrials.allSatisfy({ canReach(alpha: alpha, familySize: familySize, n1: $0 ?? n, n2: n) }) {
                return n
            }
            n += 1
        }
        return nil
    }
}
