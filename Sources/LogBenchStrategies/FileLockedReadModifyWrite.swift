import CPlatform
import Foundation
import LogBenchModel
import LogBenchStore

/// `lock`: the pipeline's read-modify-write, held under an exclusive lock on a per-run lock file
/// from before the read until after the commit.
///
/// - Serializes: an open-file-description lock (`F_OFD_SETLKW`) on the run's lock file. Each
///   producer opens its own descriptor, so threads exclude each other. POSIX `fcntl` record locks
///   would not: they belong to the process (two threads both acquire) and any close of the file
///   by the process drops them. Waiters block in the kernel rather than poll.
/// - Connections: one per producer.
/// - Across processes: yes, for processes that share the lock folder on one machine (not over NFS).
public final class FileLockedReadModifyWrite: BuiltInStrategy {
    public static let name = "lock"
    public static let layout = StorageLayout.jsonColumn
    public static let claimsProcessSafety = true
    public static let connectionPolicy = ConnectionPolicy.perProducer
    public static let buffersEntries = false
    public static let summary = "read-modify-write under a per-run OFD file lock (F_OFD_SETLKW)"

    private let context: StrategyContext

    public init(context: StrategyContext) throws { self.context = context }

    package static func lockPath(run: Int, in directory: String) -> String { "\(directory)/run-\(run).lock" }

    public func makeAppender(producer: Int) throws -> any LogAppender {
        let connection = try context.openConnection()
        return Appender(
            connection: connection, column: try JSONLogColumn(connection: connection, codec: context.codec),
            context: context)
    }

    private final class Appender: LogAppender {
        package let connection: Connection
        package let column: JSONLogColumn
        package let context: StrategyContext
        package var locks: [Int: OFDLockFile] = [:]

        package init(connection: Connection, column: JSONLogColumn, context: StrategyContext) {
            self.connection = connection
            self.column = column
            self.context = context
        }

        package func append(_ entry: LogEntry, run: Int) throws {
            let lock: OFDLockFile
            if let open = locks[run] {
                lock = open
            } else {
                lock = try OFDLockFile(path: FileLockedReadModifyWrite.lockPath(run: run, in: context.scratchDirectory))
                locks[run] = lock
            }
            try lock.withExclusiveLock {
                try column.append([entry], run: run, context: context)
            }
        }
    }
}

/// A lock file opened on its own descriptor, locked with open-file-description locks.
public final class OFDLockFile {
    private let descriptor: Int32
    public let path: String

    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw LockError(path: path, operation: "open", errno: errno) }
    }

    deinit { close(descriptor) }

    public func withExclusiveLock<T>(_ body: () throws -> T) throws -> T {
        guard PhaseSample.measure(.wait, { logbench_ofd_lock_wait(descriptor) }) == 0 else {
            throw LockError(path: path, operation: "lock", errno: errno)
        }
        defer { logbench_ofd_unlock(descriptor) }
        return try body()
    }

    /// Tries to take the lock without waiting: true when taken (the caller must then `unlock()`).
    public func tryLock() throws -> Bool {
        switch logbench_ofd_try_lock(descriptor) {
        case 0: return true
        case 1: return false
        default: throw LockError(path: path, operation: "lock", errno: errno)
        }
    }

    public func unlock() { logbench_ofd_unlock(descriptor) }
}

public struct LockError: Error, CustomStringConvertible {
    package init(path: String, operation: String, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    public let path: String
    public let operation: String
    public let errno: Int32
    public var description: String { "cannot \(operation) lock file \(path): \(String(cString: strerror(errno)))" }
}
