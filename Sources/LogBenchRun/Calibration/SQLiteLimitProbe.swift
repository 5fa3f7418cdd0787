import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Measures the ceiling a strategy could reach on this disk: the log table's insert rate when every
/// entry shares one transaction, and the latency of one commit on its own at the given `synchronous`.
public enum SQLiteLimitProbe {
    public static func measure(
        synchronous: SynchronousMode, batchedRows: Int = 20_000, commits: Int = 200, messageBytes: Int = 64,
        temporaryDirectory: String = NSTemporaryDirectory(),
        scope: CleanupScope? = nil
    ) throws -> EngineLimit {
        let scratch = try ScratchDirectory(parent: temporaryDirectory, scope: scope)
        defer { scratch.remove() }
        let connection = try Connection(
            path: "\(scratch.path)/limit.db", create: true,
            settings: ConnectionSettings(synchronous: synchronous, busyTimeoutMs: 5000))
        defer { connection.close() }
        try Schema.create(on: connection, runIDs: [1])
        let insert = try Statement(
            connection: connection,
            sql: "INSERT INTO log_entries (run_id, producer, seq, level, ts, message) VALUES (1, ?, ?, ?, ?, ?)")
        let messages = MessageGenerator(seed: 1, length: messageBytes)
        func bind(producer: Int, seq: Int) {
            insert.bind(Int64(producer), at: 1)
            insert.bind(Int64(seq), at: 2)
            insert.bind(LogLevel.forSequence(seq).rawValue, at: 3)
            insert.bind(Int64(seq), at: 4)
            insert.bind(messages.message(run: 1, producer: producer, seq: seq), at: 5)
        }

        // Warm the page cache and the WAL so the first timed commit is not also the file's creation.
        for seq in 0..<20 {
            bind(producer: 2, seq: seq)
            try insert.run()
        }

        let batchStart = MonotonicClock.now()
        try connection.execute("BEGIN IMMEDIATE")
        for seq in 0..<batchedRows {
            bind(producer: 0, seq: seq)
            try insert.run()
        }
        try connection.execute("COMMIT")
        let batchNs = MonotonicClock.now() - batchStart

        var histogram = LatencyHistogram()
        for seq in 0..<commits {
            bind(producer: 1, seq: seq)
            let start = MonotonicClock.now()
            try insert.run()
            histogram.record(MonotonicClock.now() - start)
        }
        return EngineLimit(
            synchronous: synchronous, batchedRows: batchedRows,
            batchedInsertsPerSec: Double(batchedRows) / (Double(max(batchNs, 1)) / 1e9), commits: commits,
            commitLatencyNs: histogram.summary)
    }
}
