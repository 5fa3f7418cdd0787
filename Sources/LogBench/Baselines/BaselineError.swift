/// A baseline (or result file given in its place) that cannot be used. Exit code 65.
/// The message names the file, what is wrong and where.
public struct BaselineError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let problem: String

    public init(file: String, _ problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "invalid baseline \(file): \(problem)" }
}

/// A baseline asked for by name that does not exist. Exit code 65, listing the ones that do.
public struct MissingBaselineError: Error, CustomStringConvertible, Sendable {
    public let requested: String
    public let directory: String
    public let available: [String]

    public var description: String {
        let list = available.isEmpty ? "none" : available.joined(separator: ", ")
        return "no baseline \"\(requested)\" (looked for \(requested) and \(directory)/\(requested).json); "
            + "baselines in \(directory): \(list)"
    }
}
