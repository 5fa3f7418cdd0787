import Foundation
import Synchronization
import Testing

@testable import LogBenchStore

/// The group commit's wake-up: one publish releases every waiter whose number it covers and no
/// other, across the counter's wrap.
@Suite struct CommitSequenceTests {
    @Test func aPublishReleasesExactlyTheNumbersItCovers() throws {
        let sequence = CommitSequence()
        let released = Mutex<[UInt32]>([])
        let threads = (UInt32(1)...6).map { number in
            OSThread(name: "waiter-\(number)") {
                sequence.wait(for: number)
                released.withLock { $0.append(number) }
            }
        }
        sequence.publish(through: 3)
        // The three later waiters must still be asleep once the first three are out.
        while released.withLock({ $0.count }) < 3 { usleep(1000) }
        usleep(50_000)
        #expect(released.withLock { $0.sorted() } == [1, 2, 3])
        sequence.publish(through: 6)
        threads.forEach { $0.join() }
        #expect(released.withLock { $0.sorted() } == [1, 2, 3, 4, 5, 6])
    }

    @Test func numbersWrapAroundTheCounter() {
        let sequence = CommitSequence()
        sequence.publish(through: UInt32.max - 1)
        sequence.wait(for: UInt32.max - 2)  // already published: returns at once
        let done = Mutex(false)
        let waiter = OSThread(name: "waiter-wrap") {
            sequence.wait(for: 2)  // two past the wrap
            done.withLock { $0 = true }
        }
        sequence.publish(through: UInt32.max)
        usleep(50_000)
        #expect(!done.withLock { $0 })
        sequence.publish(through: 2)
        waiter.join()
        #expect(done.withLock { $0 })
    }

    /// More than 32 waiters share wake-up bits (a number's bit is its value modulo 32): a publish may
    /// wake a later number's waiter, which must go back to sleep rather than return.
    @Test func sharedBitsNeverReleaseALaterNumber() throws {
        let sequence = CommitSequence()
        let released = Mutex<[UInt32]>([])
        let threads = (UInt32(1)...40).map { number in
            OSThread(name: "waiter-\(number)") {
                sequence.wait(for: number)
                released.withLock { $0.append(number) }
            }
        }
        usleep(50_000)
        sequence.publish(through: 5)  // bits 1…5, which numbers 33…37 share
        while released.withLock({ $0.count }) < 5 { usleep(1000) }
        usleep(50_000)
        #expect(released.withLock { $0.sorted() } == Array(1...5))
        sequence.publish(through: 40)
        threads.forEach { $0.join() }
        #expect(released.withLock { $0.count } == 40)
    }
}
