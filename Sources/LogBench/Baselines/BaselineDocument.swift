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

    public init(name: String, createdAt: String, from document: ResultDocument) {
        self.schema = Self.currentSchema
        self.name = name
        self.createdAt = createdAt
        self.fingerprint = document.environment.fingerprint
        self.environment = document.environment
        self.calibration = document.calibration
        self.cells = document.summaries ?? CellSummary.summarize(document.cells)
    }
}

/// What the gate compares: the summaries of a baseline or of a result document, wherever they came from.
public struct MeasurementSet: Sendable {
    public var source: String
    public var environment: EnvironmentInfo
    public var calibration: RunCalibration?
    public var cells: [CellSummary]

    public init(source: String, environment: EnvironmentInfo, calibration: RunCalibration?, cells: [CellSummary]) {
        self.source = source
        self.environment = environment
        self.calibration = calibration
        self.cells = cells
    }

    public init(source: String, baseline: BaselineDocument) {
        self.init(
            source: source, environment: baseline.environment, calibration: baseline.calibration, cells: baseline.cells)
    }

    public init(source: String, result: ResultDocument) {
        self.init(
            source: source, environment: result.environment, calibration: result.calibration,
            cells: result.summaries ?? CellSummary.summarize(result.cells))
    }
}
