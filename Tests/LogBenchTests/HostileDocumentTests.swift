import Foundation
import Testing

@testable import DocumentFuzzing
@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The fuzz target's harness (`DocumentExercise`: every loader, every renderer) on the seeds and on
/// inputs the fuzzer found or that are known to hurt: none may crash. `Scripts/fuzz.sh` runs it for longer.
@Suite("Hostile documents")
struct HostileDocumentTests {
    static let repository = Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func seeds() throws -> [Data] {
        try [
            "Tests/LogBenchTests/Fixtures/matrix-small.json", "Baselines/ci.json",
            "Tests/LogBenchTests/Fixtures/matrix-growth.json", "Tests/LogBenchTests/Fixtures/seed-claims-small.json",
        ].map {
            try Data(contentsOf: repository.appendingPathComponent($0))
        }
    }

    /// Each seed with one number replaced by each extreme, everywhere the text has that number.
    static func extremes(of seed: Data) -> [Data] {
        let text = String(decoding: seed, as: UTF8.self)
        return ["9223372036854775807", "-1", "0", "0.5", "1e-320"].flatMap { value in
            [": 100,", ": 10,", ": 1,", ": 5000,"].map { needle in
                Data(text.replacingOccurrences(of: needle, with: ": \(value),").utf8)
            }
        }
    }

    @Test func seedsAndTheirExtremesNeverCrash() throws {
        let references = try Self.seeds().compactMap { try? BaselineStore.loadMeasurements(data: $0, path: "seed") }
        #expect(references.count == 4)
        for seed in try Self.seeds() {
            DocumentExercise.run(seed, references: references)
            for input in Self.extremes(of: seed) { DocumentExercise.run(input) }
        }
    }

    @Test(
        "malformed inputs are errors, not crashes",
        arguments: [
            "", "{", "[]", "null", "{\"schema\": 1}", "{\"schema\": \"logbench.result/1\"}",
            "{\"schema\": \"logbench.baseline/1\", \"cells\": []}", String(repeating: "[", count: 100_000),
            "{\"schema\": \"logbench.result/1\", \"cells\": [{\"audit\": {\"expected\": 1e999}}]}",
        ])
    func malformed(text: String) {
        DocumentExercise.run(Data(text.utf8))
        #expect(throws: BaselineError.self) { try DocumentLoader.loadResult(data: Data(text.utf8), path: "x") }
    }
}
