import Foundation
import LogBench

/// Helpers shared by the tests: small workloads and a private temp folder (`BenchBinary` runs `bench`).
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
}
