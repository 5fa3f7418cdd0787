import Foundation
import LogBench

/// Helpers shared by the tests: small workloads, a private temp folder, and the built `bench` binary.
enum TestSupport {
    static func workload(concurrency: Int, logs: Int = 20, runs: Int = 1) -> Workload {
        Workload(
            concurrency: concurrency, logsPerProducer: logs, runs: runs, messageBytes: 32, warmupLogsPerProducer: 2)
    }

    static func runCell(_ strategy: any AppendStrategy.Type, _ workload: Workload, keepAt: String? = nil) throws
        -> CellResult
    {
        try CellRunner(strategy: strategy, workload: workload, keepDatabaseAt: keepAt).run(harnessOverheadNs: 0)
    }

    static func temporaryFolder() throws -> String {
        try ScratchDirectory().path
    }

    /// The `bench` executable `swift test` built beside the test bundle.
    static var benchExecutable: URL {
        let buildFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        return buildFolder.appendingPathComponent("bench")
    }

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func bench(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = benchExecutable
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
