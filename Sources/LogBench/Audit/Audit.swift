/// The audit's verdict for one cell. Data loss is lost + duplicated + phantom + corrupted.
public struct AuditResult: Codable, Sendable, Equatable {
    /// Entries sent (acknowledged or failed).
    public var expected = 0
    /// Entries found in the database, whatever their state.
    public var stored = 0
    /// Acknowledged but absent.
    public var lost = 0
    /// Sent entries stored more than once.
    public var duplicated = 0
    /// Stored entries that were never sent (or whose identity is unreadable).
    public var phantom = 0
    /// Stored once, but level or message differ from what was sent.
    public var corrupted = 0
    /// Calls that returned an error (reported, not loss).
    public var failed = 0
    /// Entries stored before an entry of the same producer with a smaller sequence number.
    public var outOfOrder = 0
    /// `--ack accepted`: calls that returned once the strategy took the entry, never confirmed
    /// written, and absent (lost with a crash, or abandoned at the drain limit). Not counted in
    /// `lost` or in data loss: the caller was told "taken", not "stored". Nil when nothing was sent
    /// with an accepted acknowledgement (and in older documents).
    public var acceptedLost: Int?

    public init() {}

    public var dataLossCount: Int { Saturating.sum([lost, duplicated, phantom, corrupted]) }
    public var hasDataLoss: Bool { dataLossCount > 0 }

    public static func + (lhs: AuditResult, rhs: AuditResult) -> AuditResult {
        var sum = lhs
        sum.expected += rhs.expected
        sum.stored += rhs.stored
        sum.lost += rhs.lost
        sum.duplicated += rhs.duplicated
        sum.phantom += rhs.phantom
        sum.corrupted += rhs.corrupted
        sum.failed += rhs.failed
        sum.outOfOrder += rhs.outOfOrder
        if lhs.acceptedLost != nil || rhs.acceptedLost != nil {
            sum.acceptedLost = (lhs.acceptedLost ?? 0) + (rhs.acceptedLost ?? 0)
        }
        return sum
    }
}

/// Classifies every sent entry against what one run holds. Pure: no database, easy to test.
public enum Audit {
    private struct Identity: Hashable {
        let producer: Int
        let seq: Int
    }

    /// - Parameters:
    ///   - sent: producer → outcome per seq, for this run only.
    ///   - stored: the run's entries in stored order.
    ///   - expectedContent: the level and message that entry (producer, seq) was sent with.
    public static func classify(
        run: Int, sent: [Int: [SentLog.Outcome]], stored: [StoredEntry],
        expectedContent: (_ producer: Int, _ seq: Int) -> (level: String, message: String)
    ) -> AuditResult {
        var result = AuditResult()
        result.expected = sent.values.reduce(0) { $0 + $1.count }
        result.stored = stored.count

        var occurrences: [Identity: Int] = [:]
        var contentMatches: [Identity: Bool] = [:]
        var highestSeq: [Int: Int] = [:]
        for entry in stored {
            guard let producer = entry.producer, let seq = entry.seq,
                let outcomes = sent[producer], outcomes.indices.contains(seq)
            else {
                result.phantom += 1
                continue
            }
            let identity = Identity(producer: producer, seq: seq)
            occurrences[identity, default: 0] += 1
            if occurrences[identity] == 1 {
                let expected = expectedContent(producer, seq)
                contentMatches[identity] = entry.level == expected.level && entry.message == expected.message
            }
            if let highest = highestSeq[producer], seq < highest {
                result.outOfOrder += 1
            }
            highestSeq[producer] = max(highestSeq[producer] ?? seq, seq)
        }

        for (producer, outcomes) in sent {
            for (seq, outcome) in outcomes.enumerated() {
                let identity = Identity(producer: producer, seq: seq)
                let count = occurrences[identity] ?? 0
                if outcome == .failed {
                    result.failed += 1
                } else if outcome == .inFlight {
                    // Neither acknowledged nor refused: the crash audit counts it; it is not loss.
                } else if outcome == .accepted {
                    result.acceptedLost = (result.acceptedLost ?? 0) + (count == 0 ? 1 : 0)
                } else if count == 0 {
                    result.lost += 1
                }
                if count > 1 { result.duplicated += 1 }
                if count >= 1 && contentMatches[identity] == false { result.corrupted += 1 }
            }
        }
        return result
    }
}
