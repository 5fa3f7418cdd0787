import CSQLite
import LogBenchModel

/// A failure reported by SQLite, carrying SQLite's own message and (extended) result code.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    package init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    public let code: Int32
    public let message: String
    public let context: String

    public var isBusy: Bool { code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED }

    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        return "SQLite error \(code) (\(name)) in \(context): \(message)"
    }
}
