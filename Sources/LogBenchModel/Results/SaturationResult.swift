import Foundation
import LogBenchStatistics

/// One step of a saturation search.
public struct SaturationStep: Codable, Sendable, Equatable {
    public var ratePerProducer: Double
    public var offeredPerSec: Double
    public var writtenPerSec: Double
    /// p99 of the durability lag (under durable: of the latency from the intended send time).
    public var lagP99Ns: UInt64
    public var maxPendingPerRun: Int?
    public var sustained: Bool
    /// Why not, when not.
    public var reason: String?
    /// True for the second try of a rate whose first try was not sustained (absent otherwise).
    public var retry: Bool?

    public init(
        ratePerProducer: Double, offeredPerSec: Double, writtenPerSec: Double, lagP99Ns: UInt64,
        maxPendingPerRun: Int?, sustained: Bool, reason: String?
    ) {
        self.ratePerProducer = ratePerProducer
        self.offeredPerSec = offeredPerSec
        self.writtenPerSec = writtenPerSec
        self.lagP99Ns = lagP99Ns
        self.maxPendingPerRun = maxPendingPerRun
        self.sustained = sustained
        self.reason = reason
    }

    /// Judges one step's cell against the lag budget.
    package init(cell: CellResult, rate: Double, lagBudgetNs: Double) {
        let lag = cell.durabilityLagNs ?? cell.latencyNs
        var reason: String?
        if cell.audit.hasDataLoss || (cell.audit.acceptedLost ?? 0) > 0 || cell.audit.failed > 0 {
            reason = "entries lost, abandoned or failed"
        }
        if let growth = cell.load?.growth, growth.sustainable == false { reason = growth.reason ?? growth.verdict }
        if reason == nil && Double(lag.p99) > lagBudgetNs {
            reason =
                "p99 durability lag \(Units.duration(ns: lag.p99)) over the \(Units.duration(ns: lagBudgetNs)) budget"
        }
        self.init(
            ratePerProducer: rate, offeredPerSec: rate * Double(cell.concurrency),
            writtenPerSec: cell.load?.writtenPerSec ?? cell.throughputPerSec, lagP99Ns: lag.p99,
            maxPendingPerRun: cell.counters.maxPendingPerRun, sustained: reason == nil, reason: reason)
    }
}

/// The outcome of a saturation search: every step, and the knee.
public struct SaturationResult: Codable, Sendable, Equatable {
    package init(
        strategy: String, concurrency: Int, ack: AckPoint, lagBudgetNs: Double, stepDurationS: Double,
        steps: [SaturationStep], kneeRatePerProducer: Double? = nil, firstUnsustainedRate: Double? = nil,
        wallTimeNs: UInt64
    ) {
        self.strategy = strategy
        self.concurrency = concurrency
        self.ack = ack
        self.lagBudgetNs = lagBudgetNs
        self.stepDurationS = stepDurationS
        self.steps = steps
        self.kneeRatePerProducer = kneeRatePerProducer
        self.firstUnsustainedRate = firstUnsustainedRate
        self.wallTimeNs = wallTimeNs
    }

    public var strategy: String
    public var concurrency: Int
    public var ack: AckPoint
    public var lagBudgetNs: Double
    public var stepDurationS: Double
    public var steps: [SaturationStep]
    /// The highest rate per producer that was sustained (nil: not even the first).
    public var kneeRatePerProducer: Double?
    /// The lowest rate per producer that was not (nil: every step was sustained).
    public var firstUnsustainedRate: Double?
    public var wallTimeNs: UInt64
    /// The engine searched (absent: SQLite).
    public var engine: EngineKind?

    public var kneeOfferedPerSec: Double? { kneeRatePerProducer.map { $0 * Double(concurrency) } }

    /// The step that decided each rate: its retry when it had one.
    public static func verdicts(_ steps: [SaturationStep]) -> [SaturationStep] {
        // A step and its confirmations (the next steps, `retry`, at the same rate) are one verdict:
        // the majority of the tries, a tie counting as not sustained; the last try of the majority
        // stands for the group.
        var groups: [[SaturationStep]] = []
        for step in steps {
            if step.retry == true, let last = groups.last?.last, last.ratePerProducer == step.ratePerProducer {
                groups[groups.count - 1].append(step)
            } else {
                groups.append([step])
            }
        }
        return groups.map { tries in
            let sustained = tries.filter(\.sustained).count * 2 > tries.count
            return tries.last { $0.sustained == sustained } ?? tries[tries.count - 1]
        }
    }
}
