import LogBenchModel
import LogBenchStore

/// The pipeline's read-modify-write of `runs.logs`: SELECT the JSON array, decode it (every entry,
/// every field), append, encode the whole array again, UPDATE. Each caller prepares its own
/// statements on its connection, and has its own codec. Not atomic by itself: whoever uses it
/// decides what (if anything) serializes it.
package final class JSONLogColumn {
    private let select: Statement
    private let update: Statement
    private let codec: any LogCodec

    package init(connection: Connection, codec: CodecKind = .fast) throws {
        select = try Statement(connection: connection, sql: "SELECT logs FROM runs WHERE id = ?")
        update = try Statement(connection: connection, sql: "UPDATE runs SET logs = ? WHERE id = ?")
        self.codec = codec.makeCodec()
    }

    /// Reads the run's array, appends `entries` in order and writes the whole array back.
    package func append(_ entries: [LogEntry], run: Int, context: StrategyContext) throws {
        var logs = try read(run: run)
        logs.append(entries)
        context.injectedDelay()
        try write(logs, run: run)
    }

    /// Decodes the stored array straight from SQLite's bytes (no String in between).
    package func read(run: Int) throws -> any DecodedLogs {
        select.bind(Int64(run), at: 1)
        defer { select.reset() }
        guard try PhaseSample.measure(.read, { try select.step() }) else { throw Self.missing(run) }
        return try select.withText(at: 0) { json in
            guard let json else { throw Self.missing(run) }
            return try PhaseSample.measure(.decode) { try codec.decodeErased(json) }
        }
    }

    /// Encodes the whole array and binds its bytes to the UPDATE (SQLite copies them).
    package func write(_ logs: any DecodedLogs, run: Int) throws {
        try PhaseSample.measure(.encode) { try codec.encodeErased(logs) { json in update.bind(bytes: json, at: 1) } }
        update.bind(Int64(run), at: 2)
        try PhaseSample.measure(.write) { try update.run() }
        update.reset()
    }

    private static func missing(_ run: Int) -> SQLiteError {
        SQLiteError(code: 1, message: "run \(run) does not exist", context: "read logs")
    }
}
