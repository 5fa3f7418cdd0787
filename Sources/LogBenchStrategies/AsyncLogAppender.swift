import LogBenchModel
import LogBenchStore

/// The seed's shape of the call: `addLog` is `async`, and producers `await` it (tasks mode).
public protocol AsyncLogAppender: AnyObject {
    func addLog(_ entry: LogEntry, run: Int) async throws
}

/// The default for every strategy in tasks mode: `addLog` runs the strategy's synchronous append on
/// the executor thread the task is on (blocking it; the executor has a thread per task for that reason).
package final class BlockingAsyncAppender: AsyncLogAppender {
    private let appender: any LogAppender
    package init(_ appender: any LogAppender) { self.appender = appender }

    package func addLog(_ entry: LogEntry, run: Int) async throws {
        try appender.append(entry, run: run)
    }
}
