/// Reads every measured run back from the database and classifies it against what was sent.
/// The one place where the execution modes' results meet the audit.
public enum DatabaseAudit {
    /// - Parameter observe: sees every stored entry (the crash audit collects what survived).
    public static func audit(
        layout: StorageLayout, workload: Workload, connection: Connection, sent: SentLog,
        observe: (StoredEntry) -> Void = { _ in }
    ) throws -> AuditResult {
        let messages = MessageGenerator(seed: workload.seed, length: workload.messageBytes)
        var total = AuditResult()
        for run in workload.measuredRunIDs {
            let stored = try StoredLogReader.entries(run: run, layout: layout, connection: connection)
            stored.forEach(observe)
            total =
                total
                + Audit.classify(run: run, sent: sent.runs[run] ?? [:], stored: stored) { producer, seq in
                    (LogLevel.forSequence(seq).rawValue, messages.message(run: run, producer: producer, seq: seq))
                }
        }
        return total
    }
}
