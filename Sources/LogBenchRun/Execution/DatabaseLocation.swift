import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Checks a user-named database path before anything is created: its folder must exist and be
/// writable, and nothing may be there already (a kept database is never overwritten).
public enum DatabaseLocation {
    public static func validateNew(_ path: String) throws(UsageError) {
        guard !path.isEmpty else { throw UsageError("--db: the path is empty") }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("--db \(path): folder \(folder) does not exist")
        }
        guard access(folder, W_OK) == 0 else { throw UsageError("--db \(path): folder \(folder) is not writable") }
        // lstat, not fileExists: a dangling or looping symbolic link is something there too, and
        // SQLite would follow it and create or open its target.
        for suffix in ["", "-wal", "-shm", "-journal"] {
            var status = stat()
            guard lstat(url.path + suffix, &status) == 0 else { continue }
            let what = (status.st_mode & S_IFMT) == S_IFLNK ? "is a symbolic link" : "already exists"
            throw UsageError("--db \(path): \(url.path + suffix) \(what); refusing to overwrite a database")
        }
    }

    /// Checks a folder for temporary databases.
    public static func validateTemporaryFolder(_ path: String) throws(UsageError) {
        guard !path.isEmpty else { throw UsageError("--tmp-dir: the path is empty") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
            access(path, W_OK) == 0
        else { throw UsageError("--tmp-dir \(path) is not a writable folder") }
    }
}
