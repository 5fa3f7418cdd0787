import LogBenchStatistics

/// One log line as the pipeline stored it in a run's JSON array.
/// Its identity is (run, producer, seq); the run is the row (or `run_id` column) it is stored under.
public struct LogEntry: Codable, Sendable, Equatable {
    public var producer: Int
    public var seq: Int
    public var level: LogLevel
    /// Wall-clock time of the call, nanoseconds since the Unix epoch.
    public var ts: Int64
    public var message: String

    public init(producer: Int, seq: Int, level: LogLevel, ts: Int64, message: String) {
        self.producer = producer
        self.seq = seq
        self.level = level
        self.ts = ts
        self.message = message
    }
}

public enum LogLevel: String, Codable, Sendable, CaseIterable {
    case info, warn, error

    /// Levels cycle info, warn, error through a producer's sequence.
    public static func forSequence(_ seq: Int) -> LogLevel { allCases[seq % allCases.count] }
}
