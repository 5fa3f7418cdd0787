import CLibPQ
import Foundation

/// The PostgreSQL server a document's cells wrote to, as it reported itself: part of the
/// environment's fingerprint (times from another server, or other durability settings, are not
/// comparable). Absent for SQLite documents.
public struct ServerInfo: Codable, Sendable, Equatable {
    public var engine: EngineKind
    /// `server_version`, e.g. "15.10 (Debian 15.10-0+deb12u1)".
    public var version: String
    public var synchronousCommit: String
    public var fsync: String
    public var sharedBuffers: String
    public var maxConnections: Int?
    /// How the client reaches it: "unix socket", or "TCP" and the server's address.
    public var connection: String
    /// The client library: "libpq 15.x (synchronous)".
    public var client: String

    public var fingerprint: String {
        "PostgreSQL \(version.split(separator: " ").first ?? "?") synchronous_commit=\(synchronousCommit) "
            + "fsync=\(fsync) shared_buffers=\(sharedBuffers) via \(connection)"
    }

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
