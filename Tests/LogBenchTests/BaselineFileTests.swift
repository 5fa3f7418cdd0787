import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Malformed baselines are refused with exit 65 and a message naming the file and the problem;
/// saving is atomic and never overwrites without --force.
@Suite struct BaselineFileTests {
    typealias F = GateFixtures

    static func validBaselineJSON() throws -> [String: Any] {
        var baseline = BaselineDocument(
            name: "good", createdAt: "2026-01-01T00:00:00Z",
            from: ResultDocument(environment: F.environment, cells: []))
        baseline.cells = [F.cell(latencyUs: F.steady), F.cell(concurrency: 2, latencyUs: F.steady)]
        return try JSONSerialization.jsonObject(with: ResultCoding.encode(baseline)) as! [String: Any]
    }

    static func write(_ text: String) throws -> String {
        // The caller removes the folder (`TestSupport.removeTemporary(containing:)`).
        let path = try F.temporaryFolder() + "/bad.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func mutated(_ change: (inout [String: Any]) -> Void) throws -> String {
        var json = try validBaselineJSON()
        change(&json)
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func firstCell(_ json: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var cells = json["cells"] as! [[String: Any]]
        change(&cells[0])
        json["cells"] = cells
    }

    /// (kind, file contents, words the message must contain)
    static func malformed() throws -> [(String, String, String)] {
        let valid = String(decoding: try JSONSerialization.data(withJSONObject: try validBaselineJSON()), as: UTF8.self)
        return [
            ("not JSON", "this is not json", "not valid JSON"),
            ("truncated", String(valid.prefix(valid.count / 2)), "not valid JSON"),
            ("empty", "", "empty"),
            ("top-level array", "[1, 2, 3]", "not a JSON object"),
            ("unknown schema", try mutated { $0["schema"] = "logbench.baseline/9" }, "logbench.baseline/9"),
            ("no schema", try mutated { $0["schema"] = nil }, "missing field \"schema\""),
            ("missing cells", try mutated { $0["cells"] = nil }, "missing field \"cells\""),
            (
                "missing trials", try mutated { firstCell(&$0) { $0["trials"] = nil } },
                "missing field \"trials\" in cells[0]"
            ),
            (
                "wrong type", try mutated { firstCell(&$0) { $0["concurrency"] = "twenty" } },
                "wrong type at cells[0].concurrency"
            ),
            ("negative trials", try mutated { firstCell(&$0) { $0["trials"] = -3 } }, "cells[0]"),
            (
                "negative data loss", try mutated { firstCell(&$0) { $0["dataLossEntries"] = -1 } },
                "dataLossEntries: -1 is negative"
            ),
            (
                "duplicate cells",
                try mutated { json in
                    let cells = json["cells"] as! [[String: Any]]
                    json["cells"] = [cells[0], cells[1], cells[0]]
                }, "duplicates cells[0]"
            ),
            ("no cells", try mutated { $0["cells"] = [] as [Any] }, "\"cells\" is empty"),
            (
                "trial count mismatch",
                try mutated { json in
                    firstCell(&json) { cell in
                        var metrics = cell["metrics"] as! [String: Any]
                        var p50 = metrics["latency_p50_ns"] as! [String: Any]
                        p50["trialValues"] = [1.0, 2.0]
                        metrics["latency_p50_ns"] = p50
                        cell["metrics"] = metrics
                    }
                }, "trialValues has 2 values for 8 trials"
            ),
            (
                "unknown metric",
                try mutated { json in
                    firstCell(&json) { cell in
                        var metrics = cell["metrics"] as! [String: Any]
                        metrics["latency_p42_ns"] = metrics["latency_p50_ns"]
                        cell["metrics"] = metrics
                    }
                }, "unknown metric"
            ),
        ]
    }

    @Test func everyMalformedKindIsRefusedWithTheFileAndTheProblem() throws {
        let cases = try Self.malformed()
        #expect(cases.count >= 8)
        for (kind, text, words) in cases {
            let path = try Self.write(text)
            defer { TestSupport.removeTemporary(containing: path) }
            do {
                _ = try BaselineStore.loadMeasurements(path: path)
                Issue.record("\(kind): accepted")
            } catch {
                #expect(error.file == path, "\(kind)")
                #expect(error.description.contains(words), "\(kind): \(error.description)")
            }
        }
    }

    @Test func aValidBaselineLoads() throws {
        let path = try Self.write(try Self.mutated { _ in })
        defer { TestSupport.removeTemporary(containing: path) }
        let set = try BaselineStore.loadMeasurements(path: path)
        #expect(set.cells.count == 2)
    }

    @Test func malformedBaselineExitsSixtyFiveThroughTheCommand() throws {
        for (kind, text, words) in try Self.malformed().prefix(6) {
            let path = try Self.write(text)
            defer { TestSupport.removeTemporary(containing: path) }
            let run = try F.bench(["compare", path, path])
            #expect(run.status == 65, "\(kind)")
            #expect(run.stderr.contains(path) && run.stderr.contains(words), "\(kind): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(kind): one-line error")
        }
    }

    @Test func missingBaselineListsTheExistingOnes() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        for name in ["alpha", "beta"] {
            try Self.mutated { $0["name"] = name }.write(
                toFile: "\(folder)/\(name).json", atomically: true, encoding: .utf8)
        }
        let run = try F.bench(["check", "--baseline", "gamma", "--baselines-dir", folder, "--current", "x.json"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("no baseline \"gamma\"") && run.stderr.contains("alpha, beta"))
    }

    @Test func outOfRangeOptionsAreUsageErrors() throws {
        let path = try Self.write(try Self.mutated { _ in })
        defer { TestSupport.removeTemporary(containing: path) }
        for bad in [
            ["--tolerance", "-0.5"], ["--tolerance", "50"], ["--budget-ms", "0"], ["--budget-ms", "-2"],
            ["--min-effect-us", "-1"], ["--alpha", "2"], ["--trials", "0"],
        ] {
            let run = try F.bench(["check", "--baseline", path] + bad)
            #expect(run.status == 64, "\(bad): \(run.stderr)")
        }
    }

    @Test func saveRefusesToOverwriteAndWritesCompactSortedJSON() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        var baseline = BaselineDocument(
            name: "ci", createdAt: "2026-01-01T00:00:00Z", from: ResultDocument(environment: F.environment, cells: []))
        baseline.cells = [F.cell(latencyUs: F.steady)]
        let path = try BaselineStore.save(baseline, directory: folder, force: false)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        #expect(before.contains("\"schema\" : \"logbench.baseline/1\""))
        #expect(throws: UsageError.self) { try BaselineStore.save(baseline, directory: folder, force: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        baseline.createdAt = "2026-02-02T00:00:00Z"
        try BaselineStore.save(baseline, directory: folder, force: true)
        #expect(try BaselineStore.loadBaseline(path: path).createdAt == "2026-02-02T00:00:00Z")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ci.json"])
    }

    @Test func fullMatrixBaselineStaysUnder100KB() throws {
        // 7 strategies × 6 concurrency levels with 10 trials each.
        var baseline = BaselineDocument(
            name: "matrix", createdAt: "2026-01-01T00:00:00Z",
            from: ResultDocument(environment: F.environment, cells: []))
        let values = (0..<10).map { 500.0 + Double($0) * 1.37 }
        baseline.cells = StrategyRegistry.names.flatMap { name in
            [1, 2, 4, 8, 16, 32].map { F.cell(strategy: name, concurrency: $0, latencyUs: values, overheadUs: values) }
        }
        #expect(try ResultCoding.encode(baseline).count < 100_000)
    }

    /// Ctrl-C during the measuring: the save stops between cells, exits 130, and writes no
    /// baseline (half a measurement must never become one), leaving no scratch folder.
    @Test func interruptedSaveLeavesNoBaseline() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let run = try BenchBinary.runSignalled(
            [
                "baseline", "save", "--name", "interrupted", "--baselines-dir", folder, "--strategy", Names.queue,
                "--concurrency", "1,2", "--trials", "20", "--logs-per-producer", "50",
            ], signals: [SIGINT])
        #expect(run.status == 130, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("stopping after the current step"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(run.leftovers.isEmpty)
    }
}
