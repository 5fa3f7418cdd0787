import LogBenchStatistics

/// A wrong value on the command line or in a file the user named. Exit code 64 (EX_USAGE).
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Documented exit codes, shared by every command.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case regression = 2
    case dataLoss = 3
    case usage = 64
    case invalidBaseline = 65
    /// A document that could not be read at all (EX_NOINPUT).
    case unreadableInput = 66
    /// The database server (`--database-url`) could not be reached (EX_UNAVAILABLE).
    case unavailable = 69
    case internalFailure = 70
    /// An output the disk refused (full, quota, I/O error); the output is kept elsewhere (EX_IOERR).
    case outputFailure = 74
}
