import CSQLite
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// The environment a document records, read from this process and machine when measuring starts.
extension EnvironmentInfo {
    public static func current(databaseDirectory: String, server: ServerInfo? = nil) -> EnvironmentInfo {
        var name = utsname()
        uname(&name)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let interesting = ["THREADSAFE", "DEFAULT_SYNCHRONOUS", "DEFAULT_WAL_SYNCHRONOUS", "ENABLE_JSON", "OMIT_JSON"]
        var options: [String] = []
        var index: Int32 = 0
        while let option = sqlite3_compileoption_get(index) {
            let text = String(cString: option)
            if interesting.contains(where: { text.hasPrefix($0) }) { options.append(text) }
            index += 1
        }
        return EnvironmentInfo(
            machine: field(name.machine),
            cpuModel: cpuModel(),
            cpuCount: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: ProcessInfo.processInfo.physicalMemory,
            os: osName(),
            kernel: field(name.release),
            swiftVersion: compilerVersion,
            sqliteVersion: String(cString: sqlite3_libversion()),
            sqliteCompileOptions: options,
            jemallocVersion: MemoryProbe.jemallocVersion(),
            databaseFilesystem: filesystemType(of: databaseDirectory),
            gitCommit: gitCommit(),
            date: ISO8601DateFormatter().string(from: Date()),
            server: server, benchVersion: BuildInfo.description)
    }

    private static func cpuModel() -> String {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in info.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
                ?? "unknown"
        }
        return "unknown"
    }

    private static func osName() -> String {
        guard let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return "Linux" }
        for line in release.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return String(line.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return "Linux"
    }

    /// The mount with the longest prefix of `path` in /proc/self/mounts names the filesystem.
    package static func filesystemType(of path: String) -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return "unknown" }
        var best = ("", "unknown")
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mountPoint = String(fields[1])
            let matches = resolved == mountPoint || resolved.hasPrefix(mountPoint == "/" ? "/" : mountPoint + "/")
            if matches && mountPoint.count > best.0.count { best = (mountPoint, String(fields[2])) }
        }
        return best.1
    }

    /// The commit this bench was built from; when the build did not know it, GITHUB_SHA when CI sets
    /// it, else the checkout's HEAD read from .git (no git process).
    private static func gitCommit() -> String? {
        if BuildInfo.commit != "unknown" { return BuildInfo.commit }
        if let sha = ProcessInfo.processInfo.environment["GITHUB_SHA"], !sha.isEmpty { return sha }
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<8 {
            let git = directory.appendingPathComponent(".git")
            if let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8) {
                let trimmed = head.trimmingCharacters(in: .whitespacesAndNewlines)
                guard trimmed.hasPrefix("ref: ") else { return trimmed }
                let ref = String(trimmed.dropFirst(5))
                return (try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    private static var compilerVersion: String {
        #if compiler(>=6.4)
            return ">=6.4"
        #elseif compiler(>=6.3.1)
            return "6.3.1"
        #elseif compiler(>=6.3)
            return "6.3"
        #elseif compiler(>=6.2)
            return "6.2"
        #else
            return "<6.2"
        #endif
    }
}
