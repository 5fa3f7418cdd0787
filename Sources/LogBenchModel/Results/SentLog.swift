import LogBenchStatistics

/// What producers sent and how each call ended, per run and producer, indexed by sequence number.
/// Messages are not kept: `MessageGenerator` regenerates them for the comparison.
public struct SentLog: Sendable {
    public enum Outcome: UInt8, Sendable {
        /// The call returned normally: the strategy promised the entry is stored.
        case acknowledged
        /// The call threw: reported, and not counted as loss whether or not the entry was stored.
        case failed
        /// The process died during the call (crash injection): stored or not, both are allowed.
        case inFlight
        /// `--ack accepted`: the call returned once a buffering strategy took the entry, and nothing
        /// said it was committed afterwards (its writer died, or the drain limit abandoned it).
        /// Absent, it counts as `acceptedLost`, apart from the loss of a durable acknowledgement.
        case accepted
    }

    /// One producer's calls into one run: consecutive seqs from `firstSeq` (an open loop's producer
    /// moves on to a fresh run every `Workload.logsPerRun` entries).
    public struct Calls: Sendable, Equatable {
        public var firstSeq: Int
        public var outcomes: [Outcome]

        public init(firstSeq: Int = 0, outcomes: [Outcome]) {
            self.firstSeq = firstSeq
            self.outcomes = outcomes
        }

        public func contains(_ seq: Int) -> Bool { seq >= firstSeq && seq - firstSeq < outcomes.count }
        /// (seq, outcome) for every call.
        public var bySeq: some Sequence<(seq: Int, outcome: Outcome)> {
            outcomes.enumerated().lazy.map { (firstSeq + $0.offset, $0.element) }
        }
    }

    /// run → producer → its calls into that run.
    public private(set) var runs: [Int: [Int: Calls]] = [:]

    public init() {}

    public mutating func record(run: Int, producer: Int, calls: Calls) {
        runs[run, default: [:]][producer] = calls
    }

    /// A producer's calls, indexed by seq from 0, each filed under the run `workload` sent it to.
    public mutating func record(workload: Workload, producer: Int, outcomes: [Outcome]) {
        let length = workload.logsPerRun ?? max(outcomes.count, 1)
        var first = 0
        repeat {
            let end = min(outcomes.count, first + max(length, 1))
            record(
                run: workload.run(ofProducer: producer, seq: first), producer: producer,
                calls: Calls(firstSeq: first, outcomes: Array(outcomes[first..<end])))
            first = end
        } while first < outcomes.count
    }

    /// Another round's calls added (rounds write distinct runs; a run in both keeps the later).
    public mutating func merge(_ other: SentLog) {
        runs.merge(other.runs) { mine, theirs in mine.merging(theirs) { _, later in later } }
    }

    public var count: Int { runs.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.outcomes.count } } }
}

/// One entry as read back from the database. Fields are optional: a damaged entry still counts.
public struct StoredEntry: Sendable, Equatable, Decodable {
    public var producer: Int?
    public var seq: Int?
    public var level: String?
    public var message: String?
    /// When the call that sent it started (`LogEntry.ts`): the audit reads the call order from it.
    public var ts: Int64?

    public init(producer: Int?, seq: Int?, level: String?, message: String?, ts: Int64? = nil) {
        self.producer = producer
        self.seq = seq
        self.level = level
        self.message = message
        self.ts = ts
    }
}
