import Foundation

/// A path an output flag names, split without Foundation's path API (which traps on some
/// one-character paths): `-` is standard output; otherwise a folder and a file name. A path that
/// ends in `/`, or whose name is `.` or `..`, names a folder and is refused.
public struct OutputPath: Equatable, Sendable {
    public let raw: String
    public let flag: String

    public init(_ raw: String, flag: String) throws(UsageError) {
        guard !raw.isEmpty else { throw UsageError("\(flag): the path is empty") }
        self.raw = raw
        self.flag = flag
        guard isStandardOutput || !(name.isEmpty || name == "." || name == "..") else {
            throw UsageError("\(flag) \(raw): names a folder, not a file")
        }
    }

    /// `-`: the output goes to standard output.
    public var isStandardOutput: Bool { raw == "-" }

    /// The folder the file goes into ("." for a bare name, "/" for a file at the root).
    public var folder: String {
        guard let slash = raw.lastIndex(of: "/") else { return "." }
        let folder = String(raw[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The file's own name (empty when the path ends in `/`).
    public var name: String {
        guard let slash = raw.lastIndex(of: "/") else { return raw }
        return String(raw[raw.index(after: slash)...])
    }

    /// The same file however it was spelled (folder resolved through links), for conflict checks.
    public var identity: String {
        if isStandardOutput { return "-" }
        guard let resolved = realpath(folder, nil) else { return raw }
        defer { free(resolved) }
        return String(cString: resolved) + "/" + name
    }

    /// Refuses two outputs of one invocation that are the same file (or both standard output),
    /// before anything is measured. `paths`: each given output, nil when its flag was not given.
    public static func checkDistinct(_ paths: [OutputPath?]) throws(UsageError) {
        var seen: [String: OutputPath] = [:]
        for path in paths.compactMap({ $0 }) {
            if let earlier = seen[path.identity] {
                throw UsageError(
                    "\(earlier.flag) and \(path.flag) name the same \(path.isStandardOutput ? "stream" : "file") "
                        + "(\(path.raw)): give each output its own")
            }
            seen[path.identity] = path
        }
    }
}
