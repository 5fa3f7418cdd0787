import LogBenchModel
import LogBenchStatistics
import LogBenchStrategies

/// A cell's measured phase repeated in rounds (`Workload.rounds`): each round is the driver's whole
/// drive (its strategy, producers and warm-up made afresh) into its own runs, and what the rounds
/// saw is joined into one `Observations`. The measured time is the sum of the rounds' windows, so
/// the setup between rounds is never counted; memory is recorded per round (the largest rise wins,
/// allocation requests add up).
struct MeasuredRounds {
    var workload: Workload
    /// A driver that runs worker processes hands them the workload as written: one round only.
    var singleRound: Bool
    /// Whether this process's allocator and RSS describe the producers' work (in-process drivers).
    var recordsMemory: Bool

    /// Rounds to drive at most, and the time after which no further round starts.
    var limit: (rounds: Int, minMeasuredNs: UInt64?) {
        singleRound ? (1, nil) : (max(workload.rounds, 1), workload.minMeasuredNs)
    }

    /// Drives rounds until the limit, or until the strategy fails; returns what they saw together.
    func drive(
        round: (Workload, MeasuredPhase) throws -> Observations, willStart: @escaping (Workload) throws -> Void
    ) throws -> (observed: Observations, rounds: Int, memory: MemoryRecorder.Result?, halfWidth: Double?) {
        let (maxRounds, minMeasuredNs) = limit
        var joined: Observations?
        var memory: MemoryRecorder.Result?
        var count = 0
        var windowsNs: [Double] = []
        while count < maxRounds {
            var recorder: MemoryRecorder?
            let roundWorkload = workload.inRound(count)
            let phase = MeasuredPhase(
                willStart: {
                    try willStart(roundWorkload)
                    if recordsMemory { recorder = try MemoryRecorder.start() }
                },
                didEnd: { recorder?.stop() })
            let observed = try round(roundWorkload, phase)
            count += 1
            windowsNs.append(Double(observed.measuredNs))
            if let result = recorder?.result { memory = memory.map { $0.joined(with: result) } ?? result }
            if joined == nil { joined = observed } else { joined?.absorb(observed) }
            guard observed.strategyFailure == nil else { break }
            if let minMeasuredNs, let joined,
                AutoRounds.enough(windowsNs: windowsNs, measuredNs: joined.measuredNs, minMeasuredNs: minMeasuredNs)
            {
                break
            }
        }
        return (joined ?? Observations(), count, memory, Descriptive.batchMeansRelativeHalfWidth95(windowsNs))
    }
}

/// When `--rounds auto` has measured enough: at least the minimum time and five rounds, then until
/// the throughput is known to ±2.5 % (the 95 % confidence interval of the mean round window, by
/// batch means of consecutive rounds since neighbouring rounds drift together: every round sends
/// the same entries, so throughput is entries over that mean), or three times the minimum was
/// measured. A design whose rounds vary (SQLite's busy handler sleeps in steps of up to 100 ms)
/// measures longer than a steady one; the interval reached is printed either way.
package enum AutoRounds {
    package static let minRounds = 5

    package static func enough(windowsNs: [Double], measuredNs: UInt64, minMeasuredNs: UInt64) -> Bool {
        guard measuredNs >= minMeasuredNs else { return false }
        let ceiling = minMeasuredNs.multipliedReportingOverflow(by: UInt64(Workload.autoRoundsCeilingFactor))
        if measuredNs >= ceiling.partialValue { return true }
        guard windowsNs.count >= minRounds, let halfWidth = Descriptive.batchMeansRelativeHalfWidth95(windowsNs) else {
            return false
        }
        return halfWidth <= Workload.autoRoundsPrecision
    }
}

extension MemoryRecorder.Result {
    /// Two rounds' figures: the larger rise over its own start, requests summed, the larger RSS peak.
    func joined(with other: Self) -> Self {
        let keepOther =
            other.peakAllocatedBytes - other.allocatedAtStartBytes > peakAllocatedBytes - allocatedAtStartBytes
        let peaks = [peakRssBytes, other.peakRssBytes].compactMap { $0 }
        return Self(
            peakRssBytes: peaks.max(),
            peakAllocatedBytes: keepOther ? other.peakAllocatedBytes : peakAllocatedBytes,
            allocatedAtStartBytes: keepOther ? other.allocatedAtStartBytes : allocatedAtStartBytes,
            allocationRequests: allocationRequests &+ other.allocationRequests)
    }
}

extension Observations {
    /// The measured time: this round's window plus the rounds before it.
    package var measuredNs: UInt64 { earlierRoundsNs + (endNs > startNs ? endNs - startNs : 0) }

    /// The next round's observations added to these (each round writes its own runs).
    package mutating func absorb(_ next: Observations) {
        earlierRoundsNs = measuredNs + next.earlierRoundsNs
        startNs = next.startNs
        endNs = next.endNs
        latency.merge(next.latency)
        failedLatency.merge(next.failedLatency)
        phases.merge(next.phases)
        sent.merge(next.sent)
        addErrors(next.errors, counts: next.errorCounts)
        counters.busyWaits += next.counters.busyWaits
        counters.retries += next.counters.retries
        if let pending = next.counters.maxPendingPerRun {
            counters.maxPendingPerRun = max(counters.maxPendingPerRun ?? 0, pending)
        }
        counters.addPendingFigures(of: next.counters)
        if let rss = next.workerPeakRssBytes { workerPeakRssBytes = max(workerPeakRssBytes ?? 0, rss) }
        load.merge(next.load)
        strategyFailure = strategyFailure ?? next.strategyFailure
        absorbAllBusy(next)
    }
}
