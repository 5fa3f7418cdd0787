import Foundation

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Runs the `bench` executable that `swift test` built beside the test bundle, each run with its own
/// temporary folder, and checks afterwards that none of its worker processes survived.
enum BenchBinary {
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("bench")
    }

    struct Run {
        let status: Int32
        let stdout: Data
        let stderr: String
        /// The temporary folder the run used (removed by `run`; listed here to check it is empty).
        let leftovers: [String]
        /// Processes still alive whose command line names this run's temporary folder.
        let survivingWorkers: [Int32]

        func document() throws -> ResultDocument { try JSONDecoder().decode(ResultDocument.self, from: stdout) }
    }

    /// - Parameter environment: variables to set (a nil value removes one) on top of the test's own.
    static func run(_ arguments: [String], environment: [String: String?] = [:]) throws -> Run {
        let folder = try ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--tmp-dir", folder]
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value }
            process.environment = merged
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("bench-out-\(UUID().uuidString)")
        let errors = output.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: try Data(contentsOf: output),
            stderr: String(decoding: try Data(contentsOf: errors), as: UTF8.self),
            leftovers: (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [],
            survivingWorkers: processes(mentioning: folder))
    }

    /// Starts `bench`, waits for its second progress line (so a cell is under way), sends `signals`
    /// one after another (the next once the previous was acknowledged on stderr), and waits for it
    /// to exit. Progress is one plain line per step when standard error is not a terminal.
    static func runSignalled(_ arguments: [String], signals: [Int32], progressPrefix: String = "[") throws -> Run {
        let folder = try ScratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--tmp-dir", folder]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        func read(until marker: (String) -> Bool) {
            while !marker(seen) {
                let chunk = stderr.fileHandleForReading.availableData
                if chunk.isEmpty { return }
                seen += String(decoding: chunk, as: UTF8.self)
            }
        }
        read { $0.components(separatedBy: "\n").filter { $0.hasPrefix(progressPrefix) }.count >= 2 }
        for (index, signal) in signals.enumerated() {
            kill(process.processIdentifier, signal)
            // The handler says so on stderr before the next signal, so the two are never merged.
            if index + 1 < signals.count { read { $0.contains("stopping after the current step") } }
        }
        seen += String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: Data(), stderr: seen,
            leftovers: (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [],
            survivingWorkers: processes(mentioning: folder))
    }

    /// Scans /proc for processes whose command line contains `text`.
    static func processes(mentioning text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let commandLine = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return commandLine.contains(text) ? pid : nil
        }
    }
}
