import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// What the parent tells every worker process of a cell, as `spec.json` in the cell's exchange folder.
/// Worker `i` runs `producers[i]` and writes its files there too (see `ExchangeFolder`).
public struct WorkerSpec: Codable, Sendable {
    package init(
        strategy: String, workload: Workload, databasePath: DatabasePath, sideFileDirectory: String, producers: [[Int]],
        parentPID: Int32, fault: WorkerFault? = nil
    ) {
        self.strategy = strategy
        self.workload = workload
        self.databasePath = databasePath
        self.sideFileDirectory = sideFileDirectory
        self.producers = producers
        self.parentPID = parentPID
        self.fault = fault
    }

    public var strategy: String
    /// Its engine is the database's (and `workload.engine`'s).
    public var workload: Workload
    /// The cell's SQLite file, or its PostgreSQL server URL and schema: each worker connects itself.
    public var databasePath: DatabasePath
    /// Shared between the workers: lock files live here, so file locks exclude across processes.
    public var sideFileDirectory: String
    /// Producer numbers per worker.
    public var producers: [[Int]]
    /// The parent's pid: a worker whose parent is already gone exits at once.
    public var parentPID: Int32
    /// Test hook: make one worker misbehave, to exercise the parent's failure handling.
    public var fault: WorkerFault?
    /// An external adapter's command and timeout: each worker starts its own adapter.
    public var adapterCommand: [String]?
    public var adapterTimeoutMs: Int?
}

/// What a worker reports when it finished normally, as `worker-<i>.report.json` (written to a
/// temporary name and renamed, so the parent never reads half a report). Acknowledgements are not
/// here but in the journals, which survive a kill.
public struct WorkerReport: Codable, Sendable {
    public static let currentFormat = "logbench.worker-report/1"
    public var format: String
    public var worker: Int
    /// Latencies of the acknowledged appends of all the worker's producers (HdrHistogram, ns).
    public var latency: LatencyHistogram
    /// CLOCK_MONOTONIC (system-wide, so comparable with the parent's) when the last producer finished.
    public var finishedAtNs: UInt64
    public var counters: StrategyCounters
    /// The first few distinct errors appends returned.
    public var errors: [String]
    /// The worker's peak resident set (getrusage ru_maxrss), bytes.
    public var peakRssBytes: Int
    /// Failed calls' latencies, and how many calls each error hit (absent from older workers).
    public var failedLatency: LatencyHistogram?
    public var errorCounts: [String: Int]?
    /// Durability lag, schedule and pending series under a non-default load (`LoadRecord`); absent otherwise.
    public var load: LoadRecord?
    /// The strategy broke (an external adapter): the message the parent's command exits 70 with.
    public var strategyFailure: String?

    public init(
        worker: Int, latency: LatencyHistogram, finishedAtNs: UInt64, counters: StrategyCounters, errors: [String],
        peakRssBytes: Int
    ) {
        self.format = Self.currentFormat
        self.worker = worker
        self.latency = latency
        self.finishedAtNs = finishedAtNs
        self.counters = counters
        self.errors = errors
        self.peakRssBytes = peakRssBytes
    }
}

/// The files of one cell's worker exchange, all inside the cell's scratch folder.
public struct ExchangeFolder: Sendable {
    public let path: String
    public init(path: String) { self.path = path }

    public var spec: String { "\(path)/spec.json" }
    /// `restarted`: the files of the writer process started again after a crash (threads mode), kept
    /// apart from the killed writer's so that the audit knows which side of the restart an entry is on.
    public func report(worker: Int, restarted: Bool = false) -> String {
        "\(path)/worker-\(worker)\(suffix(restarted)).report.json"
    }
    public func stderr(worker: Int, restarted: Bool = false) -> String {
        "\(path)/worker-\(worker)\(suffix(restarted)).stderr"
    }
    public func journal(producer: Int, restarted: Bool = false) -> String {
        "\(path)/producer-\(producer)\(suffix(restarted)).journal"
    }
    private func suffix(_ restarted: Bool) -> String { restarted ? ".restarted" : "" }
}

/// File descriptors a worker inherits from the parent.
public enum WorkerDescriptors {
    /// The start barrier's read end: the parent closes the write end to release every worker at once.
    public static let barrier: Int32 = 3
    /// The ready pipe's write end: one byte per worker once its warm-up is done.
    public static let ready: Int32 = 4
}
