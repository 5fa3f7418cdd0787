import CPlatform

/// A counter that one thread advances and many wait on: a group commit's consumer publishes "every
/// entry up to number N is written" once per batch, and every producer whose entry is among them
/// wakes from that one call. A semaphore per entry costs one system call (and on a VM one
/// inter-processor interrupt) per entry, which made the consumer the harness's bottleneck.
package final class CommitSequence: @unchecked Sendable {
    private let word = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)

    package init() { word.initialize(to: 0) }

    deinit { word.deallocate() }

    /// Blocks until `number` (or a later one) has been published. Numbers wrap; a waiter must not
    /// fall 2³¹ numbers behind, which one outstanding entry per producer guarantees.
    package func wait(for number: UInt32) { logbench_sequence_wait(word, number) }

    /// Everything up to `number` is done: wakes the waiters for the numbers since the last publish
    /// (those waiting for later ones sleep on). Called by one thread only.
    package func publish(through number: UInt32) { logbench_sequence_publish(word, number) }
}
