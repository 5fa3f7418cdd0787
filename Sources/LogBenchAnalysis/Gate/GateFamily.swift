import Foundation
import LogBenchModel
import LogBenchStatistics

/// The gate's multiple-comparison family: every test of ONE strategy, its cells (concurrency levels
/// and workloads) × its gated metrics. Holm corrects within a family, not over the whole matrix, so
/// adding strategies does not take power from the others; the family answers "did strategy S
/// regress?", which is what a failure names, and p50, mean and throughput are three looks at that
/// one question, so they share the correction. The arithmetic is in docs/gate.md ("Power and families").
public enum GateFamily {
    /// The family a cell belongs to.
    public static func name(of key: CellKey) -> String { key.strategy }

    /// Tests per cell in a family: the metrics the regression rule judges.
    public static let testsPerCell = GatedMetric.allCases.filter(\.isRegressionGated).count

    /// Holm's family size for a family of `cells` cells.
    public static func familySize(cells: Int) -> Int { cells * testsPerCell }

    /// One cell to be compared: its baseline trials (nil when the baseline is not measured yet and
    /// will have as many trials as the current side) and its current trials.
    public struct Member: Sendable, Equatable {
        public var key: CellKey
        public var baselineTrials: Int?
        public var currentTrials: Int

        public init(key: CellKey, baselineTrials: Int?, currentTrials: Int) {
            self.key = key
            self.baselineTrials = baselineTrials
            self.currentTrials = currentTrials
        }
    }

    /// A family whose best possible outcome still cannot reach alpha: the gate would be blind there.
    public struct Blind: Sendable, Equatable, CustomStringConvertible {
        package init(
            family: String, cells: Int, baselineTrials: Int, currentTrials: Int, smallestP: Double, alpha: Double,
            neededTrials: Int? = nil
        ) {
            self.family = family
            self.cells = cells
            self.baselineTrials = baselineTrials
            self.currentTrials = currentTrials
            self.smallestP = smallestP
            self.alpha = alpha
            self.neededTrials = neededTrials
        }

        public var family: String
        public var cells: Int
        public var baselineTrials: Int
        public var currentTrials: Int
        public var smallestP: Double
        public var alpha: Double
        /// Current-side trials that would suffice against this baseline (nil: none up to 1000 would).
        public var neededTrials: Int?

        public var description: String {
            let need =
                neededTrials.map { "needs at least \($0) trials per cell" }
                ?? "no trial count up to 1000 suffices against \(baselineTrials) baseline trial"
                + (baselineTrials == 1 ? "" : "s")
            return "strategy \(family): \(cells) cell\(cells == 1 ? "" : "s") with \(baselineTrials) baseline and "
                + "\(currentTrials) current trials: the smallest one-sided p is 1/\(Int((1 / smallestP).rounded())) "
                + "and Holm over its \(GateFamily.familySize(cells: cells)) tests (cells × metrics) makes it "
                + String(format: "%.3g ≥ α %.3g; ", smallestP * Double(GateFamily.familySize(cells: cells)), alpha)
                + need
        }
    }

    package static func group(_ members: [Member]) -> [String: [Member]] {
        Dictionary(grouping: members, by: { name(of: $0.key) })
    }

    /// The families that cannot reach alpha with these trial counts (empty: the gate can see everywhere).
    public static func blindFamilies(_ members: [Member], alpha: Double) -> [Blind] {
        group(members).sorted { $0.key < $1.key }.compactMap { family, cells in
            // The weakest cell decides: Holm's first step multiplies the smallest p by the family size.
            let weakest = cells.max {
                Power.smallestPValue(n1: $0.baselineTrials ?? $0.currentTrials, n2: $0.currentTrials)
                    < Power.smallestPValue(n1: $1.baselineTrials ?? $1.currentTrials, n2: $1.currentTrials)
            }!
            let n1 = weakest.baselineTrials ?? weakest.currentTrials
            let size = familySize(cells: cells.count)
            guard !Power.canReach(alpha: alpha, familySize: size, n1: n1, n2: weakest.currentTrials) else {
                return nil
            }
            return Blind(
                family: family, cells: cells.count, baselineTrials: n1, currentTrials: weakest.currentTrials,
                smallestP: Power.smallestPValue(n1: n1, n2: weakest.currentTrials), alpha: alpha,
                neededTrials: Power.minimumTrials(
                    baselineTrials: cells.map(\.baselineTrials), familySize: size, alpha: alpha))
        }
    }

    /// The fewest current-side trials, at least `atLeast`, with which every family can reach alpha;
    /// nil when some family cannot within 1000 trials (a baseline with too few trials).
    public static func minimumTrials(_ members: [Member], alpha: Double, atLeast: Int) -> Int? {
        var needed = atLeast
        for (_, cells) in group(members) {
            guard
                let n = Power.minimumTrials(
                    baselineTrials: cells.map(\.baselineTrials), familySize: familySize(cells: cells.count),
                    alpha: alpha, atLeast: atLeast)
            else { return nil }
            needed = max(needed, n)
        }
        return needed
    }

    /// The largest family, for messages ("families of 3 cells").
    public static func largestFamily(_ members: [Member]) -> Int {
        group(members).values.map(\.count).max() ?? 0
    }

    /// Cells present on both sides, with their trial counts: what a comparison will test.
    public static func members(baseline: MeasurementSet, current: MeasurementSet) -> [Member] {
        let old = Dictionary(baseline.cells.map { ($0.key, $0.trials) }, uniquingKeysWith: { a, _ in a })
        return current.cells.compactMap { cell in
            old[cell.key].map { Member(key: cell.key, baselineTrials: $0, currentTrials: cell.trials) }
        }
    }

    /// How many trials a gate run measures, decided before measuring.
    public enum TrialChoice: Sendable, Equatable {
        /// Enough: measure this many.
        case use(Int)
        /// `--trials` was not given and the default could not reach alpha: measure `to`, and say so.
        case raised(to: Int, message: String)
        /// `--trials` was given and cannot reach alpha (or nothing up to 1000 can): a usage error.
        case refused(String)
    }

    /// `requested`: the explicit `--trials`, or nil for the default (`defaultTrials`). The members'
    /// current trials are ignored: each candidate count is tried.
    public static func chooseTrials(
        _ members: [Member], requested: Int?, defaultTrials: Int, alpha: Double
    ) -> TrialChoice {
        let asked = requested ?? defaultTrials
        let families = Set(members.map { name(of: $0.key) }).count
        let largest = largestFamily(members)
        let shape =
            "\(members.count) cell\(members.count == 1 ? "" : "s") (Holm within each strategy: \(families) "
            + "famil\(families == 1 ? "y" : "ies") of up to \(largest) cell\(largest == 1 ? "" : "s") × "
            + "\(testsPerCell) metrics, α "
            + String(format: "%.3g)", alpha)
        guard let needed = minimumTrials(members, alpha: alpha, atLeast: 1) else {
            let fewest = members.compactMap(\.baselineTrials).min() ?? 0
            return .refused(
                "no number of trials up to 1000 can detect a regression across \(shape) against a baseline with "
                    + "\(fewest) trial\(fewest == 1 ? "" : "s") in a cell: record the baseline again with more trials")
        }
        if needed <= asked { return .use(asked) }
        if let requested {
            return .refused(
                "--trials \(requested) cannot detect a regression across \(shape): the smallest reachable p times "
                    + "the family size stays at or above α; use --trials \(needed) or more")
        }
        return .raised(
            to: needed,
            message: "raising trials to \(needed) so a regression can be detected across \(shape); "
                + "\(defaultTrials) could not reach α")
    }
}
