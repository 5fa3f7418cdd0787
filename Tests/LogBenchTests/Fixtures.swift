import Foundation

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Files under Tests/LogBenchTests/Fixtures, found from this source file's path.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    /// The hand-made matrix: none, queue and log-table at 1 and 10 producers, with a limit, growth
    /// and one measured property, numbers chosen so the expected table can be checked by hand.
    static func smallMatrix() throws -> ResultDocument { try DocumentLoader.loadResult(path("matrix-small.json")) }
}
