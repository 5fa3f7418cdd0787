import Foundation
import LogBenchStatistics

/// Scales numbers so a reader never counts zeros: ns → µs → ms → s, B → KiB → MiB → GiB.
public enum Units {
    public static func duration(ns value: Double) -> String {
        let magnitude = abs(value)
        switch magnitude {
        case ..<1_000: return String(format: "%.0f ns", value)
        case ..<1_000_000: return String(format: "%.1f µs", value / 1e3)
        case ..<1_000_000_000: return String(format: "%.2f ms", value / 1e6)
        default: return String(format: "%.2f s", value / 1e9)
        }
    }

    public static func duration(ns value: UInt64) -> String { duration(ns: Double(value)) }

    public static func bytes(_ value: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB"]
        var scaled = Double(value)
        var index = 0
        while abs(scaled) >= 1024 && index < units.count - 1 {
            scaled /= 1024
            index += 1
        }
        return index == 0 ? "\(value) B" : String(format: "%.1f %@", scaled, units[index])
    }

    public static func rate(_ perSecond: Double) -> String {
        perSecond >= 10_000 ? String(format: "%.0f logs/s", perSecond) : String(format: "%.1f logs/s", perSecond)
    }
}

extension Units {
    /// A percentage with the digits that matter: 0.12 %, 4.5 %, 87 %.
    public static func percent(_ value: Double) -> String {
        switch abs(value) {
        case 0: return "0 %"
        case ..<1: return String(format: "%.2f %%", value)
        case ..<10: return String(format: "%.1f %%", value)
        default: return String(format: "%.0f %%", value)
        }
    }
}

extension Units {
    /// A count for axis labels: 950, 12k, 3.4M.
    public static func count(_ value: Double) -> String {
        switch abs(value) {
        case ..<1_000: return String(format: "%.0f", value)
        case ..<1_000_000:
            return value.truncatingRemainder(dividingBy: 1_000) == 0
                ? String(format: "%.0fk", value / 1e3) : String(format: "%.1fk", value / 1e3)
        default: return String(format: "%.1fM", value / 1e6)
        }
    }
}

extension Units {
    /// A duration for axis ticks, without trailing zeros: 10 µs, 2.5 ms, 1 s.
    public static func axisDuration(ns value: Double) -> String {
        let (scaled, unit): (Double, String) =
            switch abs(value) {
            case ..<1_000: (value, "ns")
            case ..<1_000_000: (value / 1e3, "µs")
            case ..<1_000_000_000: (value / 1e6, "ms")
            default: (value / 1e9, "s")
            }
        let text = String(format: "%.2f", scaled).replacingOccurrences(
            of: "\\.?0+$", with: "", options: .regularExpression)
        return "\(text) \(unit)"
    }
}
