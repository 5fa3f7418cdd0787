import Foundation

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

/// The server backends that a cell's writers (threads or worker processes) connected through, one
/// pid per line in the cell's scratch folder, appended with O_APPEND (a short write is atomic).
struct BackendLedger {
    let path: String

    init(folder: String) { path = "\(folder)/pg-backends" }

    func record(_ pid: Int32) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw PGError(
                sqlState: nil, message: "cannot open \(path): \(String(cString: strerror(errno)))",
                context: "record a backend pid")
        }
        defer { close(descriptor) }
        let line = Array("\(pid)\n".utf8)
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    var pids: [Int32] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { Int32($0) }
    }
}
