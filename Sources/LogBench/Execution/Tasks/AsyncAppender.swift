/// The seed's shape of the call: `addLog` is `async`, and producers `await` it.
protocol AsyncLogAppender: AnyObject {
    func addLog(_ entry: LogEntry, run: Int) async throws
}

/// Every strategy but `none` in tasks mode: `addLog` runs the strategy's synchronous append on the
/// executor thread the task is on (blocking it; the executor has a thread per task for that reason).
final class BlockingAsyncAppender: AsyncLogAppender {
    private let appender: any LogAppender
    init(_ appender: any LogAppender) { self.appender = appender }

    func addLog(_ entry: LogEntry, run: Int) async throws {
        try appender.append(entry, run: run)
    }
}

/// `none` in tasks mode, as the seed wrote it: read the run's array, `await` (where the seed awaited
/// its database driver, other tasks run), then write the array back. One connection shared by
/// every task, like the pipeline's. Every task that reads before another's write loses that write.
final class SeedShapedAppender: AsyncLogAppender {
    private let column: JSONLogColumn
    private let context: StrategyContext

    init(shared: Connection, context: StrategyContext) throws {
        column = try JSONLogColumn(connection: shared, codec: context.codec)
        self.context = context
    }

    func addLog(_ entry: LogEntry, run: Int) async throws {
        var logs = try column.read(run: run)
        await Task.yield()
        logs.append([entry])
        context.injectedDelay()
        try column.write(logs, run: run)
    }
}
