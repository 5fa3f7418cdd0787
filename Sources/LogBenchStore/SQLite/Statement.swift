import CSQLite
import LogBenchModel

/// A prepared statement, owned by one thread at a time. Finalized on deinit.
public final class Statement {
    package let handle: OpaquePointer
    package let connection: Connection
    package let sql: String

    public init(connection: Connection, sql: String) throws {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw connection.error(rc, "prepare: \(sql)") }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Steps once. Returns true when a row is available, false when done.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(rc, sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Resets for re-execution and clears bindings; ends the statement's implicit read, if any.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    public func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    public func bind(_ value: String, at index: Int32) {
        // SQLITE_TRANSIENT (-1): SQLite copies the bytes, since Swift's buffer does not outlive the call.
        sqlite3_bind_text(handle, index, value, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }

    /// Binds UTF-8 bytes as TEXT without making a String. SQLite copies them (SQLITE_TRANSIENT), so the
    /// buffer need only live through this call.
    public func bind(bytes: UnsafeRawBufferPointer, at index: Int32) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return bind("", at: index) }
        sqlite3_bind_text64(
            handle, index, base.assumingMemoryBound(to: CChar.self), sqlite3_uint64(bytes.count),
            unsafeBitCast(-1, to: sqlite3_destructor_type.self), UInt8(SQLITE_UTF8))
    }

    public func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// Hands `body` the column's TEXT bytes in place (nil for NULL), without a String copy. The bytes
    /// are SQLite's: valid only during `body`, and only until the statement steps or resets.
    public func withText<R>(at column: Int32, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard let text = sqlite3_column_text(handle, column) else { return try body(nil) }
        return try body(UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }

    public func text(at column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: bytes)
    }

    /// Runs a statement that returns no rows, then resets it.
    public func run() throws {
        defer { sqlite3_reset(handle) }
        try step()
    }
}
