import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports

/// Documents that hold less than a whole result: a run interrupted before its first design
/// finished, and the cells a baseline does not keep. Each is said in one line, never shown as a
/// table of nothing or as loss the baseline would carry.
@Suite struct PartialDocumentTests {
    @Test("a document interrupted before its first design finished is refused, not tabulated at c=0")
    func referenceOnlyDocument() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        var document = try Fixtures.smallMatrix()
        document.cells = document.cells.filter { $0.role == .reference }
        document.summaries = nil
        document.complete = false
        let path = folder + "/interrupted.json"
        try ResultCoding.encode(document).write(to: URL(fileURLWithPath: path))
        let run = try HostileOutputTests.bench(["report", path])
        #expect(run.status == 65 && run.stderr.contains("no measured cell"), "\(run.status) \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let whole = try HostileOutputTests.bench(["report", Fixtures.path("matrix-small.json"), path])
        #expect(whole.status == 0, "a document beside one with designs still reports: \(whole.stderr)")
    }

    @Test("baseline save --from says which loss it keeps and which (crash trials, safety probes) it does not")
    func baselineNotesUnkeptLoss() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        var document = try Fixtures.smallMatrix()
        var probe = try #require(document.cells.first { $0.strategy == Names.none && $0.audit.lost > 0 })
        probe.strategy = Names.queue
        probe.safetyProbe = true
        document.cells.append(probe)
        let path = folder + "/with-probe.json"
        try ResultCoding.encode(document).write(to: URL(fileURLWithPath: path))
        let run = try HostileOutputTests.bench([
            "baseline", "save", "--name", "probe", "--from", path, "--baselines-dir", folder + "/B",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let notes = run.stderr.split(separator: "\n").map(String.init)
        #expect(notes.contains { $0.contains("records data loss in \(Names.none) c=10") && !$0.contains(Names.queue) })
        #expect(notes.contains { $0.contains("\(Names.queue) c=10 lost data in crash trials or safety probes") })
        let baseline = try BaselineStore.loadBaseline(path: folder + "/B/probe.json")
        #expect(!baseline.cells.contains { $0.strategy == Names.queue && $0.dataLossEntries > 0 })
    }
}
