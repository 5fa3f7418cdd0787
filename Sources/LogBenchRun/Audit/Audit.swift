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
    ///   - sent: producer → its calls into this run only.
    ///   - stored: the run's entries in stored order.
    ///   - expectedContent: the level and message that entry (producer, seq) was sent with.
    public static func classify(
        run: Int, sent: [Int: SentLog.Calls], stored: [StoredEntry],
        expectedContent: (_ producer: Int, _ seq: Int) -> (level: String, message: String)
    ) -> AuditResult {
        var result = AuditResult()
        result.expected = sent.values.reduce(0) { $0 + $1.outcomes.count }
        result.stored = stored.count

        var occurrences: [Identity: Int] = [:]
        var contentMatches: [Identity: Bool] = [:]
        var highestSeq: [Int: Int] = [:]
        for entry in stored {
            guard let producer = entry.producer, let seq = entry.seq,
                let calls = sent[producer], calls.contains(seq)
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

        // Call order across producers: prefilled entries were never called, so they do not count.
        let stamps = stored.compactMap { entry in
            entry.producer == Workload.prefillProducer ? nil : entry.ts
        }
        if !stamps.isEmpty {
            let order = CallOrder.inversions(stamps)
            result.callOrderInversions = order.count
            result.maxInversionGapNs = order.maxGapNs
        }

        for (producer, calls) in sent {
            for (seq, outcome) in calls.bySeq {
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

/// How far a stored order is from call order: the pairs stored in the reverse of their calls'
/// start, counted by merge sort (O(n log n): a cell may hold millions of entries), and the widest
/// such gap, from a running maximum.
package enum CallOrder {
    package static func inversions(_ stamps: [Int64]) -> (count: Int, maxGapNs: Int64) {
        var maxGap: Int64 = 0
        var highest = Int64.min
        for stamp in stamps {
            if highest > stamp { maxGap = max(maxGap, highest - stamp) }
            highest = max(highest, stamp)
        }
        var values = stamps
        var scratch = stamps
        return (mergeCount(&values, &scratch, 0, values.count), maxGap)
    }

    /// Sorts values[low..<high] and returns how many pairs in it were inverted.
    private static func mergeCount(_ values: inout [Int64], _ scratch: inout [Int64], _ low: Int, _ high: Int) -> Int {
        guard high - low > 1 else { return 0 }
        let middle = (low + high) / 2
        var count = mergeCount(&values, &scratch, low, middle) + mergeCount(&values, &scratch, middle, high)
        var left = low
        var right = middle
        var out = low
        while left < middle || right < high {
            if right >= high || (left < middle && values[left] <= values[right]) {
                scratch[out] = values[left]
                left += 1
            } else {
                // Every entry still on the left was stored earlier and called later than this one.
                count += middle - left
                scratch[out] = values[right]
                right += 1
            }
            out += 1
        }
        for index in low..<high { values[index] = scratch[index] }
        return count
    }
}
