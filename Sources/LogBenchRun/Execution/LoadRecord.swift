import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// What a driver (or a worker process) saw of the load besides each call's latency: the durability
/// lag of accepted entries, how far open-loop producers kept their schedule, what the strategy still
/// held when the drain limit ran out, and the pending series. Nil fields were not measured.
public struct LoadRecord: Codable, Sendable {
    /// `--ack accepted` with a buffering strategy: per committed entry, call → committed and returned.
    public var durabilityLag: LatencyHistogram?
    /// Monotonic time of the last commit of an accepted entry.
    public var lastCommitNs: UInt64?
    /// Monotonic time the last producer made its last call (the end of the send phase).
    public var sendEndNs: UInt64 = 0
    /// Open loop: entries scheduled in the window that producers never sent (they fell behind).
    public var unsent = 0
    /// Open loop: how late the producers' last sends were against their intended times (the largest).
    public var finalSendDelayNs: UInt64 = 0
    /// Accepted entries still pending at the drain limit, dropped unwritten.
    public var abandoned = 0
    /// `--ack durable`, buffering strategy: entries it still held once every producer had returned,
    /// that is, acknowledged as written before they were. Nil when not checked.
    public var acknowledgedUnwritten: Int?
    /// The strategy's pending entries and bytes through the phase (buffering strategies, non-default load).
    public var pendingSeries: [PendingSample]?
    /// The first few errors of writes that failed after their entry was accepted.
    public var writeErrors: [String] = []

    public init() {}

    /// Another worker's record added to this one (processes mode): lags merged, counts summed; of
    /// the pending series, the one that peaked highest is kept (each worker has its own queue).
    package mutating func merge(_ other: LoadRecord) {
        if let lag = other.durabilityLag {
            var merged = durabilityLag ?? LatencyHistogram()
            merged.merge(lag)
            durabilityLag = merged
        }
        if let last = other.lastCommitNs { lastCommitNs = max(lastCommitNs ?? 0, last) }
        sendEndNs = max(sendEndNs, other.sendEndNs)
        unsent += other.unsent
        finalSendDelayNs = max(finalSendDelayNs, other.finalSendDelayNs)
        abandoned += other.abandoned
        if let count = other.acknowledgedUnwritten { acknowledgedUnwritten = (acknowledgedUnwritten ?? 0) + count }
        if let series = other.pendingSeries,
            (series.map(\.entries).max() ?? 0) >= (pendingSeries?.map(\.entries).max() ?? -1)
        {
            pendingSeries = series
        }
        writeErrors = Array((writeErrors + other.writeErrors).prefix(5))
    }
}

extension ProducerPool {
    /// Starts sampling the strategy's pending entries for a non-default load (nil otherwise, or when
    /// the strategy holds nothing). Call right before `release()`.
    package func startPendingSampler(_ strategy: any AppendStrategy) -> PendingSampler? {
        guard !workload.load.isDefault, strategy.pendingSnapshot() != nil else { return nil }
        return PendingSampler(strategy: strategy, originNs: MonotonicClock.now())
    }

    /// After `release()`: lets the strategy write what it accepted (up to the drain limit; the rest
    /// is abandoned), stops the sampler, and settles every accepted entry's outcome (committed →
    /// acknowledged, failed → failed, otherwise still accepted). Returns the outcomes per producer slot.
    package func finishAcceptedWrites(strategy: any AppendStrategy, sampler: PendingSampler?) -> (
        outcomes: [ProducerOutcome], record: LoadRecord
    ) {
        var record = LoadRecord()
        var outcomes = self.outcomes
        record.sendEndNs = outcomes.map(\.finishedAt).max() ?? 0
        record.unsent = outcomes.reduce(0) { $0 + $1.unsent }
        record.finalSendDelayNs = outcomes.map(\.sendDelayNs).max() ?? 0
        // Every producer has returned: under durable acknowledgements nothing may still be pending.
        if workload.load.ack == .durable, let pending = strategy.pendingSnapshot() {
            record.acknowledgedUnwritten = pending.entries
        }
        record.abandoned = strategy.finishPendingWrites(limitNs: workload.load.drainLimitNs)
        record.pendingSeries = sampler?.stop()
        guard let recorders else { return (outcomes, record) }
        var lag = LatencyHistogram()
        var lastCommit: UInt64 = 0
        for (slot, recorder) in recorders.enumerated() {
            recorder.settle(&outcomes[slot].outcomes)
            lag.merge(recorder.lagHistogram())
            // Entries never sent count in the lag too, with the wait they had when the producer gave up.
            let outcome = outcomes[slot]
            if outcome.unsent > 0,
                let schedule = SendSchedule(
                    load: workload.load, producer: producers[slot], concurrency: workload.concurrency)
            {
                let sent = workload.logsPerProducer - recorder.firstSeq - outcome.unsent
                for index in sent..<(sent + outcome.unsent) {
                    let due = schedule.intendedNs(origin: originNs, index: index)
                    lag.record(outcome.stoppedAtNs > due ? outcome.stoppedAtNs - due : 0)
                }
            }
            lastCommit = max(lastCommit, recorder.lastCommitNs)
            record.writeErrors += recorder.writeErrors
            outcomes[slot].errors += recorder.writeErrors
        }
        record.durabilityLag = lag
        record.lastCommitNs = lastCommit > 0 ? lastCommit : nil
        record.writeErrors = Array(record.writeErrors.prefix(5))
        return (outcomes, record)
    }
}

extension StrategyCounters {
    /// A worker's queue figures added to the cell's: the highest p99 and bytes per run, summed abandoned entries.
    package mutating func addPendingFigures(of other: StrategyCounters) {
        if let p99 = other.p99PendingPerRun { p99PendingPerRun = max(p99PendingPerRun ?? 0, p99) }
        if let bytes = other.maxPendingBytes { maxPendingBytes = max(maxPendingBytes ?? 0, bytes) }
        if let abandoned = other.abandonedPending { abandonedPending = (abandonedPending ?? 0) + abandoned }
        if let rss = other.adapterPeakRssBytes { adapterPeakRssBytes = max(adapterPeakRssBytes ?? 0, rss) }
        if let commits = other.groupCommits { groupCommits = (groupCommits ?? 0) + commits }
        if let entries = other.groupCommittedEntries {
            groupCommittedEntries = (groupCommittedEntries ?? 0) + entries
        }
    }
}

extension CrashPlan {
    /// Open loop with `random`: the kill's delay after the start, drawn from the seed and the trial in
    /// 10–50 % of the send window; nil for closed loop or `after:N` (which counts acknowledgements).
    package func openLoopKillDelayNs(load: LoadProfile, seed: UInt64, trial: Int) -> UInt64? {
        guard self == .random, let window = load.windowNs else { return nil }
        var state = seed ^ (UInt64(trial) &+ 1) &* 0xD1B5_4A32_D192_ED03
        state = (state ^ (state >> 31)) &* 0x9E37_79B9_7F4A_7C15
        let fraction = 0.1 + 0.4 * Double((state ^ (state >> 29)) % 10_000) / 10_000
        return UInt64(Double(window) * fraction)
    }
}
