import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

/// `--ack`, open loop, durability lag and `--max-pending`: behaviour, never timings (small sizes).
@Suite("Load model: acknowledgement point, open loop, pending", .serialized)
struct LoadModelTests {
    static func workload(
        concurrency: Int = 4, logs: Int = 30, ack: AckPoint = .accepted, maxPending: Int? = nil
    ) -> Workload {
        var workload = TestSupport.workload(concurrency: concurrency, logs: logs)
        workload.load = LoadProfile(ack: ack, maxPending: maxPending)
        return workload
    }

    @Test("an open-loop schedule spaces each producer's intended send times exactly 1/rate apart")
    func scheduleSpacing() {
        let schedule = SendSchedule(ratePerSec: 200, durationS: 1, producer: 3, concurrency: 4)
        let origin: UInt64 = 1_000_000_000
        let times = (0..<200).map { schedule.intendedNs(origin: origin, index: $0) }
        #expect(times[0] == origin + 3_750_000)  // offset 3/4 of the 5 ms period
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect((4_999_999...5_000_001).contains(later - earlier))
        }
        #expect(schedule.windowEnd(origin: origin) == origin + 1_100_000_000)
        #expect(LoadProfile.scheduledEntries(ratePerSec: 2000, durationS: 5) == 10_000)
    }

    @Test("open-loop producers send no entry before its intended time, and every entry in the window")
    func scheduleKept() throws {
        var workload = TestSupport.workload(concurrency: 3, logs: 20)
        workload.warmupLogsPerProducer = 0
        workload.load = LoadProfile(ratePerSec: 200, durationS: 0.1)
        let strategy = SendTimeRecorder(producers: 3)
        let pool = ProducerPool(workload: workload, strategy: strategy)
        pool.start()
        _ = pool.release()
        for producer in 0..<3 {
            let schedule = try #require(
                SendSchedule(load: workload.load, producer: producer, concurrency: workload.concurrency))
            let sent = strategy.times[producer]
            #expect(sent.count == 20)
            for (index, time) in sent.enumerated() {
                #expect(time >= schedule.intendedNs(origin: pool.originNs, index: index))
            }
        }
        #expect(pool.outcomes.allSatisfy { $0.unsent == 0 })
    }

    @Test("under --ack accepted every entry is committed after its call, and its lag is at least its latency")
    func lagCoversLatency() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let workload = Self.workload()
        let settings = ConnectionSettings(synchronous: .normal, busyTimeoutMs: 5000)
        let runIDs = workload.measuredRunIDs + workload.warmupRunIDs
        let path = "\(folder)/cell.db"
        let database = try SQLiteCellDatabase(path: path, settings: settings, runIDs: runIDs)
        defer { database.release() }
        let context = StrategyContext(databasePath: path, settings: settings, runIDs: runIDs, scratchDirectory: folder)
        let strategy = try PerRunQueue(context: context)
        defer { strategy.shutdown() }
        let pool = ProducerPool(workload: workload, strategy: strategy)
        pool.start()
        _ = pool.release()
        let (outcomes, record) = pool.finishAcceptedWrites(strategy: strategy, sampler: nil)
        let recorders = try #require(pool.recorders)
        for (slot, recorder) in recorders.enumerated() {
            #expect(outcomes[slot].outcomes.allSatisfy { $0 == .acknowledged })
            for index in 0..<workload.logsPerProducer {
                let times = recorder.times(index)
                #expect(times.committed > times.called, "entry \(index) committed before its call")
                #expect(max(times.committed, times.returned) - times.called >= times.returned - times.called)
            }
        }
        #expect(record.durabilityLag?.count == UInt64(workload.expectedEntries))
        #expect(record.abandoned == 0)
    }

    @Test("a cell under --ack accepted reports lag ≥ latency at every percentile and loses nothing")
    func cellLag() throws {
        for strategy in StrategyRegistry.all.filter({ $0.buffersEntries }) {
            let cell = try TestSupport.runCell(strategy, Self.workload(concurrency: 6, logs: 25))
            let lag = try #require(cell.durabilityLagNs)
            let latency = cell.latencyNs
            #expect(lag.p50 >= latency.p50 && lag.p99 >= latency.p99 && lag.max >= latency.max)
            #expect(lag.mean >= latency.mean)
            #expect(cell.audit.stored == 150 && !cell.audit.hasDataLoss)
            #expect(cell.audit.acceptedLost == 0)
            #expect(cell.load?.strategyBuffers == true)
            #expect(cell.load?.pendingSeries?.isEmpty == false)
        }
    }

    @Test("a strategy without a buffer behaves the same under --ack accepted: lag equals latency")
    func unbufferedStrategy() throws {
        let cell = try TestSupport.runCell(DedicatedLogTable.self, Self.workload())
        #expect(cell.load?.strategyBuffers == false)
        #expect(cell.durabilityLagNs == cell.latencyNs)
        #expect(cell.audit.acceptedLost == nil)
        #expect(cell.audit.stored == 120)
    }

    @Test("--max-pending bounds every run's queue, under either acknowledgement point")
    func pendingBounded() throws {
        for strategy in StrategyRegistry.all.filter({ $0.buffersEntries }) {
            for (ack, bound) in [(AckPoint.accepted, 5), (.durable, 2)] {
                let cell = try TestSupport.runCell(
                    strategy, Self.workload(concurrency: 6, logs: 30, ack: ack, maxPending: bound))
                let pending = try #require(cell.counters.maxPendingPerRun)
                #expect(pending >= 1 && pending <= bound, "\(strategy.name) \(ack): \(pending) > \(bound)")
                #expect(cell.audit.stored == 180 && !cell.audit.hasDataLoss)
                #expect(cell.load?.pendingSeries?.allSatisfy { $0.largestRun <= bound } == true)
            }
        }
    }

    @Test("the sampled series keeps its peak when merged down")
    func seriesKeepsPeak() {
        let samples = (0..<1000).map {
            PendingSample(atNs: UInt64($0), entries: $0 == 517 ? 9999 : $0 % 7, largestRun: 0, bytes: 0)
        }
        let merged = PendingSampler.merged(samples, into: 240)
        #expect(merged.count <= 240)
        #expect(merged.first == samples.first && merged.last == samples.last)
        #expect(merged.contains { $0.entries == 9999 })
    }
}

/// A strategy (not registered) whose appender records when each call came in, per producer.
final class SendTimeRecorder: BuiltInStrategy, @unchecked Sendable {
    static let name = "send-time-recorder"
    static let layout = StorageLayout.logTable
    static let claimsProcessSafety = false
    static let connectionPolicy = ConnectionPolicy.perProducer
    static let buffersEntries = false
    static let summary = "records send times"

    private(set) var times: [[UInt64]]

    init(producers: Int) { times = Array(repeating: [], count: producers) }
    init(context: StrategyContext) throws { times = [] }

    func makeAppender(producer: Int) throws -> any LogAppender { Appender(owner: self, producer: producer) }

    private final class Appender: LogAppender {
        let owner: SendTimeRecorder
        let producer: Int
        init(owner: SendTimeRecorder, producer: Int) {
            self.owner = owner
            self.producer = producer
        }
        func append(_ entry: LogEntry, run: Int) throws {
            let now = MonotonicClock.now()
            owner.lock.lock()
            owner.times[producer].append(now)
            owner.lock.unlock()
        }
    }

    private let lock = NSLock()
}
