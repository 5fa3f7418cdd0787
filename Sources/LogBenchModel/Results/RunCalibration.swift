import Foundation
import LogBenchStatistics

/// The calibration of one run: measured before the first cell and after the last.
public struct RunCalibration: Codable, Sendable, Equatable {
    public var singleWriteStartNs: Double
    public var singleWriteEndNs: Double
    /// What times are divided by: the mean of the start and end measurements.
    public var singleWriteNs: Double { (singleWriteStartNs + singleWriteEndNs) / 2 }

    public init(singleWriteStartNs: Double, singleWriteEndNs: Double) {
        self.singleWriteStartNs = singleWriteStartNs
        self.singleWriteEndNs = singleWriteEndNs
    }
}
