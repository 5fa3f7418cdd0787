import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Per-phase distributions of one producer (or of a whole cell, merged): an exact sum per phase for
/// the mean, and a histogram per phase for its percentiles.
package struct PhaseHistograms: Sendable {
    /// One histogram each, allocated here (before the measured phase): `Array(repeating:)` would
    /// share one buffer until each histogram's first record, and those copies would land inside the
    /// measured phase as if the design had allocated them. None when phase timing is off.
    package var histograms = PhaseSample.enabled ? Phase.allCases.map { _ in LatencyHistogram.coarse() } : []
    package var sums = [UInt64](repeating: 0, count: Phase.allCases.count)
    /// Appends that spent nothing in each phase, recorded as zeros only when read: most phases of
    /// most designs are zero, and eight histogram records per append cost the producer more than a count.
    package var zeros = [UInt64](repeating: 0, count: Phase.allCases.count)
    package var count: UInt64 = 0

    /// Records one append of `totalNs`; whatever its phases do not cover goes to `other`.
    package mutating func record(_ sample: PhaseSample, totalNs: UInt64) {
        guard !histograms.isEmpty else { return }  // phase timing is off
        var claimed: UInt64 = 0
        for phase in Phase.allCases where phase != .other {
            claimed &+= sample.ns[phase.rawValue]
            add(sample.ns[phase.rawValue], to: phase)
        }
        add(totalNs > claimed ? totalNs - claimed : 0, to: .other)
        count += 1
    }

    @inline(__always)
    private mutating func add(_ value: UInt64, to phase: Phase) {
        if value == 0 {
            zeros[phase.rawValue] &+= 1
        } else {
            histograms[phase.rawValue].record(value)
            sums[phase.rawValue] &+= value
        }
    }

    /// An entry that was never sent: its whole latency (the wait it had reached) is schedule.
    package mutating func recordSchedule(_ ns: UInt64) {
        guard !histograms.isEmpty else { return }
        for phase in Phase.allCases { add(phase == .schedule ? ns : 0, to: phase) }
        count += 1
    }

    package mutating func merge(_ other: PhaseHistograms) {
        if histograms.isEmpty { histograms = other.histograms.map { _ in LatencyHistogram.coarse() } }
        for index in histograms.indices where index < other.histograms.count {
            histograms[index].merge(other.histograms[index])
            sums[index] &+= other.sums[index]
            zeros[index] &+= other.zeros[index]
        }
        count += other.count
    }

    /// Phase name → mean, p50, p99 (ns); phases that never took time are left out.
    package var summary: [String: PhaseSummary] {
        guard count > 0 else { return [:] }
        var result: [String: PhaseSummary] = [:]
        for phase in Phase.allCases where sums[phase.rawValue] > 0 {
            var histogram = histograms[phase.rawValue]
            histogram.record(0, count: zeros[phase.rawValue])
            let summary = histogram.summary
            result[phase.name] = PhaseSummary(
                mean: Double(sums[phase.rawValue]) / Double(count), p50: summary.p50, p99: summary.p99)
        }
        return result
    }
}
