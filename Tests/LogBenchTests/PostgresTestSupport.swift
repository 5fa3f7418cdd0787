import Foundation
import Synchronization
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// The PostgreSQL building blocks against a real server: run them through
/// `Scripts/with-postgres.sh swift test -j 1 --filter Postgres`, which sets `LOGBENCH_DATABASE_URL`.
/// Without it they are skipped with that reason, except in CI (`CI=true`), where they fail.
/// Where the tests find their server.
enum PGTestServer {
    static let url: String? = ProcessInfo.processInfo.environment["LOGBENCH_DATABASE_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let hint = "run them through Scripts/with-postgres.sh swift test -j 1 --filter Postgres"

    /// The URL; in CI without one, a failure (the suite is enabled there so that it fails, never skips).
    static func requireURL() throws -> String {
        guard let url else {
            throw PGError(
                sqlState: nil, message: "CI=true but LOGBENCH_DATABASE_URL is not set: \(hint)", context: "tests")
        }
        return url
    }
}

/// One test's private schema, created up front and dropped by `drop()`.
final class PGTestCell: Sendable {
    let url: String
    let schema = PGSchema()
    let admin: PGConnection

    init(runIDs: [Int] = [1, 2]) throws {
        url = try PGTestServer.requireURL()
        admin = try PGConnection(url: url)
        try schema.create(runIDs: runIDs, on: admin)
    }

    func connect() throws -> PGConnection { try schema.connect(url: url) }

    func drop() {
        try? schema.drop(on: admin)
        admin.close()
    }

    /// Everything stored for `run`, whole entries (ts included), in stored order.
    func stored(_ layout: StorageLayout, run: Int) throws -> [LogEntry] {
        switch layout {
        case .jsonColumn:
            let text = try admin.query("SELECT logs FROM \(schema.name).runs WHERE id = $1", [String(run)])
                .text(row: 0, column: 0)
            return try PGLogCodec().decode(text ?? "[]")
        case .logTable:
            return try admin.query(
                "SELECT producer, seq, level, ts, message FROM \(schema.name).log_entries"
                    + " WHERE run_id = $1 ORDER BY id",
                [String(run)]
            ).rows.map { row in
                LogEntry(
                    producer: Int(row[0]!)!, seq: Int(row[1]!)!, level: LogLevel(rawValue: row[2]!)!,
                    ts: Int64(row[3]!)!, message: row[4]!)
            }
        }
    }

    /// Messages with what breaks naive quoting: quotes, backslashes, a newline, non-ASCII.
    static func entry(producer: Int, seq: Int) -> LogEntry {
        LogEntry(
            producer: producer, seq: seq, level: .forSequence(seq), ts: 1_712_345_678_901_234_567 + Int64(seq),
            message: "p\(producer) s\(seq) it's \"quoted\" \\ back\nslash, ünïcødé 🚀 $1 %s")
    }
}

/// Failures recorded on producer threads, read after they joined.
final class PGFailures: Sendable {
    private let messages = Mutex<[String]>([])
    func record(_ message: String) { messages.withLock { $0.append(message) } }
    var all: [String] { messages.withLock { $0 } }
}

/// Two producers, A and B, on their own threads and connections, each appending one entry to run 1,
/// interleaved step by step: A reads; B reads; A writes (and commits); B writes.
///
/// A's critical section (after its read) waits until B has read too, or until B's backend is seen
/// waiting on a lock in `pg_stat_activity` (B's read is blocked behind A); then A writes. B's
/// critical section waits until A's append returned. Which of the two released A is the outcome.
enum PGInterleaving {
    static let entryA = PGTestCell.entry(producer: 0, seq: 0)
    static let entryB = PGTestCell.entry(producer: 1, seq: 0)

    struct Outcome {
        var bWasBlocked: Bool?
        var stored: [LogEntry]
    }

    static func run(_ designName: String) throws -> Outcome {
        let design = try #require(PGAppendDesigns.design(named: designName))
        let cell = try PGTestCell()
        defer { cell.drop() }
        let connectionA = try cell.connect()
        let connectionB = try cell.connect()
        defer {
            connectionA.close()
            connectionB.close()
        }
        let monitor = try PGConnection(url: cell.url)
        defer { monitor.close() }
        let aRead = DispatchSemaphore(value: 0)
        let bRead = DispatchSemaphore(value: 0)
        let aDone = DispatchSemaphore(value: 0)
        let bWasBlocked = Mutex<Bool?>(nil)
        let failures = PGFailures()
        let pidB = String(connectionB.backendPID)
        let deadline = DispatchTime.now() + .seconds(30)

        let threadA = OSThread(name: "pg-interleave-a") {
            do {
                let appender = try PGAppendDesigns.design(named: designName)!.init(
                    connection: connectionA, schema: cell.schema)
                appender.criticalSection = {
                    aRead.signal()
                    while DispatchTime.now() < deadline {
                        if bRead.wait(timeout: .now() + .milliseconds(10)) == .success {
                            bWasBlocked.withLock { $0 = false }
                            return
                        }
                        let waiting = try? monitor.query(
                            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1", [pidB]
                        ).text(row: 0, column: 0)
                        if waiting == "Lock" {
                            bWasBlocked.withLock { $0 = true }
                            return
                        }
                    }
                    failures.record("A: B neither read nor waited on a lock")
                }
                try appender.append(entries: [entryA], run: 1)
            } catch {
                failures.record("A: \(error)")
            }
            aDone.signal()
        }
        let threadB = OSThread(name: "pg-interleave-b") {
            do {
                let appender = try PGAppendDesigns.design(named: designName)!.init(
                    connection: connectionB, schema: cell.schema)
                appender.criticalSection = {
                    bRead.signal()
                    if aDone.wait(timeout: deadline) == .timedOut { failures.record("B: A never finished") }
                }
                guard aRead.wait(timeout: deadline) == .success else {
                    failures.record("B: A never read")
                    return
                }
                try appender.append(entries: [entryB], run: 1)
            } catch {
                failures.record("B: \(error)")
            }
        }
        threadA.join()
        threadB.join()
        #expect(failures.all.isEmpty, "\(failures.all)")
        return Outcome(bWasBlocked: bWasBlocked.withLock { $0 }, stored: try cell.stored(design.layout, run: 1))
    }
}
