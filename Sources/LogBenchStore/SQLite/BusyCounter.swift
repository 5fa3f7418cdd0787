import CSQLite
import Foundation
import LogBenchModel

/// The busy handler of every connection: it counts its invocations and waits as `policy` says
/// (`.backoff`: `sqlite3_busy_timeout`'s 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 ms, then 100 ms
/// per retry; `.fixed`: 1 ms per retry), until the timeout.
/// SQLite calls it only on the connection's own thread, so the counter needs no lock; the
/// connection holds it for as long as the handler is installed.
package final class BusyCounter: @unchecked Sendable {
    private static let delaysMs = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]
    package let timeoutMs: Int
    package let policy: BusyHandler
    private(set) var waits = 0

    package init(timeoutMs: Int, policy: BusyHandler) {
        self.timeoutMs = timeoutMs
        self.policy = policy
    }

    package func install(on db: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_busy_handler(
            db,
            { context, count in
                let counter = Unmanaged<BusyCounter>.fromOpaque(context!).takeUnretainedValue()
                return counter.shouldRetry(afterAttempts: Int(count)) ? 1 : 0
            }, context)
    }

    private func shouldRetry(afterAttempts count: Int) -> Bool {
        if policy == .fixed {
            guard count * BusyHandler.fixedIntervalMs < timeoutMs else { return false }
            waits += 1
            usleep(useconds_t(BusyHandler.fixedIntervalMs * 1000))
            return true
        }
        let delays = Self.delaysMs
        let index = min(count, delays.count - 1)
        let slept =
            count < delays.count ? delays[..<count].reduce(0, +) : delays.reduce(0, +) + 100 * (count - delays.count)
        guard slept < timeoutMs else { return false }
        waits += 1
        let delay = min(delays[index], timeoutMs - slept)
        usleep(useconds_t(delay * 1000))
        return true
    }
}
