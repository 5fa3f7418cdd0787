import Foundation
import Testing

@testable import LogBenchModel
@testable import LogBenchStore

/// How a connection waits for another connection's write lock (`--busy-handler`).
@Suite struct BusyHandlerTests {
    /// One connection holds the write lock for `holdMs`; another inserts meanwhile. Returns the
    /// waiter's busy-handler invocations. Counts, not times: a 40 ms hold is about 40 retries of
    /// `fixed` but at most 5 of `backoff` (1 + 2 + 5 + 10 + 15 = 33 ms; 7 would need 78 ms more).
    private func waitsWhileLocked(_ policy: BusyHandler, holdMs: UInt32 = 40) throws -> Int {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let path = folder + "/busy.sqlite"
        let settings = ConnectionSettings(synchronous: .normal, busyTimeoutMs: 5000, busyHandler: policy)
        let holder = try Connection(path: path, create: true, settings: settings)
        defer { holder.close() }
        try holder.execute("CREATE TABLE t (x INTEGER)")
        let waiter = try Connection(path: path, settings: settings)
        defer { waiter.close() }
        try holder.execute("BEGIN IMMEDIATE")
        let committed = Thread {
            usleep(holdMs * 1000)
            try? holder.execute("COMMIT")
        }
        committed.start()
        try waiter.execute("INSERT INTO t VALUES (1)")
        return waiter.busyWaits
    }

    @Test func fixedRetriesEveryMillisecondWhereBackoffSleepsLonger() throws {
        let fixed = try waitsWhileLocked(.fixed)
        let backoff = try waitsWhileLocked(.backoff)
        #expect(fixed >= 10, "fixed retried \(fixed) times during a 40 ms hold")
        #expect((1...6).contains(backoff), "backoff retried \(backoff) times during a 40 ms hold")
    }

    @Test func aWaiterGivesUpAtTheTimeout() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let path = folder + "/busy.sqlite"
        let holder = try Connection(
            path: path, create: true, settings: ConnectionSettings(synchronous: .normal, busyTimeoutMs: 5000))
        defer { holder.close() }
        try holder.execute("CREATE TABLE t (x INTEGER)")
        try holder.execute("BEGIN IMMEDIATE")
        let waiter = try Connection(
            path: path, settings: ConnectionSettings(synchronous: .normal, busyTimeoutMs: 20, busyHandler: .fixed))
        defer { waiter.close() }
        #expect(throws: SQLiteError.self) { try waiter.execute("INSERT INTO t VALUES (1)") }
        #expect(waiter.busyWaits <= 20)
        try holder.execute("COMMIT")
    }

    /// `workload` as a document written before the option would hold it.
    private func decodedWithoutBusyHandler(_ workload: Workload) throws -> Workload {
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(workload)) as! [String: Any]
        json.removeValue(forKey: "busyHandler")
        return try JSONDecoder().decode(Workload.self, from: JSONSerialization.data(withJSONObject: json))
    }

    /// Documents from before the option were measured with `sqlite3_busy_timeout`: they read as
    /// `backoff`, and a new workload says what it used.
    @Test func documentsWithoutTheFieldWereMeasuredWithBackoff() throws {
        var workload = Workload(concurrency: 2)
        #expect(workload.busyHandler == .fixed)
        #expect(
            String(decoding: try JSONEncoder().encode(workload), as: UTF8.self).contains("\"busyHandler\":\"fixed\""))
        let old = try decodedWithoutBusyHandler(workload)
        #expect(old.busyHandler == .backoff)
        workload.busyHandler = .backoff
        #expect(old == workload)
    }

    /// PostgreSQL waits for its locks in the server: a SQLite busy handler there is refused, and a
    /// PostgreSQL document without the field is not mistaken for one that asked for the backoff.
    @Test func theBusyHandlerIsSQLites() throws {
        var workload = Workload(concurrency: 2, engine: .postgres)
        try workload.validate()
        workload.busyHandler = .backoff
        #expect(throws: UsageError.self) { try workload.validate() }
        workload.busyHandler = .fixed
        let old = try decodedWithoutBusyHandler(workload)
        #expect(old.busyHandler == .fixed)
        try old.validate()
    }
}
