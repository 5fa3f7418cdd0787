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

    @Test("one file per strategy, each registered, each short")
    func strategiesAreShortFilesBehindOneProtocol() throws {
        for engine in EngineKind.allCases {
            for strategy in StrategyRegistry.all(for: engine) {
                #expect(StrategyRegistry.strategy(named: strategy.name, engine: engine) != nil)
                #expect(strategy.engine == engine)
            }
        }
        let files = try Self.swiftFiles()
        #expect(files.count > 50, "found only \(files.count) Swift files under \(Self.root.path)")
        let long = files.filter { Self.lineCount($0.1) > 300 }.map(\.0)
        #expect(long.isEmpty, "files over 300 lines: \(long)")
    }

    /// Every line counts, blank ones and comments too.
    static func lineCount(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
    }

    @Test("the line count counts blank lines: 301 lines with blanks among them are over the limit")
    func lineCountCanFail() {
        let text = String(repeating: "let x = 1\n\n", count: 150) + "let y = 2\n"
        #expect(Self.lineCount(text) == 301)
    }

    @Test("the drivers and the orchestrator know no engine: it sits behind CellDatabase and StrategyContext")
    func enginesStayBehindTheirAbstraction() throws {
        let engineSpecific = ["PGConnection", "PGSchema", "EngineKind", ".postgres", "Connection(", "Statement("]
        var offenders: [String] = []
        var checked = 0
        for (path, text) in try Self.swiftFiles()
        where path.hasPrefix("Sources/LogBenchRun/Execution/Drivers/")
            || path.hasSuffix("Orchestration/PlanRunner.swift")
        {
            checked += 1
            for word in engineSpecific where text.contains(word) { offenders.append("\(path): \(word)") }
        }
        #expect(checked >= 4, "the drivers moved: only \(checked) files checked")
        #expect(offenders.isEmpty, "\(offenders)")
    }
}

extension ArchitectureTests {
    /// Documents written before they recorded their designs are read with the traits of that time;
    /// a design that changes since is a decision to make here, not a drift.
    @Test("today's registry describes the designs as the frozen table of older documents does")
    func registryMatchesTheFrozenTraits() {
        for engine in EngineKind.allCases {
            let today = StrategyRegistry.all(for: engine).map { $0.traits }
            let frozen = DesignTraits.beforeDocumentsRecordedThem.filter { $0.engine == engine }
            #expect(today == frozen, "\(engine): \(today) vs \(frozen)")
        }
    }
}
