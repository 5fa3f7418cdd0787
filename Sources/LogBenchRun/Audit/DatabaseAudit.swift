import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Reads every measured run back from the database and classifies it against what was sent.
/// The one place where the execution modes' results meet the audit.
public enum DatabaseAudit {
    /// - Parameter observe: sees every stored entry (the crash audit collects what survived).
    public static func audit(
        layout: StorageLayout, workload: Workload, connection: Connection, sent: SentLog,
        observe: (StoredEntry) -> Void = { _ in }
    ) throws -> AuditResult {
        try audit(workload: workload, sent: sent, observe: observe) { run in
            try StoredLogReader.entries(run: run, layout: layout, connection: connection)
        }
    }

    /// The same, whatever the engine: `read` returns a run's stored entries in stored order.
    public static func audit(
        workload: Workload, sent: SentLog, observe: (StoredEntry) -> Void = { _ in },
        read: (Int) throws -> [StoredEntry]
    ) throws -> AuditResult {
        let messages = workload.messages
        var total = AuditResult()
        for run in workload.measuredRunIDs {
            let stored = try read(run)
            stored.forEach(observe)
            // A pre-filled log (a growth cell) was written before the producers: every entry of it
            // must still be there once, unchanged, as if its producer had been acknowledged.
            var expected = sent.runs[run] ?? [:]
            if let prefill = workload.prefillEntries, prefill > 0 {
                expected[Workload.prefillProducer] = SentLog.Calls(
                    outcomes: Array(repeating: .acknowledged, count: prefill))
            }
            total =
                total
                + Audit.classify(run: run, sent: expected, stored: stored) { producer, seq in
                    (LogLevel.forSequence(seq).rawValue, messages.message(run: run, producer: producer, seq: seq))
                }
        }
        return total
    }
}
