import Foundation
import LogBenchStatistics

/// What one crash trial did to the entries, from the journals and the database after the kill.
public struct CrashOutcome: Codable, Sendable, Equatable {
    public var plan: String
    public var victimWorker: Int
    public var killAfterAcknowledged: Int
    /// False when the victim finished before the kill could land (the trial then tests nothing).
    public var killed: Bool
    /// Acknowledged before the kill, and in the database: the promise kept.
    public var acknowledgedStored = 0
    /// Acknowledged, yet absent: a durability failure (or, for strategies that are not process-safe,
    /// lost to the race; read it beside `processSafe`).
    public var acknowledgedLost = 0
    /// `--ack accepted`: taken by a buffering strategy before the kill, never confirmed written, and
    /// absent: the seed's "in-memory (lost on crash)". The caller had gone on believing it logged.
    /// Nil when nothing was accepted without a durable acknowledgement (and in older documents).
    public var acceptedLost: Int?
    /// `--ack accepted`: taken before the kill, not confirmed written before it, but stored.
    public var acceptedStored: Int?
    /// Sent, no answer before the kill, stored anyway (allowed).
    public var inFlightStored = 0
    /// Sent, no answer before the kill, not stored (allowed; for the queues: pending entries lost).
    public var inFlightLost = 0
    /// Entries no writer sent (with a restart: neither the killed writer nor the restarted one).
    public var neverSent = 0
    /// `PRAGMA integrity_check` after the trial ("ok" when intact).
    public var integrityCheck: String
    /// Threads mode: whether the killed writer process was started again (nil: no restart was part of
    /// the trial, as in processes mode and in documents written before restarts existed).
    public var restarted: Bool?
    /// Entries the restarted writer sent: every producer's entries after the last one its journal
    /// showed as sent at the kill.
    public var sentAfterRestart: Int?
    /// Sent after the restart, acknowledged and stored.
    public var acknowledgedStoredAfterRestart: Int?
    /// Sent after the restart, acknowledged, absent: data loss like any acknowledged-but-lost entry.
    public var acknowledgedLostAfterRestart: Int?
    /// Sent after the restart, refused with an error (reported, not loss).
    public var failedAfterRestart: Int?
    /// `--ack accepted`: taken by the restarted writer, never written (abandoned at its drain limit).
    public var acceptedLostAfterRestart: Int?

    /// Nothing acknowledged lost, before or after a restart, and an intact database.
    public var durable: Bool {
        acknowledgedLost == 0 && (acknowledgedLostAfterRestart ?? 0) == 0 && integrityCheck == "ok"
    }

    public init(plan: String, victimWorker: Int, killAfterAcknowledged: Int, killed: Bool, integrityCheck: String) {
        self.plan = plan
        self.victimWorker = victimWorker
        self.killAfterAcknowledged = killAfterAcknowledged
        self.killed = killed
        self.integrityCheck = integrityCheck
    }
}
