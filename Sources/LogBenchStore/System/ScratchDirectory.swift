import Foundation
import LogBenchModel

/// A private temporary folder (mkdtemp) for one cell's database, lock files and worker exchange.
/// Registered with the command's cleanup scope from creation to `remove()`.
public final class ScratchDirectory: Sendable {
    public let path: String
    private let scope: CleanupScope?

    public init(parent: String = NSTemporaryDirectory(), scope: CleanupScope? = nil) throws {
        func make() throws -> String {
            var template = Array("\(parent.hasSuffix("/") ? parent : parent + "/")logbench-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else {
                throw UsageError("cannot create a temporary folder in \(parent): \(String(cString: strerror(errno)))")
            }
            return String(cString: made)
        }
        path = try scope?.addCreating(make) ?? make()
        self.scope = scope
        // A command's folder: who made it, so that `bench clean` can tell a leftover (its owner is
        // gone) from a live one. (Folders without a scope are the caller's own, e.g. a test's.)
        if scope != nil {
            try? Leftovers.ownerRecord().write(
                toFile: path + "/" + Leftovers.ownerFile, atomically: false, encoding: .utf8)
        }
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
        scope?.remove(path: path)
    }
}

/// Where one cell's files live: a scratch folder, and the database inside it or at the path the
/// user asked to keep. The kept database is created exclusively (O_CREAT|O_EXCL), so two runs
/// given the same `--db` cannot both own it; a cell that fails removes only what it created.
package final class CellFiles {
    package let scratch: ScratchDirectory
    package let databasePath: String
    private let keepsDatabase: Bool
    private let scope: CleanupScope

    package init(keepDatabaseAt: String?, temporaryDirectory: String, scope: CleanupScope) throws {
        self.scope = scope
        if let kept = keepDatabaseAt {
            _ = try scope.addCreating {
                try Self.createExclusively(kept)
                return kept
            }
        }
        do {
            scratch = try ScratchDirectory(parent: temporaryDirectory, scope: scope)
        } catch {
            if let kept = keepDatabaseAt {
                CleanupScope.removeDatabaseOrFolder(kept)
                scope.remove(path: kept)
            }
            throw error
        }
        databasePath = keepDatabaseAt ?? "\(scratch.path)/bench.db"
        keepsDatabase = keepDatabaseAt != nil
    }

    /// Claims `path` for a new database: an empty file is a valid empty SQLite database. Leftover
    /// side files of another database would be adopted by SQLite, so they are refused too.
    private static func createExclusively(_ path: String) throws {
        for suffix in ["-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: path + suffix) {
            throw UsageError("--db \(path): \(path + suffix) already exists; refusing to overwrite a database")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason =
                errno == EEXIST || errno == ELOOP
                ? "already exists (a file or a symbolic link); refusing to overwrite a database" : "cannot be created"
            throw UsageError("--db \(path): \(reason) (\(String(cString: strerror(errno))))")
        }
        close(descriptor)
    }

    /// Runs the cell; removes the scratch folder always, and the kept database if `body` throws.
    package func use<T>(_ body: (CellFiles) throws -> T) throws -> T {
        defer {
            scratch.remove()
            if keepsDatabase { scope.remove(path: databasePath) }
        }
        do {
            return try body(self)
        } catch {
            if keepsDatabase { CleanupScope.removeDatabaseOrFolder(databasePath) }
            throw error
        }
    }
}
