import Foundation

/// A deliberate misbehaviour of one worker (hidden `--worker-fault`), for the failure-path tests.
public struct WorkerFault: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Exit with status 70 in the middle of the measured phase.
        case die
        /// Stop making progress (sleep forever) in the middle of the measured phase.
        case hang
        /// Finish, but write a report that is not JSON.
        case badReport = "bad-report"
        /// Die of a Swift runtime trap (a failed precondition) in the middle of the measured phase.
        case trap
        /// Journal to /dev/full, so the first journal write fails as on a full disk.
        case fullDisk = "full-disk"
    }
    public var kind: Kind
    public var worker: Int

    public init(kind: Kind, worker: Int) {
        self.kind = kind
        self.worker = worker
    }

    /// Parses `die:1`, `hang:0`, `bad-report:2`, `trap:1`, `full-disk:0`.
    public init?(argument: String) {
        let parts = argument.split(separator: ":")
        guard parts.count == 2, let kind = Kind(rawValue: String(parts[0])), let worker = Int(parts[1]), worker >= 0
        else { return nil }
        self.init(kind: kind, worker: worker)
    }
}
