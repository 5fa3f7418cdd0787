import Foundation

/// One-sided Mann–Whitney U test: is `treatment` stochastically greater than `control`?
/// Exact p-value when the samples are small: without ties from the distribution of U, with ties from
/// the distribution of the rank sum given the tie pattern (every assignment of the observed midranks
/// to the two groups equally likely), so a tie never costs the test the power `Power` promises.
/// Larger samples use the normal approximation with tie and continuity corrections.
public enum MannWhitney {
    public struct Result: Sendable, Equatable {
        package init(u: Double, pValue: Double, exact: Bool) {
            self.u = u
            self.pValue = pValue
            self.exact = exact
        }

        /// U of the treatment sample: pairs (t, c) with t > c, ties counted as one half.
        public var u: Double
        public var pValue: Double
        public var exact: Bool
    }

    /// Largest n1 × n2 for which the exact distribution is computed (it is cheap well beyond this).
    package static let exactLimit = 400
    /// Largest n1 + n2 for which the exact distribution given ties is computed: O(n² · n1 · n) work,
    /// about a millisecond at 40. Beyond it the normal approximation is already far below any α.
    package static let exactTiesLimit = 40

    public static func greater(treatment: [Double], control: [Double]) -> Result? {
        let n1 = treatment.count
        let n2 = control.count
        guard n1 > 0, n2 > 0 else { return nil }
        var u = 0.0
        var hasTies = false
        for t in treatment {
            for c in control {
                if t > c {
                    u += 1
                } else if t == c {
                    u += 0.5
                    hasTies = true
                }
            }
        }
        let ranks = Dictionary(grouping: treatment + control, by: { $0 }).values.map(\.count)
        hasTies = hasTies || ranks.contains { $0 > 1 }
        if !hasTies && n1 * n2 <= exactLimit {
            return Result(u: u, pValue: exactUpperTail(u: Int(u), n1: n1, n2: n2), exact: true)
        }
        if n1 + n2 <= exactTiesLimit {
            let doubled = doubledMidranks(treatment + control)
            let observed = doubled[..<n1].reduce(0, +)
            return Result(u: u, pValue: exactUpperTail(rankSum2: observed, doubledRanks: doubled, n1: n1), exact: true)
        }
        return Result(u: u, pValue: normalUpperTail(u: u, n1: n1, n2: n2, tieGroups: ranks), exact: false)
    }

    /// P(U ≥ u) under the null, by counting arrangements: f(i, j, k) = f(i-1, j, k-j) + f(i, j-1, k).
    package static func exactUpperTail(u: Int, n1: Int, n2: Int) -> Double {
        let maxU = n1 * n2
        // counts[j][k]: arrangements of i treatment and j control values with U = k, for the current i.
        var counts = [[Double]](repeating: [Double](repeating: 0, count: maxU + 1), count: n2 + 1)
        for j in 0...n2 { counts[j][0] = 1 }
        for _ in 1...n1 {
            var next = [[Double]](repeating: [Double](repeating: 0, count: maxU + 1), count: n2 + 1)
            for j in 0...n2 {
                for k in 0...maxU {
                    // The largest value is a treatment value (beats all j controls) or a control value.
                    var total = k >= j ? counts[j][k - j] : 0
                    if j > 0 { total += next[j - 1][k] }
                    next[j][k] = total
                }
            }
            counts = next
        }
        let distribution = counts[n2]
        let all = distribution.reduce(0, +)
        let tail = distribution[min(max(u, 0), maxU)...].reduce(0, +)
        return tail / all
    }

    /// Twice each value's midrank (1-based), an integer: a tie group over positions a…b gets a + b.
    package static func doubledMidranks(_ values: [Double]) -> [Int] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Int](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            for position in start...end { ranks[order[position]] = (start + 1) + (end + 1) }
            start = end + 1
        }
        return ranks
    }

    /// P(sum of n1 of `doubledRanks` ≥ `rankSum2`) over all C(n, n1) equally likely choices: the
    /// permutation distribution of the rank sum given the ties. ways[k][s]: subsets of k with sum s.
    package static func exactUpperTail(rankSum2: Int, doubledRanks: [Int], n1: Int) -> Double {
        let total = doubledRanks.reduce(0, +)
        var ways = [[Double]](repeating: [Double](repeating: 0, count: total + 1), count: n1 + 1)
        ways[0][0] = 1
        var reached = 0
        for rank in doubledRanks {
            reached += rank
            for k in stride(from: n1, through: 1, by: -1) {
                for sum in stride(from: reached, through: rank, by: -1) where ways[k - 1][sum - rank] != 0 {
                    ways[k][sum] += ways[k - 1][sum - rank]
                }
            }
        }
        let distribution = ways[n1]
        let all = distribution.reduce(0, +)
        let tail = distribution[min(max(rankSum2, 0), total)...].reduce(0, +)
        return min(1, tail / all)
    }

    package static func normalUpperTail(u: Double, n1: Int, n2: Int, tieGroups: [Int]) -> Double {
        let a = Double(n1)
        let b = Double(n2)
        let n = a + b
        let mean = a * b / 2
        let tieTerm = tieGroups.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) } / (n * (n - 1))
        let variance = a * b / 12 * ((n + 1) - tieTerm)
        guard variance > 0 else { return 1 }
        let z = (u - mean - 0.5) / variance.squareRoot()
        return 0.5 * erfc(z / 2.0.squareRoot())
    }
}
