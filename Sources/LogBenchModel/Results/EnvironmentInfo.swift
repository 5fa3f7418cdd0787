import Foundation
import LogBenchStatistics

/// Where a result was measured. Baselines compare this fingerprint before comparing raw times.
public struct EnvironmentInfo: Codable, Sendable, Equatable {
    package init(
        machine: String, cpuModel: String, cpuCount: Int, memoryBytes: UInt64, os: String, kernel: String,
        swiftVersion: String, sqliteVersion: String, sqliteCompileOptions: [String], jemallocVersion: String,
        databaseFilesystem: String, gitCommit: String? = nil, date: String, server: ServerInfo? = nil,
        benchVersion: String? = nil
    ) {
        self.machine = machine
        self.cpuModel = cpuModel
        self.cpuCount = cpuCount
        self.memoryBytes = memoryBytes
        self.os = os
        self.kernel = kernel
        self.swiftVersion = swiftVersion
        self.sqliteVersion = sqliteVersion
        self.sqliteCompileOptions = sqliteCompileOptions
        self.jemallocVersion = jemallocVersion
        self.databaseFilesystem = databaseFilesystem
        self.gitCommit = gitCommit
        self.date = date
        self.server = server
        self.benchVersion = benchVersion
    }

    public var machine: String
    public var cpuModel: String
    public var cpuCount: Int
    public var memoryBytes: UInt64
    public var os: String
    public var kernel: String
    public var swiftVersion: String
    public var sqliteVersion: String
    /// The compile options that decide behaviour here: THREADSAFE, DEFAULT_(WAL_)SYNCHRONOUS, …
    public var sqliteCompileOptions: [String]
    public var jemallocVersion: String
    /// Filesystem type of the folder the databases were created in (ext4, tmpfs, …).
    public var databaseFilesystem: String
    public var gitCommit: String?
    public var date: String
    /// The PostgreSQL server of `--engine postgres` documents (absent for SQLite).
    public var server: ServerInfo? = nil
    /// The bench that measured: `BuildInfo.description` (absent in documents older than 0.5.0).
    public var benchVersion: String? = nil

    /// The parts that make raw times comparable between two results.
    public var fingerprint: String {
        "\(cpuModel) | \(cpuCount) cores | SQLite \(sqliteVersion) | \(databaseFilesystem)"
            + (server.map { " | \($0.fingerprint)" } ?? "")
    }
}
