import CLibPQ
import Foundation
import LogBenchModel

extension ServerInfo {
    /// Connects once and reads the server's version and settings. A server that cannot be reached
    /// is `DatabaseUnavailable` (exit 69), not an internal failure.
    public static func probe(url: String) throws -> ServerInfo {
        let connection: PGConnection
        do {
            connection = try PGConnection(url: url)
        } catch let error as PGError {
            throw DatabaseUnavailable(description: error.description)
        }
        defer { connection.close() }
        let address = try connection.query("SELECT host(inet_server_addr()), inet_server_port()")
        let library = Int(PQlibVersion())
        return ServerInfo(
            engine: .postgres, version: try connection.setting("server_version"),
            synchronousCommit: try connection.setting("synchronous_commit"), fsync: try connection.setting("fsync"),
            sharedBuffers: try connection.setting("shared_buffers"),
            maxConnections: Int(try connection.setting("max_connections")),
            connection: address.text(row: 0, column: 0).map { "TCP \($0):\(address.text(row: 0, column: 1) ?? "?")" }
                ?? "unix socket",
            client: "libpq \(library / 10000).\(library % 10000) (synchronous)")
    }
}

/// The database server named by `--database-url` could not be reached. Exit 69 (EX_UNAVAILABLE).
public struct DatabaseUnavailable: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(description: String) { self.description = description }
}
