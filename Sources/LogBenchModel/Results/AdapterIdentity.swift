/// Which external implementation a cell measured (`--adapter`), as its handshake and its files
/// said: a report names it, and `check` says when the files changed since the baseline.
public struct AdapterIdentity: Codable, Sendable, Equatable {
    /// The name the adapter gave in its handshake: the cell's strategy name.
    public var name: String
    public var version: String
    /// The adapter protocol version both sides spoke.
    public var protocolVersion: Int
    /// The command as given, split into arguments.
    public var command: [String]
    /// FNV-1a 64 (hex) over the command's files (see `files`), in order: changes when the code does.
    public var filesHash: String
    /// The files hashed: each argument that names a file, and the files beside a named script with
    /// its extension (the modules it imports).
    public var files: [String]
    /// False for a do-nothing adapter (it writes nothing, so its cells lose every entry by design).
    public var stores: Bool

    public init(
        name: String, version: String, protocolVersion: Int, command: [String], filesHash: String, files: [String],
        stores: Bool
    ) {
        self.name = name
        self.version = version
        self.protocolVersion = protocolVersion
        self.command = command
        self.filesHash = filesHash
        self.files = files
        self.stores = stores
    }

    /// "seed-queue 1.0.0 (files 3fa2c1d9e0b1)".
    public var label: String { "\(name) \(version) (files \(filesHash.prefix(12)))" }
}
