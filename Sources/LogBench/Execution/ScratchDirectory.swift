import Foundation

/// A private temporary folder (mkdtemp) for one cell's database and lock files, removed on `remove()`.
public final class ScratchDirectory: Sendable {
    public let path: String

    public init(parent: String = NSTemporaryDirectory()) throws {
        var template = Array("\(parent.hasSuffix("/") ? parent : parent + "/")logbench-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw UsageError("cannot create a temporary folder in \(parent): \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
