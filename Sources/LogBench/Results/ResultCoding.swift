import Foundation

/// Reads and writes result documents: stable key order, pretty-printed, atomic writes.
public enum ResultCoding {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Checks, before any measuring, that `write(_:to:replace:)` will be able to write `path`.
    public static func checkWritable(_ path: String, flag: String, replace: Bool) throws(UsageError) {
        if !replace && FileManager.default.fileExists(atPath: path) {
            throw UsageError("\(flag) \(path) already exists; refusing to overwrite it (pass --force to replace it)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
            access(folder, W_OK) == 0
        else { throw UsageError("\(flag) \(path): folder \(folder) does not exist or is not writable") }
    }

    /// Writes to a temporary file beside `path` and renames it, so an interruption never leaves
    /// half a file. Refuses to replace an existing file unless `replace`.
    public static func write(_ data: Data, to path: String, replace: Bool) throws {
        if !replace && FileManager.default.fileExists(atPath: path) {
            throw UsageError("\(path) already exists; refusing to overwrite it (pass --force to replace it)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { throw UsageError("cannot write \(path): folder \(directory) does not exist") }
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw UsageError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw UsageError("cannot write \(path): \(message)")
        }
    }
}
