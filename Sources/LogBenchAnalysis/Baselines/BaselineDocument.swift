import LogBenchModel
import LogBenchStatistics

/// A baseline: what a result looked like, compact enough for git. Summaries and per-trial values
/// only, no raw histograms; the environment says where it was measured.
public struct BaselineDocument: Codable, Sendable, Equatable {
    public static let currentSchema = "logbench.baseline/1"

    public var schema: String
    public var name: String
    public var createdAt: String
    /// `EnvironmentInfo.fingerprint` when recorded: raw times are compared only when it matches.
    public var fingerprint: String
    public var environment: EnvironmentInfo
    /// Single-write calibration of the recorded run, for cross-machine comparisons (nil: none recorded).
    public var calibration: RunCalibration?
    public var cells: [CellSummary]
    /// External adapters measured, with the identity of their files (absent without adapters).
    public var adapters: [AdapterIdentity]? = nil

    public init(name: String, createdAt: String, from document: ResultDocument) {
        self.schema = Self.currentSchema
        self.name = name
        self.createdAt = createdAt
        self.fingerprint = document.environment.fingerprint
        self.environment = document.environment
        self.calibration = document.calibration
        // Always from the cells' own trial values and audits, never from the stored summaries.
        self.cells = CellSummary.summarize(document.cells)
        let adapters = document.recordedDesigns.compactMap(\.adapter)
        self.adapters = adapters.isEmpty ? nil : adapters
    }
}

/// What the gate compares: the summaries of a baseline or of a result document, wherever they came from.
public struct MeasurementSet: Sendable {
    public var source: String
    public var environment: EnvironmentInfo
    public var calibration: RunCalibration?
    public var cells: [CellSummary]
    /// Failed writes and integrity-check failures per cell, which a summary does not carry (known only
    /// for result documents: a baseline stores summaries).
    public var integrity: [CellKey: CellIntegrity]
    /// The external adapters behind its cells, as recorded.
    public var adapters: [AdapterIdentity] = []

    public init(
        source: String, environment: EnvironmentInfo, calibration: RunCalibration?, cells: [CellSummary],
        integrity: [CellKey: CellIntegrity] = [:]
    ) {
        self.source = source
        self.environment = environment
        self.calibration = calibration
        self.cells = cells
        self.integrity = integrity
    }

    public init(source: String, baseline: BaselineDocument) {
        self.init(
            source: source, environment: baseline.environment, calibration: baseline.calibration, cells: baseline.cells)
        adapters = baseline.adapters ?? []
    }

    /// Summaries recomputed from the cells (the stored ones are checked against them when a file is
    /// loaded: `ResultDocument.verifiedSummaries`), with each cell's failed writes and integrity checks.
    public init(source: String, result: ResultDocument) {
        self.init(
            source: source, environment: result.environment, calibration: result.calibration,
            cells: CellSummary.summarize(result.cells), integrity: CellIntegrity.of(result.cells))
        adapters = result.recordedDesigns.compactMap(\.adapter)
    }

    /// For each adapter both sides measured: whether its files changed between them, in words. A
    /// cell is matched by the adapter's name, so the gate can judge a change to its code (the
    /// point of a pull request); this says which code each side ran.
    public func adapterChanges(since baseline: MeasurementSet) -> [String] {
        adapters.compactMap { now in
            guard let then = baseline.adapters.first(where: { $0.name == now.name }) else { return nil }
            let files =
                then.filesHash == now.filesHash
                ? "files unchanged (\(now.filesHash.prefix(12)))"
                : "files changed since the baseline (\(then.filesHash.prefix(12)) → \(now.filesHash.prefix(12)))"
            let version =
                then.version == now.version ? "version \(now.version)" : "version \(then.version) → \(now.version)"
            return "adapter \(now.name): \(version), \(files)"
        }
    }
}

/// What a cell's audits record beyond the entries counted in `dataLossEntries`.
public struct CellIntegrity: Sendable, Equatable {
    /// Appends that returned an error, summed over the trials.
    public var failedWrites = 0
    /// `PRAGMA integrity_check` results other than "ok", one per failing trial.
    public var integrityErrors: [String] = []

    public init(failedWrites: Int = 0, integrityErrors: [String] = []) {
        self.failedWrites = failedWrites
        self.integrityErrors = integrityErrors
    }

    /// Per gate key, over the measured cells' trials.
    public static func of(_ cells: [CellResult]) -> [CellKey: CellIntegrity] {
        var out: [CellKey: CellIntegrity] = [:]
        for cell in cells where cell.role == .measured {
            let key = CellSummary.gateKey(
                strategy: cell.strategy, concurrency: cell.concurrency, workload: cell.workload)
            out[key, default: CellIntegrity()].failedWrites += cell.audit.failed
            if let check = cell.integrityCheck, check != "ok" {
                out[key, default: CellIntegrity()].integrityErrors.append("trial \(cell.trial): \(check)")
            }
        }
        return out
    }
}
