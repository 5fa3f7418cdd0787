import LogBenchModel
import LogBenchStore

/// The pipeline's read-modify-write of `runs.logs` on PostgreSQL: SELECT the array, decode it,
/// append, encode it, UPDATE. Not atomic by itself: the design using it decides what serializes it.
package final class PGJSONColumn {
    private let select: PGStatement
    private let update: PGStatement
    private let codec: PGLogCodec
    /// The SELECT's phase: `read`, or `wait` with FOR UPDATE, whose time is mostly the row lock.
    private let selectPhase: Phase

    /// - Parameter forUpdate: `SELECT … FOR UPDATE`, which row-locks the run until the transaction
    ///   ends (and, in READ COMMITTED, returns the newest committed value once the lock is granted).
    package init(connection: PGConnection, forUpdate: Bool, codec: CodecKind = .fast) throws {
        select = try connection.prepare("SELECT logs FROM runs WHERE id = $1" + (forUpdate ? " FOR UPDATE" : ""))
        update = try connection.prepare("UPDATE runs SET logs = $1::jsonb WHERE id = $2")
        self.codec = PGLogCodec(kind: codec)
        selectPhase = forUpdate ? .wait : .read
    }

    /// Reads the run's array, appends `entries` in order, calls `criticalSection`, writes it back.
    package func append(_ entries: [LogEntry], run: Int, criticalSection: (() -> Void)?) throws {
        var logs = try read(run: run)
        logs.append(entries)
        criticalSection?()
        try write(logs, run: run)
    }

    /// The SELECT is `read`; with FOR UPDATE it is `wait`, as SQLite's BEGIN IMMEDIATE is: the server
    /// grants the row lock inside the statement, so waiting and reading are one round trip. Parsing
    /// is `decode`.
    package func read(run: Int) throws -> any DecodedLogs {
        let rows = try PhaseSample.measure(selectPhase) { try select.execute([String(run)]) }
        guard let text = rows.text(row: 0, column: 0) else {
            throw PGError(sqlState: nil, message: "run \(run) does not exist", context: select.sql)
        }
        return try PhaseSample.measure(.decode) { try codec.decodeLogs(text) }
    }

    package func write(_ logs: any DecodedLogs, run: Int) throws {
        let json = try PhaseSample.measure(.encode) { try codec.encode(logs) }
        let updated = try PhaseSample.measure(.write) { try update.execute([json, String(run)]) }.affectedRows
        guard updated == 1 else {
            throw PGError(sqlState: nil, message: "run \(run) does not exist", context: update.sql)
        }
    }
}

/// Runs a body in one transaction and restarts it (counted) when the server aborts it with a
/// serialization failure (40001) or a deadlock (40P01); any other error rolls back and is thrown.
package final class PGTransactionRunner {
    /// Restarts before the append is reported as failed (as SQLite's `transaction`).
    package static let maxRetries = 5

    private let connection: PGConnection
    private let begin: String
    private(set) var retries = 0

    package init(connection: PGConnection, begin: String = "BEGIN ISOLATION LEVEL READ COMMITTED") {
        self.connection = connection
        self.begin = begin
    }

    package func run(_ body: () throws -> Void) throws {
        var attempts = 0
        while true {
            // BEGIN takes no lock on PostgreSQL (the statements inside do), so it stays in `other`.
            try connection.execute(begin)
            do {
                try body()
                try PhaseSample.measure(.commit) { try connection.execute("COMMIT") }
                return
            } catch let error as PGError where error.isRetryable && attempts < Self.maxRetries {
                rollBack()
                attempts += 1
                retries += 1
            } catch {
                rollBack()
                throw error
            }
        }
    }

    /// A failed COMMIT has already ended the transaction; ROLLBACK then would only warn.
    private func rollBack() {
        if connection.inTransaction { try? connection.execute("ROLLBACK") }
    }
}
