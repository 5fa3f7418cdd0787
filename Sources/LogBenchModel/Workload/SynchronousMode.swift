import Foundation
import LogBenchStatistics

public enum SynchronousMode: String, Sendable, CaseIterable, Codable {
    case off, normal, full
    package var pragmaValue: String { rawValue.uppercased() }
}
