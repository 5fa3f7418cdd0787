import Foundation

/// Checks a user-named database path before anything is created: its folder must exist and be
/// writable, and nothing may be there already (a kept database is never overwritten).
public enum DatabaseLocation {
    public static func validateNew(_ path: String) throws(UsageError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("--db \(path): folder \(folder) does not exist")
        }
        guard access(folder, W_OK) == 0 else { throw UsageError("--db \(path): folder \(folder) is not writable") }
        for suffix in ["", "-wal", "-shm", "-journal"]
        where FileManager.default.fileExists(atPath: url.path + suffix) {
            throw UsageError("--db \(path): \(url.path + suffix) already exists; refusing to overwrite a database")
        }
    }

    /// Checks a folder for temporary databases.
    public static func validateTemporaryFolder(_ path: String) throws(UsageError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
            access(path, W_OK) == 0
        else { throw UsageError("--tmp-dir \(path) is not a writable folder") }
    }
}
