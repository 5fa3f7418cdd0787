import Foundation

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
