import Foundation
import LogBenchModel
import LogBenchStore

/// `--adapter "CMD ARGS"`: a design implemented outside this package, in any language, driven over
/// the adapter protocol (docs/adapters.md). Per cell one adapter process (threads and tasks mode:
/// the producers' calls go to it concurrently, the seed's shape of one process with many tasks;
/// processes mode: one per worker). LogBench times each call from the request written to the
/// answer read; the audit reads the database as for any design.
public final class ExternalAdapter: AppendStrategy {
    private let channel: AdapterChannel
    public let buffersAcceptedEntries: Bool
    private let closed = LockedFlag()

    /// Starts the adapter, shakes hands and opens the cell's database.
    public init(command: AdapterCommand, handshake: AdapterHandshake, context: StrategyContext, timeoutNs: UInt64)
        throws
    {
        let (process, _) = try AdapterHandshake.start(command, timeoutNs: timeoutNs)
        let channel = AdapterChannel(process: process, name: handshake.identity.name, timeoutNs: timeoutNs)
        self.channel = channel
        buffersAcceptedEntries = handshake.acceptsEarly && context.ack == .accepted
        do {
            let (engine, database): (EngineKind, String) =
                switch context.database {
                case .file(let path): (.sqlite, path)
                case .schema(let url, let schema): (.postgres, Self.postgresTarget(url: url, schema: schema))
                }
            let answer = try channel.call(AdapterChannel.Call()) { id in
                AdapterWire.open(
                    id: id, engine: engine, database: database, layout: handshake.layout, runs: context.runIDs,
                    ack: self.buffersAcceptedEntries ? .accepted : .durable,
                    busyTimeoutMs: context.settings.busyTimeoutMs, busyHandler: context.settings.busyHandler,
                    synchronous: context.settings.synchronous)
            }
            if let error = answer.error {
                throw AdapterFailure("adapter \(handshake.identity.name) cannot open: \(error)")
            }
        } catch {
            channel.breakChannel("failed to open the database")
            channel.shutdown()
            throw error
        }
    }

    /// A libpq URI naming the cell's schema through `options=-csearch_path=…`.
    static func postgresTarget(url: String, schema: String) -> String {
        let separator = url.contains("?") ? "&" : "?"
        return url + separator + "options=-csearch_path%3D" + schema
    }

    public func makeAppender(producer: Int) throws -> any LogAppender { AdapterAppender(channel: channel) }

    public func pendingSnapshot() -> PendingSnapshot? {
        buffersAcceptedEntries
            ? PendingSnapshot(entries: channel.acceptedCount, largestRun: channel.acceptedCount) : nil
    }

    public func finishPendingWrites(limitNs: UInt64) -> Int {
        guard closed.set() else { return 0 }
        // Under durable acknowledgements every call was answered after its write: nothing to drain.
        return channel.close(drainLimitNs: buffersAcceptedEntries ? limitNs : 0) ?? channel.acceptedCount
    }

    public func shutdown() {
        if closed.set() { _ = channel.close(drainLimitNs: 0) }
        channel.shutdown()
    }

    public func failure() -> String? { channel.failure }

    /// Read before `shutdown()`, while the adapter still runs.
    public func counters() -> StrategyCounters {
        var counters = StrategyCounters()
        counters.adapterPeakRssBytes = channel.process.peakRssBytes()
        return counters
    }
}

/// One producer's calls: its own reusable request buffer and call slot.
final class AdapterAppender: BufferingLogAppender {
    private let channel: AdapterChannel
    private let call = AdapterChannel.Call()
    private var line: [UInt8] = []

    init(channel: AdapterChannel) {
        self.channel = channel
        line.reserveCapacity(512)
    }

    func append(_ entry: LogEntry, run: Int) throws {
        let answer = try channel.append(entry, run: run, call: call, line: &line)
        if let error = answer.error { throw AdapterWriteError(message: error) }
        if let phases = answer.phases { Self.record(phases) }
    }

    func accept(_ entry: LogEntry, run: Int, observer: any DurabilityObserver) throws {
        let answer = try channel.append(entry, run: run, call: call, line: &line, observer: observer)
        if let error = answer.error { throw AdapterWriteError(message: error) }
        if answer.ack == "durable" { observer.committed(seq: entry.seq, atNs: MonotonicClock.now()) }
    }

    /// The adapter's own account of where the time went; what it does not claim stays `other`.
    private static func record(_ phases: [String: Int64]) {
        guard PhaseSample.enabled else { return }
        let sample = PhaseSample.current
        for (name, ns) in phases where ns > 0 {
            guard let phase = Phase.allCases.first(where: { $0.name == name }), phase != .other, phase != .schedule
            else { continue }
            sample.ns[phase.rawValue] &+= UInt64(ns)
        }
    }
}

/// The adapter answered an append with an error: a failed write, as a built-in design's would be.
struct AdapterWriteError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Set once, from any thread.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    /// True the first time only.
    func set() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        defer { value = true }
        return !value
    }
}
