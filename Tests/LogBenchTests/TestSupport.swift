import Foundation

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Helpers shared by the tests: small workloads and a private temp folder (`BenchBinary` runs `bench`).
enum TestSupport {
    static func workload(concurrency: Int, logs: Int = 20, runs: Int = 1) -> Workload {
        Workload(
            concurrency: concurrency, logsPerProducer: logs, runs: runs, messageBytes: 32, warmupLogsPerProducer: 2)
    }

    static func runCell(
        _ strategy: any BuiltInStrategy.Type, _ workload: Workload, keepAt: String? = nil,
        mode: ExecutionMode = .threads
    ) throws -> CellResult {
        try CellPipeline().run(CellSpec(strategy: strategy, workload: workload, mode: mode, keepDatabaseAt: keepAt))
    }

    /// A new private folder; remove it with `removeTemporary` (tests leave nothing in /tmp).
    static func temporaryFolder() throws -> String {
        try ScratchDirectory().path
    }

    static func removeTemporary(_ folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Removes the temporary folder a file was written into.
    static func removeTemporary(containing path: String) {
        removeTemporary((path as NSString).deletingLastPathComponent)
    }
}

/// Strategy names as the registry spells them: tests name no strategy in a string literal either.
enum Names {
    static let none = NoCoordination.name
    static let queue = PerRunQueue.name
    static let queueBatch = GroupCommitQueue.name
    static let transaction = ImmediateTransaction.name
    static let logTable = DedicatedLogTable.name
    static let logTableBatch = GroupCommitLogTable.name
    static let lock = FileLockedReadModifyWrite.name
    static let atomicAppend = AtomicJSONAppend.name
}
