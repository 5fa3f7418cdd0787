import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The audit's classification on hand-made stored lists.
@Suite("Audit classification")
struct AuditTests {
    /// Producer 0 sent seq 0...2, producer 1 sent seq 0...1, all acknowledged.
    let sent: [Int: [SentLog.Outcome]] = [
        0: [.acknowledged, .acknowledged, .acknowledged], 1: [.acknowledged, .acknowledged],
    ]

    func content(_ producer: Int, _ seq: Int) -> (level: String, message: String) {
        (LogLevel.forSequence(seq).rawValue, "m\(producer)-\(seq)")
    }

    func entry(_ producer: Int, _ seq: Int, message: String? = nil) -> StoredEntry {
        StoredEntry(
            producer: producer, seq: seq, level: LogLevel.forSequence(seq).rawValue,
            message: message ?? "m\(producer)-\(seq)")
    }

    func classify(_ stored: [StoredEntry], sent: [Int: [SentLog.Outcome]]? = nil) -> AuditResult {
        Audit.classify(
            run: 1, sent: (sent ?? self.sent).mapValues { SentLog.Calls(outcomes: $0) }, stored: stored,
            expectedContent: content)
    }

    @Test func clean() {
        let result = classify([entry(0, 0), entry(1, 0), entry(0, 1), entry(1, 1), entry(0, 2)])
        #expect(result.expected == 5)
        #expect(result.stored == 5)
        #expect(!result.hasDataLoss)
        #expect(result.outOfOrder == 0)
    }

    @Test func lost() {
        let result = classify([entry(0, 0), entry(0, 2), entry(1, 1)])
        #expect(result.lost == 2)
        #expect(result.dataLossCount == 2)
    }

    @Test func duplicated() {
        let result = classify([entry(0, 0), entry(0, 0), entry(0, 1), entry(0, 2), entry(1, 0), entry(1, 1)])
        #expect(result.duplicated == 1)
        #expect(result.lost == 0)
        #expect(result.stored == 6)
    }

    @Test func phantom() {
        let unknownProducer = entry(7, 0)
        let unknownSeq = entry(0, 9)
        let noIdentity = StoredEntry(producer: nil, seq: nil, level: "info", message: "x")
        let all = [
            entry(0, 0), entry(0, 1), entry(0, 2), entry(1, 0), entry(1, 1), unknownProducer, unknownSeq, noIdentity,
        ]
        let result = classify(all)
        #expect(result.phantom == 3)
        #expect(result.lost == 0)
    }

    @Test func corrupted() {
        var wrongLevel = entry(1, 1)
        wrongLevel.level = "error"
        let result = classify([entry(0, 0), entry(0, 1, message: "tampered"), entry(0, 2), entry(1, 0), wrongLevel])
        #expect(result.corrupted == 2)
        #expect(result.lost == 0)
    }

    @Test func failedIsNotLoss() {
        let sent: [Int: [SentLog.Outcome]] = [0: [.acknowledged, .failed]]
        let result = classify([entry(0, 0)], sent: sent)
        #expect(result.failed == 1)
        #expect(result.lost == 0)
        #expect(!result.hasDataLoss)
    }

    @Test func outOfOrder() {
        let result = classify([entry(0, 1), entry(0, 0), entry(1, 0), entry(0, 2), entry(1, 1)])
        #expect(result.outOfOrder == 1)
        #expect(!result.hasDataLoss)
    }

    @Test func unreadableColumnIsPhantom() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let connection = try Connection(
            path: "\(folder)/a.db", create: true, settings: ConnectionSettings(synchronous: .off, busyTimeoutMs: 100))
        try Schema.create(on: connection, runIDs: [1])
        try connection.execute("UPDATE runs SET logs = 'not json' WHERE id = 1")
        let stored = try StoredLogReader.entries(run: 1, layout: .jsonColumn, connection: connection)
        let result = classify(stored)
        #expect(result.phantom == 1)
        #expect(result.lost == 5)
    }
}
