import Foundation
import LogBenchModel
import LogBenchStore

/// How a PostgreSQL strategy reaches the cell's schema through its `StrategyContext`.
extension StrategyContext {
    /// The cell's schema (nil for a SQLite cell).
    public var schema: PGSchema? {
        guard case .schema(_, let name) = database else { return nil }
        return try? PGSchema(name: name)
    }

    /// Opens a connection whose `search_path` is the cell's schema; the caller owns and closes it
    /// (one per thread). Its backend's pid goes into the cell's `BackendLedger`, so that the audit
    /// can wait until the server has ended the backends of every writer, a killed one's included.
    public func openServerConnection() throws -> PGConnection {
        guard case .schema(let url, let name) = database else {
            throw PGError(sqlState: nil, message: "not a PostgreSQL cell", context: "open a server connection")
        }
        let connection = try PGSchema(name: name).connect(url: url)
        do {
            try BackendLedger(folder: scratchDirectory).record(connection.backendPID)
        } catch {
            connection.close()
            throw error
        }
        return connection
    }
}
