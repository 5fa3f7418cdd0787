import Foundation
import Synchronization
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

@Suite("Building blocks")
struct PrimitivesTests {
    @Test("an OFD lock excludes another thread's descriptor in the same process")
    func ofdLockExcludesThreads() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let path = "\(folder)/run.lock"
        let holder = try OFDLockFile(path: path)
        #expect(try holder.tryLock())
        let blocked = OSThreadResult<Bool>()
        OSThread(name: "contender") {
            let contender = try! OFDLockFile(path: path)
            blocked.set(try! contender.tryLock())
        }.join()
        #expect(blocked.value == false, "a second descriptor took the lock while the first held it")
        holder.unlock()
        let afterRelease = OSThreadResult<Bool>()
        OSThread(name: "contender") {
            let contender = try! OFDLockFile(path: path)
            let taken = try! contender.tryLock()
            if taken { contender.unlock() }
            afterRelease.set(taken)
        }.join()
        #expect(afterRelease.value == true)
    }

    @Test("an open-loop producer's sleeps get 1 ns of timer slack; other threads keep theirs")
    func preciseSleepsSetTheThreadsSlack() {
        let before = MonotonicClock.timerSlackNs
        let seen = Mutex<Int>(0)
        let thread = OSThread(name: "slack-test") {
            MonotonicClock.preciseSleeps()
            seen.withLock { $0 = MonotonicClock.timerSlackNs }
        }
        thread.join()
        #expect(seen.withLock { $0 } == 1)
        #expect(MonotonicClock.timerSlackNs == before && before > 1)
    }

    @Test("failed calls are timed apart, in a histogram made at the first failure")
    func failedCallsAreTimedApart() {
        struct Refused: Error {}
        var clean = ProducerOutcome()
        clean.acknowledged(latencyNs: 1_000)
        #expect(clean.failedHistogram == nil)
        var failing = ProducerOutcome()
        failing.failed(Refused(), latencyNs: 7_000)
        failing.failed(Refused(), latencyNs: 9_000)
        #expect(failing.failedHistogram?.count == 2)
        var observed = Observations()
        observed.add(clean, producer: 0, workload: Workload(concurrency: 3))
        observed.add(failing, producer: 1, workload: Workload(concurrency: 3))
        #expect(observed.failedLatency.count == 2 && observed.latency.count == 1)
        #expect(observed.errorCounts.values.reduce(0, +) == 2)
    }

    @Test("a new histogram owns its counts before its first record (no copy inside a measured phase)")
    func histogramsOwnTheirCountsFromTheStart() throws {
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        let before = try MemoryProbe.allocatedBytes()
        for value in 1...1000 {
            first.record(UInt64(value) * 1000)
            second.record(UInt64(value))
        }
        let grown = try MemoryProbe.allocatedBytes() - before
        #expect(grown < 100_000, "recording allocated \(grown) bytes: a copy of the counts at the first record")
        #expect(first.count == 1000 && second.count == 1000 && LatencyHistogram().count == 0)
        #expect(first.summary.max > second.summary.max)
    }

    @Test("merged histograms keep every count and the extremes")
    func histogramMerge() {
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        for value in 1...1000 { first.record(UInt64(value) * 1000) }
        for value in 1...1000 { second.record(UInt64(value) * 1_000_000) }
        var merged = LatencyHistogram()
        merged.merge(first)
        merged.merge(second)
        #expect(merged.count == 2000)
        let summary = merged.summary
        #expect(summary.max >= 999_000_000 && summary.max <= 1_001_000_000)
        // The median sits between the two recorded ranges.
        #expect(summary.p50 >= 999_000 && summary.p50 <= 1_001_000)
        #expect(summary.p99 > summary.p50)
    }

    @Test("messages are deterministic and sized")
    func messageGenerator() {
        let generator = MessageGenerator(seed: 42, length: 64)
        #expect(generator.message(run: 1, producer: 2, seq: 3) == generator.message(run: 1, producer: 2, seq: 3))
        #expect(generator.message(run: 1, producer: 2, seq: 3) != generator.message(run: 1, producer: 2, seq: 4))
        #expect(generator.message(run: 1, producer: 2, seq: 3).utf8.count == 64)
        #expect(
            MessageGenerator(seed: 43, length: 64).message(run: 1, producer: 2, seq: 3)
                != generator.message(run: 1, producer: 2, seq: 3))
    }

    @Test("a result document survives a JSON round trip")
    func resultRoundTrip() throws {
        let cell = try TestSupport.runCell(DedicatedLogTable.self, TestSupport.workload(concurrency: 2, logs: 5))
        let document = ResultDocument(environment: .current(databaseDirectory: NSTemporaryDirectory()), cells: [cell])
        let data = try ResultCoding.encode(document)
        let decoded = try JSONDecoder().decode(ResultDocument.self, from: data)
        #expect(decoded.schema == ResultDocument.currentSchema)
        #expect(decoded.cells.first?.audit == cell.audit)
        #expect(decoded.cells.first?.workload == cell.workload)
    }
}

/// A value set by one thread and read after join.
final class OSThreadResult<T: Sendable>: @unchecked Sendable {
    private(set) var value: T?
    func set(_ value: T) { self.value = value }
}
