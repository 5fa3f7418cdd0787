import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Latency per append once a run's log already holds `logSize` entries: one producer, no
/// contention, so what grows is what the strategy pays for the size of the whole log (the JSON
/// column is re-read and rewritten on every append; the log table only adds a row).
public enum GrowthProbe {
    public static func measure(
        strategy: any AppendStrategy.Type, logSize: Int, synchronous: SynchronousMode, appends: Int = 20,
        warmupAppends: Int = 3, messageBytes: Int = 64, temporaryDirectory: String = NSTemporaryDirectory(),
        scope: CleanupScope? = nil, codec: CodecKind = .fast
    ) throws -> GrowthPoint {
        let scratch = try ScratchDirectory(parent: temporaryDirectory, scope: scope)
        defer { scratch.remove() }
        let databasePath = "\(scratch.path)/growth.db"
        let settings = ConnectionSettings(synchronous: synchronous, busyTimeoutMs: 5000)
        let admin = try Connection(path: databasePath, create: true, settings: settings)
        defer { admin.close() }
        try Schema.create(on: admin, runIDs: [1])
        let messages = MessageGenerator(seed: 1, length: messageBytes)
        try prefill(run: 1, size: logSize, layout: strategy.layout, messages: messages, connection: admin, codec: codec)

        let context = StrategyContext(
            databasePath: databasePath, settings: settings, runIDs: [1], scratchDirectory: scratch.path, codec: codec)
        let instance = try strategy.init(context: context)
        defer { instance.shutdown() }
        let appender = try instance.makeAppender(producer: 0)
        var histogram = LatencyHistogram()
        for seq in 0..<(warmupAppends + appends) {
            let entry = LogEntry(
                producer: 0, seq: seq, level: LogLevel.forSequence(seq), ts: MonotonicClock.wallNanos(),
                message: messages.message(run: 1, producer: 0, seq: seq))
            let start = MonotonicClock.now()
            try appender.append(entry, run: 1)
            let elapsed = MonotonicClock.now() - start
            if seq >= warmupAppends { histogram.record(elapsed) }
        }
        return GrowthPoint(
            strategy: strategy.name, synchronous: synchronous, logSize: logSize, appends: appends,
            latencyNs: histogram.summary)
    }

    /// Entries of a producer no timed append uses (`prefillProducer`), written in one transaction.
    package static func prefill(
        run: Int, size: Int, layout: StorageLayout, messages: MessageGenerator, connection: Connection,
        codec: CodecKind = .fast
    ) throws {
        guard size > 0 else { return }
        let entries = (0..<size).map { seq in
            LogEntry(
                producer: prefillProducer, seq: seq, level: LogLevel.forSequence(seq), ts: Int64(seq),
                message: messages.message(run: run, producer: prefillProducer, seq: seq))
        }
        switch layout {
        case .jsonColumn:
            // Encoded as the strategies encode it, so they read back exactly what they would have written.
            let update = try Statement(connection: connection, sql: "UPDATE runs SET logs = ? WHERE id = ?")
            try codec.makeCodec().encode(entries: entries) { json in update.bind(bytes: json, at: 1) }
            update.bind(Int64(run), at: 2)
            try update.run()
        case .logTable:
            try connection.execute("BEGIN IMMEDIATE")
            let insert = try LogTableInsert(connection: connection)
            for entry in entries { try insert.insert(entry, run: run) }
            try connection.execute("COMMIT")
        }
    }

    package static let prefillProducer = 9_999
}
