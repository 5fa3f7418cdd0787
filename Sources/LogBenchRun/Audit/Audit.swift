import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Classifies every sent entry against what one run holds. Pure: no database, easy to test.
public enum Audit {
    private struct Identity: Hashable {
        package let producer: Int
        package let seq: Int
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
