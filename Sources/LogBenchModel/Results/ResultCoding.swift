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
    /// same time and wrote first still wins. `-` (standard output) is always writable.
    public static func checkWritable(_ path: String, flag: String, replace: Bool) throws(UsageError) {
        let output = try OutputPath(path, flag: flag)
        if output.isStandardOutput || isStream(path) { return }
        if !replace && entryExists(path) { throw exists(path, flag: flag) }
        // Even with --force: a folder is never replaced, and finding out after the measurement loses it.
        var entry = stat()
        if stat(path, &entry) == 0, entry.st_mode & S_IFMT == S_IFDIR {
            throw UsageError("\(flag) \(path) is a folder; name a file")
        }
        var status = stat()
        guard stat(output.folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, access(output.folder, W_OK) == 0
        else { throw UsageError("\(flag) \(path): folder \(output.folder) does not exist or is not writable") }
    }

    /// Writes to a temporary file in the same folder, then moves it into place: with `replace`
    /// by rename(2), otherwise with renameat2(RENAME_NOREPLACE), so a file that appeared meanwhile
    /// (another run writing the same path) is never replaced: that is a usage error (exit 64).
    /// An interruption never leaves half a file under `path`. `-` writes to standard output. A
    /// write the disk refuses (full, quota, I/O error) is `OutputWriteError` (exit 74), and the data
    /// is kept in a file of its own in the temporary folder, which the error names.
    public static func write(_ data: Data, to path: String, replace: Bool, flag: String = "output") throws {
        let output = try OutputPath(path, flag: flag)
        if output.isStandardOutput { return try writeStandardOutput(data) }
        if isStream(path) { return try writeStream(data, to: path) }
        var status = stat()
        guard stat(output.folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw UsageError("cannot write \(path): folder \(output.folder) does not exist")
        }
        var template = Array("\(output.folder)/.\(output.name.prefix(64)).XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw try failure(path, errno: errno, data: data) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(descriptor, 0o644)
        var code: Int32 = 0
        do { try writeAll(data, to: descriptor, path: path) } catch let error as OutputWriteError { code = error.code }
        if close(descriptor) != 0 && code == 0 { code = errno }
        if code != 0 {
            unlink(temporary)
            throw try failure(path, errno: code, data: data)
        }
        let moved = replace ? rename(temporary, path) : logbench_rename_noreplace(temporary, path)
        guard moved == 0 else {
            let code = errno
            unlink(temporary)
            if code == EEXIST { throw exists(path, flag: flag) }
            throw try failure(path, errno: code, data: data)
        }
    }

    /// Writes `data` to standard output. Whatever refuses it (a full disk behind a redirection, a
    /// closed descriptor) is `OutputWriteError` (exit 74) with the data kept in a file of its own.
    public static func writeStandardOutput(_ data: Data) throws {
        do { try writeAll(data, to: STDOUT_FILENO, path: "standard output") } catch let error as OutputWriteError {
            throw try failure("standard output", errno: error.code, data: data, alwaysKeep: true)
        }
    }

    /// Flushes what went to standard output through `print`; a refused write is `OutputWriteError`.
    public static func flushStandardOutput() throws {
        let code = logbench_flush_stdout()
        guard code == 0 else {
            throw OutputWriteError(
                code: code, description: "cannot write standard output: \(String(cString: strerror(code)))")
        }
    }

    /// The error of a failed write: a full disk, a quota or an I/O error keeps the data elsewhere
    /// (exit 74); anything else (a permission, a missing folder) is the user's path (exit 64).
    private static func failure(_ path: String, errno code: Int32, data: Data, alwaysKeep: Bool = false) throws
        -> any Error
    {
        let reason = String(cString: strerror(code))
        guard alwaysKeep || [ENOSPC, EDQUOT, EIO, EFBIG].contains(code) else {
            return UsageError("cannot write \(path): \(reason)")
        }
        let temporary = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        var template = Array("\(temporary)logbench-unsaved-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        var kept: String?
        if descriptor >= 0 {
            let name = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            if (try? writeAll(data, to: descriptor, path: name)) != nil { kept = name } else { unlink(name) }
            close(descriptor)
        }
        return OutputWriteError(
            code: code,
            description: "cannot write \(path): \(reason); "
                + (kept.map { "the output was kept in \($0)" } ?? "the output could not be kept anywhere either"))
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
        do { try writeAll(data, to: descriptor, path: path) } catch let error as OutputWriteError {
            throw try failure(path, errno: error.code, data: data)
        }
    }

    /// Every byte, retrying short writes and EINTR; `OutputWriteError` with the errno otherwise.
    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno != EINTR {
                    let code = errno
                    throw OutputWriteError(
                        code: code, description: "cannot write \(path): \(String(cString: strerror(code)))")
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

}

/// An output the disk refused to take (full, over quota, an I/O error). Exit 74 (EX_IOERR).
public struct OutputWriteError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let description: String
}
