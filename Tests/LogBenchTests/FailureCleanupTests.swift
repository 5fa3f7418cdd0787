import CSQLite
import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// A strategy whose producers cannot open their connection, as a broken database would do.
final class UnopenableStrategy: BuiltInStrategy {
    static let name = "unopenable"
    static let layout = StorageLayout.jsonColumn
    static let claimsProcessSafety = false
    static let summary = "test double: every producer fails to open"
    static let connectionPolicy = ConnectionPolicy.perProducer
    init(context: StrategyContext) throws {}
    func makeAppender(producer: Int) throws -> any LogAppender {
        throw SQLiteError(code: SQLITE_CANTOPEN, message: "unable to open database file", context: "open test")
    }
    func counters() -> StrategyCounters { StrategyCounters() }
    func shutdown() {}
}

@Suite("Failures")
struct FailureCleanupTests {
    @Test("a SQLite failure surfaces SQLite's code and leaves no temporary files or kept database")
    func sqliteFailureCleansUp() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let kept = "\(folder)/kept.db"
        let pipeline = CellPipeline(temporaryDirectory: folder)
        let spec = CellSpec(
            strategy: UnopenableStrategy.self, workload: TestSupport.workload(concurrency: 3), keepDatabaseAt: kept)
        #expect {
            try pipeline.run(spec)
        } throws: { error in
            (error as? SQLiteError)?.code == SQLITE_CANTOPEN
                && "\(error)".contains("unable to open database file")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
