import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// A `TaskExecutor` (SE-0417) backed by a fixed number of real OS threads pulling jobs from one
/// FIFO. Tasks started with it as their executor preference run their synchronous parts here, not
/// on the cooperative pool (one thread per core: 2 on this machine), so N tasks that block in
/// SQLite really run N at a time, which the measurement needs.
public final class ThreadPoolTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false
    private var threads: [OSThread] = []

    public init(threads count: Int) {
        for index in 0..<count {
            threads.append(OSThread(name: "task-exec-\(index)") { [self] in work() })
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Stops the threads once the queue is empty and joins them. Call after every task finished.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        threads.forEach { $0.join() }
        threads = []
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count && !stopping { condition.wait() }
            if head == jobs.count {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head > 1024 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Holds tasks until all have arrived and the coordinator opens it (tasks mode's start gate).
package final class AsyncStartGate: @unchecked Sendable {
    package init() {}

    private let condition = NSCondition()
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var isOpen = false

    package func arriveAndWait() async {
        await withCheckedContinuation { continuation in
            condition.lock()
            if isOpen {
                condition.unlock()
                continuation.resume()
                return
            }
            waiting.append(continuation)
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Blocks the calling thread (not a task) until `count` tasks wait.
    package func waitForArrivals(_ count: Int) {
        condition.lock()
        while waiting.count < count { condition.wait() }
        condition.unlock()
    }

    func open() {
        condition.lock()
        isOpen = true
        let released = waiting
        waiting = []
        condition.unlock()
        released.forEach { $0.resume() }
    }
}
