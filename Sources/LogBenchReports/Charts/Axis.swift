import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// Maps data values to pixels along one axis and picks readable tick values (1-2-5 steps).
package struct Axis {
    package let scale: LineChart.Scale
    package let low: Double
    package let high: Double
    package let from: Double
    package let to: Double

    /// Widens the data range to round tick values: whole decades on a log scale, nice steps otherwise.
    package init(scale: LineChart.Scale, range: (Double, Double), from: Double, to: Double) {
        self.scale = scale
        self.from = from
        self.to = to
        switch scale {
        case .log:
            let decadeLow = pow(10, floor(log10(range.0)))
            let decadeHigh = pow(10, ceil(log10(range.1)))
            // Within one decade, 1-2-5 steps bound the data more closely than whole decades.
            low = Self.niceBelow(range.0, floorDecade: decadeLow)
            high = Self.niceAbove(range.1, ceilDecade: decadeHigh)
        case .linear:
            let step = Self.linearStep(range.1 - range.0)
            low = floor(range.0 / step) * step
            high = ceil(range.1 / step) * step
        }
    }

    package func map(_ value: Double) -> Double {
        let fraction: Double
        switch scale {
        case .log: fraction = (log10(value) - log10(low)) / (log10(high) - log10(low))
        case .linear: fraction = (value - low) / (high - low)
        }
        return from + (to - from) * fraction
    }

    package func ticks() -> [Double] {
        switch scale {
        case .linear:
            let step = Self.linearStep(high - low)
            return stride(from: low, through: high + step / 2, by: step).map { $0 }
        case .log:
            let decades = log10(high) - log10(low)
            let multiples: [Double] = decades <= 2.5 ? [1, 2, 5] : [1]
            var ticks: [Double] = []
            var decade = pow(10, floor(log10(low)))
            while decade <= high * 1.0001 {
                for m in multiples where decade * m >= low * 0.9999 && decade * m <= high * 1.0001 {
                    ticks.append(decade * m)
                }
                decade *= 10
            }
            // Every other decade when there are many, so labels do not collide.
            return ticks.count > 8 ? ticks.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) : ticks
        }
    }

    package static func linearStep(_ span: Double) -> Double {
        guard span > 0 else { return 1 }
        let raw = span / 5
        let magnitude = pow(10, floor(log10(raw)))
        let steps = [1.0, 2, 5, 10]
        return (steps.first { $0 * magnitude >= raw } ?? 10) * magnitude
    }

    package static func niceBelow(_ value: Double, floorDecade: Double) -> Double {
        [5.0, 2, 1].map { $0 * floorDecade }.first { $0 <= value } ?? floorDecade
    }

    package static func niceAbove(_ value: Double, ceilDecade: Double) -> Double {
        [0.2, 0.5, 1].map { $0 * ceilDecade }.first { $0 >= value } ?? ceilDecade
    }
}
