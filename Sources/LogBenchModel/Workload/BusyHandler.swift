/// How a SQLite connection waits for another connection's write lock (SQLITE_BUSY), until the
/// busy timeout.
///
/// `fixed` retries every millisecond, as sqlite3-ruby 2's `busy_handler_timeout` and Rails 8 do: a
/// waiter is back within a millisecond of the lock coming free, so the designs that wait on
/// SQLite's lock are measured as a careful implementation would run them. `backoff` is
/// `sqlite3_busy_timeout`'s schedule (1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, then 100 ms): with
/// 20 writers the last waiters of a round sleep through tens of milliseconds of idle database, so
/// a round's length is a whole number of those sleeps and throughput moves ±10–16 % between runs.
public enum BusyHandler: String, Sendable, CaseIterable, Codable {
    case fixed, backoff

    /// The retry interval of `fixed`.
    public static let fixedIntervalMs = 1
}
