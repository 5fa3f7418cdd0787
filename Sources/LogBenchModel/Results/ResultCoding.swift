import CPlatform
import Foundation
import LogBenchStatistics

/// Reads and writes result documents: stable key order, pretty-printed, atomic writes.
public enum ResultCoding {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Checks, before any measuring, that `write(_:to:replace:flag:)` will be able to write `path`.
    /// Only a check: the write itself refuses an existing file again, so a run that started at the
    /// same time and wrote first still wins.
    public static func checkWritable(_ path: String, flag: String, replace: Bool) throws(UsageError) {
        guard !path.isEmpty else { throw UsageError("\(flag): the path is empty") }
        if isStream(path) { return }
        if !replace && entryExists(path) { throw exists(path, flag: flag) }
        let folder = folder(of: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
            access(folder, W_OK) == 0
        else { throw UsageError("\(flag) \(path): folder \(folder) does not exist or is not writable") }
    }

    /// Writes to a temporary file in the same folder, then moves it into place: with `replace`
    /// by rename(2), otherwise with renameat2(RENAME_NOREPLACE), so a file that appeared meanwhile
    /// (another run writing the same path) is never replaced: that is a usage error (exit 64).
    /// An interruption never leaves half a file under `path`.
    public static func write(_ data: Data, to path: String, replace: Bool, flag: String = "output") throws {
        guard !path.isEmpty else { throw UsageError("\(flag): the path is empty") }
        if isStream(path) { return try writeStream(data, to: path) }
        let folder = folder(of: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("cannot write \(path): folder \(folder) does not exist")
        }
        let name = (path as NSString).lastPathComponent
        var template = Array("\(folder)/.\(name.prefix(64)).XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw UsageError("cannot write \(path): \(String(cString: strerror(errno)))") }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var failure: String?
        fchmod(descriptor, 0o644)
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, failure == nil {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno != EINTR { failure = String(cString: strerror(errno)) }
                if written > 0 { offset += written }
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw UsageError("cannot write \(path): \(failure)")
        }
        let moved = replace ? rename(temporary, path) : logbench_rename_noreplace(temporary, path)
        guard moved == 0 else {
            let code = errno
            unlink(temporary)
            if code == EEXIST { throw exists(path, flag: flag) }
            throw UsageError("cannot write \(path): \(String(cString: strerror(code)))")
        }
    }

    /// A character device, FIFO or socket (`/dev/null`, `/dev/stdout`, a pipe): written into, never
    /// replaced. Renaming a file over `/dev/null` would turn the device into a regular file.
    package static func isStream(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        return type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK
    }

    private static func writeStream(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw UsageError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno != EINTR {
                    throw UsageError("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                if written > 0 { offset += written }
            }
        }
    }

    /// Whether anything is at `path` itself: a file, a folder, or a symbolic link even when it
    /// dangles or loops (which `FileManager.fileExists` reports as absent).
    package static func entryExists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    package static func exists(_ path: String, flag: String) -> UsageError {
        UsageError("\(flag) \(path) already exists; refusing to overwrite it (pass --force to replace it)")
    }

    package static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}
