import Foundation

/// The pipeline's read-modify-write of `runs.logs`: SELECT the JSON array, decode it, append,
/// encode it again, UPDATE. Each caller prepares its own statements on its connection.
/// Not atomic by itself: whoever uses it decides what (if anything) serializes it.
final class JSONLogColumn {
    private let select: Statement
    private let update: Statement
    private let decoder = JSONDecoder()
    private let encoder = JSONEncoder()

    init(connection: Connection) throws {
        select = try Statement(connection: connection, sql: "SELECT logs FROM runs WHERE id = ?")
        update = try Statement(connection: connection, sql: "UPDATE runs SET logs = ? WHERE id = ?")
    }

    /// Reads the run's array, appends `entries` in order and writes the whole array back.
    func append(_ entries: [LogEntry], run: Int, context: StrategyContext) throws {
        var logs = try read(run: run)
        logs.append(contentsOf: entries)
        context.injectedDelay()
        try write(logs, run: run)
    }

    func read(run: Int) throws -> [LogEntry] {
        select.bind(Int64(run), at: 1)
        defer { select.reset() }
        guard try select.step(), let text = select.text(at: 0) else {
            throw SQLiteError(code: 1, message: "run \(run) does not exist", context: "read logs")
        }
        return try decoder.decode([LogEntry].self, from: Data(text.utf8))
    }

    func write(_ logs: [LogEntry], run: Int) throws {
        let json = String(decoding: try encoder.encode(logs), as: UTF8.self)
        update.bind(json, at: 1)
        update.bind(Int64(run), at: 2)
        try update.run()
        update.reset()
    }
}
