import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Classifies every entry of a crash trial. Pure: the runner supplies what was sent and stored.
public enum CrashAudit {
    /// - Parameters:
    ///   - sent: producer → outcome per seq sent before the kill (seqs beyond the array were not).
    ///   - stored: producer → the seqs found in the database for that producer's run.
    ///   - resumed: when the writer was restarted, producer → outcome per seq the restarted writer
    ///     sent, starting at `sent[producer].count`; nil without a restart.
    public static func classify(
        sent: [Int: [SentLog.Outcome]], stored: [Int: Set<Int>], logsPerProducer: Int,
        resumed: [Int: [SentLog.Outcome]]? = nil, into outcome: inout CrashOutcome
    ) {
        if let resumed {
            outcome.restarted = true
            var sentAfter = 0
            var ackStored = 0
            var ackLost = 0
            var failed = 0
            var acceptedLost: Int?
            for (producer, outcomes) in resumed {
                let found = stored[producer] ?? []
                let firstSeq = sent[producer]?.count ?? 0
                sentAfter += outcomes.count
                for (offset, result) in outcomes.enumerated() {
                    switch result {
                    case .acknowledged:
                        if found.contains(firstSeq + offset) { ackStored += 1 } else { ackLost += 1 }
                    case .failed:
                        failed += 1
                    case .accepted:
                        if !found.contains(firstSeq + offset) { acceptedLost = (acceptedLost ?? 0) + 1 }
                    case .inFlight:
                        // The restarted writer is not killed; the runner fails the cell if it died.
                        break
                    }
                }
            }
            outcome.sentAfterRestart = sentAfter
            outcome.acknowledgedStoredAfterRestart = ackStored
            outcome.acknowledgedLostAfterRestart = ackLost
            outcome.failedAfterRestart = failed
            outcome.acceptedLostAfterRestart = acceptedLost
        }
        for (producer, outcomes) in sent {
            let found = stored[producer] ?? []
            for (seq, result) in outcomes.enumerated() {
                let isStored = found.contains(seq)
                switch result {
                case .acknowledged:
                    if isStored { outcome.acknowledgedStored += 1 } else { outcome.acknowledgedLost += 1 }
                case .inFlight:
                    if isStored { outcome.inFlightStored += 1 } else { outcome.inFlightLost += 1 }
                case .accepted:
                    if isStored {
                        outcome.acceptedStored = (outcome.acceptedStored ?? 0) + 1
                    } else {
                        outcome.acceptedLost = (outcome.acceptedLost ?? 0) + 1
                    }
                case .failed:
                    break
                }
            }
            outcome.neverSent += max(0, logsPerProducer - outcomes.count - (resumed?[producer]?.count ?? 0))
        }
    }
}
