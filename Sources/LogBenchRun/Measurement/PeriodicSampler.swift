import Foundation
import LogBenchStore

/// One sampling thread, for every sampler of a measured phase (allocated bytes, pending entries):
/// `sample` runs at once, then again after the interval it returns, until `stop()`, which wakes
/// the thread for one last sample and joins it. State the closure writes is read after `stop()`
/// returns: the join orders it, so the samplers need no lock of their own.
package final class PeriodicSampler: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopping = false
    private var thread: OSThread?

    /// - Parameter sample: takes one sample; returns the nanoseconds to wait before the next.
    package init(name: String, sample: @escaping @Sendable () -> UInt64) {
        thread = OSThread(name: name) { [self] in
            while true {
                let intervalNs = sample()
                condition.lock()
                if stopping {
                    condition.unlock()
                    return
                }
                _ = condition.wait(until: Date(timeIntervalSinceNow: Double(intervalNs) / 1e9))
                let last = stopping
                condition.unlock()
                if last {
                    _ = sample()
                    return
                }
            }
        }
    }

    /// Wakes the thread for one last sample and waits for it to end.
    package func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        thread?.join()
        thread = nil
    }
}
