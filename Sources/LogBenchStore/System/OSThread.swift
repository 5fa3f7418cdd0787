import CPlatform
import Foundation
import LogBenchModel

/// A real OS thread (pthread) that can be joined. Producers and queue consumers run on these, not on
/// Swift's cooperative pool: it has one thread per core (2 here), and blocking SQLite calls on it
/// would serialize and hide the very races this suite measures.
public final class OSThread: @unchecked Sendable {
    private var thread: pthread_t

    /// Starts `body` on a new thread now.
    public init(name: String, _ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(name: name, body: body))
        var thread = pthread_t()
        let rc = pthread_create(
            &thread, nil,
            { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                logbench_set_thread_name(box.name)
                box.body()
                return nil
            }, box.toOpaque())
        precondition(rc == 0, "pthread_create failed: \(rc)")
        self.thread = thread
    }

    /// Waits for the thread to finish. Call once.
    public func join() {
        pthread_join(thread, nil)
    }

    private final class Box {
        package let name: String
        package let body: @Sendable () -> Void
        package init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
}

/// Holds producers until all have arrived and the coordinator opens it, so they start together.
public final class StartGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived = 0
    private var isOpen = false

    public init() {}

    /// A producer announces it is ready and blocks until the gate opens.
    public func arriveAndWait() {
        condition.lock()
        arrived += 1
        condition.broadcast()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    /// The coordinator waits until `count` producers are waiting.
    public func waitForArrivals(_ count: Int) {
        condition.lock()
        while arrived < count { condition.wait() }
        condition.unlock()
    }

    public func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}
