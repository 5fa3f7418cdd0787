import Foundation

/// A private temporary folder (mkdtemp) for one cell's database and lock files, removed on `remove()`
/// or, after an interrupt, by `InterruptCleanup`.
public final class ScratchDirectory: Sendable {
    public let path: String

    public init(parent: String = NSTemporaryDirectory()) throws {
        var template = Array("\(parent.hasSuffix("/") ? parent : parent + "/")logbench-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw UsageError("cannot create a temporary folder in \(parent): \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
        // Registered so that Ctrl-C removes it too (`InterruptCleanup`), whichever runner made it.
        InterruptCleanup.shared.add(path: path)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
        InterruptCleanup.shared.remove(path: path)
    }
}

/// Where one cell's files live: a scratch folder, and the database inside it or at the path the
/// user asked to keep. A cell that fails or is interrupted leaves neither behind: an unfinished
/// run never leaves a half-written database at the kept path.
final class CellFiles {
    let scratch: ScratchDirectory
    let databasePath: String
    private let keepsDatabase: Bool

    init(keepDatabaseAt: String?, temporaryDirectory: String) throws {
        scratch = try ScratchDirectory(parent: temporaryDirectory)
        databasePath = keepDatabaseAt ?? "\(scratch.path)/bench.db"
        keepsDatabase = keepDatabaseAt != nil
        if keepsDatabase { InterruptCleanup.shared.add(path: databasePath) }
    }

    /// Runs the cell; removes the scratch folder always, and the kept database if `body` throws.
    func use<T>(_ body: (CellFiles) throws -> T) throws -> T {
        defer {
            scratch.remove()
            if keepsDatabase { InterruptCleanup.shared.remove(path: databasePath) }
        }
        do {
            return try body(self)
        } catch {
            if keepsDatabase {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    try? FileManager.default.removeItem(atPath: databasePath + suffix)
                }
            }
            throw error
        }
    }
}
