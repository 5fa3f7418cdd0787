import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// PostgreSQL's counterpart of `SQLiteLimitProbe`, in a schema of its own: the log table's insert
/// rate when every entry shares one transaction (one prepared INSERT per row, so one round trip
/// each, then one COMMIT), and the latency of one INSERT committing on its own (the server's
/// `synchronous_commit` decides whether that waits for a WAL flush).
public enum PGLimitProbe {
    public static func measure(
        url: String, batchedRows: Int = 20_000, commits: Int = 200, messageBytes: Int = 64,
        scope: CleanupScope? = nil
    ) throws -> EngineLimit {
        let schema = PGSchema()
        let admin = try PGConnection(url: url)
        defer { admin.close() }
        try schema.create(runIDs: [1], on: admin)
        let cleanup = scope?.add { PGCellDatabase.drop(schema, url: url) }
        defer {
            try? schema.drop(on: admin)
            if let cleanup { scope?.remove(action: cleanup) }
        }
        let insert = try admin.prepare(
            "INSERT INTO log_entries (run_id, producer, seq, level, ts, message) VALUES (1, $1, $2, $3, $4, $5)")
        let messages = MessageGenerator(seed: 1, length: messageBytes)
        func row(producer: Int, seq: Int) throws {
            try insert.execute([
                String(producer), String(seq), LogLevel.forSequence(seq).rawValue, String(seq),
                messages.message(run: 1, producer: producer, seq: seq),
            ])
        }

        // Warm the plan, the buffers and the WAL so the first timed commit is not the table's first.
        for seq in 0..<20 { try row(producer: 2, seq: seq) }

        let batchStart = MonotonicClock.now()
        try admin.execute("BEGIN")
        for seq in 0..<batchedRows { try row(producer: 0, seq: seq) }
        try admin.execute("COMMIT")
        let batchNs = MonotonicClock.now() - batchStart

        var histogram = LatencyHistogram()
        for seq in 0..<commits {
            let start = MonotonicClock.now()
            try row(producer: 1, seq: seq)
            histogram.record(MonotonicClock.now() - start)
        }
        var limit = EngineLimit(
            synchronous: .normal, batchedRows: batchedRows,
            batchedInsertsPerSec: Double(batchedRows) / (Double(max(batchNs, 1)) / 1e9), commits: commits,
            commitLatencyNs: histogram.summary)
        limit.engine = .postgres
        return limit
    }
}
