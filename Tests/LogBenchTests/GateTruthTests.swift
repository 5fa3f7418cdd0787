import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// Cells are the truth: summaries are recomputed from the cells' trial values and audits, a stored
/// summary that disagrees is an invalid document (65, naming the cell), and loss or failed writes in
/// any current cell fail with 3. Hand-built documents, edited as JSON the way a person (or a bug) would.
@Suite(.serialized) struct GateTruthTests {
    typealias F = GateFixtures

    static func editFirstMeasuredCell(_ json: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var cells = json["cells"] as! [[String: Any]]
        change(&cells[0])
        json["cells"] = cells
    }

    /// A cell's audit shows lost entries while the stored summary still says 0: refused (65) by check
    /// and compare, naming the cell; never a PASS.
    @Test func lossInTheCellsButNotInTheSummaryIsRefused() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let document = try F.resultDocument(latencyUs: F.steady(6))
        let good = try F.write(document, to: folder, name: "good.json")
        let edited = try F.write(document, to: folder, name: "edited.json") { json in
            Self.editFirstMeasuredCell(&json) { cell in
                var audit = cell["audit"] as! [String: Any]
                audit["lost"] = 7
                audit["stored"] = (audit["stored"] as! Int) - 7
                cell["audit"] = audit
            }
        }
        #expect(throws: BaselineError.self) { try BaselineStore.loadMeasurements(path: edited) }
        let check = try F.bench(["check", "--baseline", good, "--current", edited])
        #expect(check.status == 65 || check.status == 3, "\(check.stdout)\(check.stderr)")
        #expect(check.status == 65)
        #expect(check.stderr.contains("queue c=1") && check.stderr.contains("7"), "\(check.stderr)")
        #expect(!check.stdout.contains("PASS"))
        let compare = try F.bench(["compare", good, edited])
        #expect(compare.status == 65)
    }

    /// With the summaries removed (an older document), the cells alone decide: the loss is exit 3.
    @Test func lossInTheCellsFailsWithThree() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let document = try F.resultDocument(latencyUs: F.steady(6))
        let good = try F.write(document, to: folder, name: "good.json")
        let lossy = try F.write(document, to: folder, name: "lossy.json") { json in
            json.removeValue(forKey: "summaries")
            Self.editFirstMeasuredCell(&json) { cell in
                var audit = cell["audit"] as! [String: Any]
                audit["lost"] = 2
                cell["audit"] = audit
            }
        }
        let check = try F.bench(["check", "--baseline", good, "--current", lossy])
        #expect(check.status == 3, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("[data loss]") && check.stdout.contains("2 entries lost"))
    }

    /// Failed writes (audit `failed`) are not counted in the summary's data loss, yet fail the gate.
    @Test func failedWritesFailWithThree() throws {
        var document = try F.resultDocument(latencyUs: F.steady(6))
        let baseline = MeasurementSet(source: "base", result: document)
        document.cells[2].audit.failed = 4
        let current = MeasurementSet(source: "current", result: document)
        let report = GateEvaluation.evaluate(current: current, baseline: baseline, rules: GateRules())
        #expect(report.exitStatus == .dataLoss)
        #expect(report.failures.contains { $0.rule == .dataLoss && $0.message.contains("4 writes failed") })

        document.cells[2].audit.failed = 0
        document.cells[3].integrityCheck = "*** in database main *** Page 3: never used"
        let corrupt = MeasurementSet(source: "current", result: document)
        #expect(
            GateEvaluation.evaluate(current: corrupt, baseline: baseline, rules: GateRules()).exitStatus == .dataLoss)
    }

    /// `cells: []` with the summaries kept: no measured cell, refused by check, compare and save (65).
    @Test func summariesWithoutCellsAreRefused() throws {
        let folder = try F.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let document = try F.resultDocument(latencyUs: F.steady(6))
        let good = try F.write(document, to: folder, name: "good.json")
        let hollow = try F.write(document, to: folder, name: "hollow.json") { $0["cells"] = [] as [Any] }
        for arguments in [
            ["check", "--baseline", good, "--current", hollow], ["check", "--baseline", hollow, "--current", good],
            ["compare", good, hollow],
            ["baseline", "save", "--name", "hollow", "--baselines-dir", folder + "/B", "--from", hollow],
        ] {
            let run = try F.bench(arguments)
            #expect(run.status == 65, "\(arguments): \(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("no measured cell"), "\(run.stderr)")
        }
        #expect(BaselineStore.list(directory: folder + "/B").isEmpty, "no baseline written")
    }

    /// A stored median edited away from its cells' trial values: 65, naming the cell and the metric.
    @Test func anEditedSummaryIsRefused() throws {
        let document = try F.resultDocument(levels: [1, 2], latencyUs: F.steady(6))
        var json = try JSONSerialization.jsonObject(with: ResultCoding.encode(document)) as! [String: Any]
        var summaries = json["summaries"] as! [[String: Any]]
        var metrics = summaries[1]["metrics"] as! [String: [String: Any]]
        metrics["latency_p50_ns"]!["median"] = 1.0
        summaries[1]["metrics"] = metrics
        json["summaries"] = summaries
        let edited = try JSONDecoder().decode(
            ResultDocument.self, from: JSONSerialization.data(withJSONObject: json))
        do {
            _ = try edited.verifiedSummaries(file: "x.json")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("summaries[1]"))
            #expect(error.description.contains("queue c=2"))
            #expect(error.description.contains("latency_p50_ns.median"))
        }
        #expect(throws: Never.self) { try document.verifiedSummaries(file: "x.json") }
    }

    /// A baseline saved from a document keeps what its trial values say; one edited afterwards is refused.
    @Test func baselineStatementsMustFollowFromItsTrialValues() throws {
        let document = try F.resultDocument(latencyUs: F.steady(6))
        var baseline = BaselineDocument(name: "b", createdAt: "now", from: document)
        #expect(throws: Never.self) { try baseline.validate(file: "b.json") }
        baseline.cells[0].metrics["latency_p50_ns"]!.median += 1000
        baseline.cells[0].metrics["latency_p50_ns"]!.ci95High += 2000
        #expect(throws: BaselineError.self) { try baseline.validate(file: "b.json") }
        // The committed baseline, written before this rule, still loads.
        #expect(throws: Never.self) { try BaselineStore.loadBaseline(path: F.repositoryRoot + "/Baselines/ci.json") }
    }
}
