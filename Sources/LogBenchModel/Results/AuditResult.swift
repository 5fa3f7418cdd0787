import Foundation
import LogBenchStatistics

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
    /// Pairs of stored entries of one run, any producers, stored in the reverse of the order their
    /// calls started (`ts`): how far storage order is from call order across producers. Nil when
    /// not read (older documents, entries without a timestamp).
    public var callOrderInversions: Int?
    /// The largest gap between the starts of two calls stored in reverse order, in ns: how much
    /// earlier a call could start and still be stored after a later one. Nil as above.
    public var maxInversionGapNs: Int64?
    /// `--ack accepted`: calls that returned once the strategy took the entry, never confirmed
    /// written, and absent (lost with a crash, or abandoned at the drain limit). Not counted in
    /// `lost` or in data loss: the caller was told "taken", not "stored". Nil when nothing was sent
    /// with an accepted acknowledgement (and in older documents).
    public var acceptedLost: Int?
    /// `--ack durable`: entries a buffering strategy still held after every producer had been told
    /// "written": acknowledged before they were, so a crash at that moment loses them. Counted in
    /// data loss. Nil when not checked (unbuffered strategies, accepted acknowledgements, older documents).
    public var acknowledgedUnwritten: Int?

    public init() {}

    public var dataLossCount: Int {
        Saturating.sum([lost, duplicated, phantom, corrupted, acknowledgedUnwritten ?? 0])
    }
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
        if lhs.callOrderInversions != nil || rhs.callOrderInversions != nil {
            sum.callOrderInversions = (lhs.callOrderInversions ?? 0) + (rhs.callOrderInversions ?? 0)
            sum.maxInversionGapNs = max(lhs.maxInversionGapNs ?? 0, rhs.maxInversionGapNs ?? 0)
        }
        if lhs.acknowledgedUnwritten != nil || rhs.acknowledgedUnwritten != nil {
            sum.acknowledgedUnwritten = (lhs.acknowledgedUnwritten ?? 0) + (rhs.acknowledgedUnwritten ?? 0)
        }
        return sum
    }
}
