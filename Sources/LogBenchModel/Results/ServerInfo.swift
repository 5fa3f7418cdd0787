import Foundation
import LogBenchStatistics

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

    public init(
        engine: EngineKind, version: String, synchronousCommit: String, fsync: String, sharedBuffers: String,
        maxConnections: Int?, connection: String, client: String
    ) {
        self.engine = engine
        self.version = version
        self.synchronousCommit = synchronousCommit
        self.fsync = fsync
        self.sharedBuffers = sharedBuffers
        self.maxConnections = maxConnections
        self.connection = connection
        self.client = client
    }

    public var fingerprint: String {
        "PostgreSQL \(version.split(separator: " ").first ?? "?") synchronous_commit=\(synchronousCommit) "
            + "fsync=\(fsync) shared_buffers=\(sharedBuffers) via \(connection)"
    }
}
