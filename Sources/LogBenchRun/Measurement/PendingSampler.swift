import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Samples a buffering strategy's `pendingSnapshot()` on its own thread through the measured phase
/// (every 5 ms at first; past 4096 samples neighbours merge, keeping the larger, and the interval
/// doubles, so memory stays bounded however long the phase). The series it returns has at most
/// `maxPoints` samples, each the largest of the ones it stands for.
package final class PendingSampler: @unchecked Sendable {
    package static let maxPoints = DocumentBounds.pendingSeriesPoints
    private var samples: [PendingSample] = []
    private var sampler: PeriodicSampler?
    private var intervalNs: UInt64 = 5_000_000
    private let originNs: UInt64

    /// Starts sampling now; `originNs` is the phase start the samples' times count from.
    package init(strategy: any AppendStrategy, originNs: UInt64) {
        self.originNs = originNs
        samples.reserveCapacity(4096)
        // The first sample before the gate opens: the series starts from what was pending at the start.
        let first = strategy.pendingSnapshot() ?? PendingSnapshot()
        samples.append(PendingSample(atNs: 0, entries: first.entries, largestRun: first.largestRun, bytes: first.bytes))
        sampler = PeriodicSampler(name: "pending-sampler") { [self] in
            let snapshot = strategy.pendingSnapshot() ?? PendingSnapshot()
            let now = MonotonicClock.now()
            samples.append(
                PendingSample(
                    atNs: now > originNs ? now - originNs : 0, entries: snapshot.entries,
                    largestRun: snapshot.largestRun, bytes: snapshot.bytes))
            if samples.count >= 4096 {
                samples = Self.merged(samples, into: 2048)
                intervalNs *= 2
            }
            return intervalNs
        }
    }

    /// Stops (after one last sample) and returns the series, at most `maxPoints` long.
    package func stop() -> [PendingSample] {
        sampler?.stop()
        sampler = nil
        return Self.merged(samples, into: Self.maxPoints)
    }

    /// At most `count` samples: consecutive groups, each represented by its sample with the most
    /// entries (a peak is never averaged away); the first and last samples are kept as they are.
    package static func merged(_ samples: [PendingSample], into count: Int) -> [PendingSample] {
        guard samples.count > count, count >= 3 else { return samples }
        let inner = samples[1..<(samples.count - 1)]
        let groups = count - 2
        var out = [samples[0]]
        for group in 0..<groups {
            let from = inner.startIndex + group * inner.count / groups
            let to = inner.startIndex + (group + 1) * inner.count / groups
            guard from < to else { continue }
            out.append(inner[from..<to].max { $0.entries < $1.entries }!)
        }
        out.append(samples[samples.count - 1])
        return out
    }
}
