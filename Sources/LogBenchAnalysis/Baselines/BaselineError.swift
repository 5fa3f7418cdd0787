import LogBenchModel
import LogBenchStatistics

/// A baseline or result document that cannot be used: exit code 65, or 66 when the file could not
/// be read at all (missing, a folder, no permission). The message names the file, what is wrong
/// and where (the JSON path).
public struct BaselineError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let problem: String
    /// The file could not be read: an input failure (66), not an invalid document.
    public let unreadable: Bool

    public init(file: String, _ problem: String, unreadable: Bool = false) {
        self.file = file
        self.problem = problem
        self.unreadable = unreadable
    }

    public var description: String {
        unreadable ? "cannot read \(file): \(problem)" : "invalid document \(file): \(problem)"
    }
}

/// A baseline asked for by name that does not exist. Exit code 65, listing the ones that do.
public struct MissingBaselineError: Error, CustomStringConvertible, Sendable {
    package init(requested: String, directory: String, available: [String]) {
        self.requested = requested
        self.directory = directory
        self.available = available
    }

    public let requested: String
    public let directory: String
    public let available: [String]

    public var description: String {
        let list = available.isEmpty ? "(there are none)" : available.joined(separator: ", ")
        return "no baseline \"\(requested)\" (looked for \(requested) and \(directory)/\(requested).json); "
            + "baselines in \(directory): \(list)"
    }
}
