import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Rules of the code's shape that a reviewer would otherwise have to re-check by hand.
@Suite struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every Swift file under Sources/ and Tests/, as (path relative to the root, text).
    static func swiftFiles() throws -> [(String, String)] {
        var files: [(String, String)] = []
        for folder in ["Sources", "Tests"] {
            let base = root.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(atPath: base.path)
            while let relative = enumerator?.nextObject() as? String {
                guard relative.hasSuffix(".swift") else { continue }
                let text = try String(contentsOfFile: base.appendingPathComponent(relative).path, encoding: .utf8)
                files.append(("\(folder)/\(relative)", text))
            }
        }
        return files
    }

    @Test("no Swift file outside Sources/LogBench/Strategies names a strategy in a string literal")
    func strategyNamesStayInStrategies() throws {
        let files = try Self.swiftFiles()
        #expect(files.count > 50, "found only \(files.count) Swift files under \(Self.root.path)")
        var offenders: [String] = []
        for (path, text) in files where !path.hasPrefix("Sources/LogBench/Strategies/") {
            for name in StrategyRegistry.names where text.contains("\"\(name)\"") {
                offenders.append("\(path): \"\(name)\"")
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    @Test("the literal scan finds a strategy name where one is written")
    func scanCanFail() {
        let sample = "let x = " + "\"" + StrategyRegistry.names[1] + "\""
        #expect(StrategyRegistry.names.contains { sample.contains("\"\($0)\"") })
    }

    @Test("one file per strategy, each registered, each short")
    func strategiesAreShortFilesBehindOneProtocol() throws {
        for engine in EngineKind.allCases {
            for strategy in StrategyRegistry.all(for: engine) {
                #expect(StrategyRegistry.strategy(named: strategy.name, engine: engine) != nil)
                #expect(strategy.engine == engine)
            }
        }
        let long = try Self.swiftFiles().filter { $0.1.split(separator: "\n").count > 300 }.map(\.0)
        #expect(long.isEmpty, "files over 300 lines: \(long)")
    }

    @Test("the drivers and the orchestrator know no engine: it sits behind CellDatabase and StrategyContext")
    func enginesStayBehindTheirAbstraction() throws {
        let engineSpecific = ["PGConnection", "PGSchema", "EngineKind", ".postgres", "Connection(", "Statement("]
        var offenders: [String] = []
        for (path, text) in try Self.swiftFiles()
        where path.hasPrefix("Sources/LogBench/Execution/Drivers/") || path.hasSuffix("Orchestration/PlanRunner.swift")
        {
            for word in engineSpecific where text.contains(word) { offenders.append("\(path): \(word)") }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
