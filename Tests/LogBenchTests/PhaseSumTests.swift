import Foundation
import Testing

@testable import LogBenchModel
@testable import LogBenchRun
@testable import LogBenchStrategies

/// Phases always add up: for every strategy, the phase means sum to the mean latency within 1 %, in
/// closed loop, open loop (where the time behind schedule is its own phase and unsent entries count)
/// and with accepted acknowledgements.
@Suite struct PhaseSumTests {
    enum Load: String, CaseIterable, Sendable {
        case closed, open, accepted

        var profile: LoadProfile {
            switch self {
            case .closed: LoadProfile()
            // With a 200 µs delay injected per call, a send every 100 µs cannot be kept: producers fall
            // further behind with every call, and the last entries go unsent.
            case .open: LoadProfile(ratePerSec: 10000, durationS: 0.05)
            case .accepted: LoadProfile(ack: .accepted)
            }
        }
    }

    @Test(arguments: StrategyRegistry.names, Load.allCases)
    func phasesSumToTheMeanLatency(strategy name: String, load: Load) throws {
        let strategy = try #require(StrategyRegistry.strategy(named: name))
        var workload = TestSupport.workload(concurrency: 3, logs: 40)
        workload.load = load.profile
        if load == .open {
            workload.logsPerProducer = LoadProfile.scheduledEntries(ratePerSec: 10000, durationS: 0.05)
            workload.injectDelayUs = 200
        }
        let cell = try TestSupport.runCell(strategy, workload)
        let phases = try #require(cell.phasesNs, "no phases for \(name)")
        let sum = phases.values.reduce(0) { $0 + $1.mean }
        let mean = cell.latencyNs.mean
        #expect(mean > 0)
        #expect(
            abs(sum - mean) <= 0.01 * mean, "\(name) \(load): phases \(sum) ns vs mean latency \(mean) ns: \(phases)")
        if load == .open {
            // Behind schedule is its own phase, not `other` (before: 124 of 188 µs in `other`).
            #expect((phases["schedule"]?.mean ?? 0) > 0, "\(name): \(phases)")
            #expect((phases["other"]?.mean ?? 0) <= 0.10 * mean, "\(name): \(phases)")
        }
    }

    /// Zeros are counted, not recorded, until read: a phase that most appends skip still has a p50 of
    /// zero and a p99 from the few that spent time in it, merged or not.
    @Test func phasesMostAppendsSkipKeepTheirZeros() {
        var producer = PhaseHistograms()
        let sample = PhaseSample()
        for index in 0..<100 {
            sample.reset()
            sample.ns[Phase.read.rawValue] = index < 95 ? 0 : 1_000_000
            producer.record(sample, totalNs: 2_000_000)
        }
        var cell = PhaseHistograms()
        cell.merge(producer)
        cell.merge(producer)
        for phases in [producer, cell] {
            let read = phases.summary["read"]
            #expect(read?.p50 == 0)
            #expect(read.map { $0.p99 > 900_000 } == true)
            #expect(read.map { abs($0.mean - 50_000) < 1 } == true)
            #expect(phases.summary["other"]?.p50 ?? 0 > 1_000_000)
        }
    }
}
