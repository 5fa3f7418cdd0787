import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// Every command that measures runs inside one session: the environment is captured and the
/// calibrations (timer cost, harness cost per concurrency, the engine's single write) measured
/// once; plans (a run, a matrix, a gate's cells, each step of a saturation search, each part of
/// seed-claims) are measured one after another through one `CellPipeline`; their documents are
/// joined in one place. Stopping is decided here too: after a signal no step starts, and
/// `finish()` returns what finished, marked incomplete.
public final class MeasurementSession {
    public let scope: CleanupScope
    public let temporaryDirectory: String
    private let started = MonotonicClock.now()
    private var document: ResultDocument?
    private var calibrationStart: Double?
    private var calibrationMode: (SynchronousMode, EngineKind)?
    private lazy var timerCostNs = HarnessCalibration.timerCostNs()
    private let harness = HarnessCache()

    public init(scope: CleanupScope = CleanupScope(), temporaryDirectory: String = NSTemporaryDirectory()) {
        self.scope = scope
        self.temporaryDirectory = temporaryDirectory
    }

    /// The signal that asked to stop, if one did: no new step starts once it is set.
    public var stopSignal: Int32? { scope.stopSignal }
    public var elapsedS: Double { Double(MonotonicClock.now() - started) / 1e9 }

    /// Measures one plan's steps and joins them into the session's document; returns the part this
    /// plan measured (with derived figures). Between steps it checks for a stop request.
    @discardableResult
    public func measure(_ plan: BenchPlan, progress: (PlanProgress) -> Void = { _ in }) throws -> ResultDocument {
        try plan.validate()
        try MemoryProbe.verifyJemallocIsAllocator()
        var part = try PlanRunner.steps(
            of: plan, session: self, environment: try environment(for: plan), progress: progress)
        let usesAdapters = (plan.strategies + [plan.reference].compactMap { $0 }).contains { $0.adapter != nil }
        if usesAdapters && document?.adapterProtocolNs == nil && stopSignal == nil {
            part.adapterProtocolNs = try AdapterProtocolCalibration.measure(executable: plan.execution.workerExecutable)
        }
        join(part)
        return part
    }

    /// Records a saturation search's outcome beside its cells.
    public func record(_ saturation: SaturationResult) {
        guard var joined = document else { return }
        joined.saturation = (joined.saturation ?? []) + [saturation]
        document = joined
    }

    /// Records what the designs are made of (`bench seed-claims`' decision table).
    public func record(_ facts: [DesignFacts]) {
        document?.designFacts = facts
    }

    /// The session's document: every finished step, the end calibration, derived figures; marked
    /// incomplete when a signal stopped it.
    public func finish() throws -> ResultDocument {
        var finished =
            document ?? ResultDocument(environment: .current(databaseDirectory: temporaryDirectory), cells: [])
        if stopSignal == nil, let start = calibrationStart, let (mode, engine) = calibrationMode, engine == .sqlite {
            let end = try SingleWriteCalibration.measure(temporaryDirectory: temporaryDirectory, synchronous: mode)
            finished.calibration = RunCalibration(singleWriteStartNs: start, singleWriteEndNs: end)
        }
        finished.complete = finished.complete && stopSignal == nil
        DerivedFigures.apply(to: &finished)
        return finished
    }

    // MARK: - once per session

    package var pipelineTimerCostNs: Double { timerCostNs }

    package var harnessNs: @Sendable (Workload) -> Double {
        let harness = harness
        return { harness.producerLoopNs($0) }
    }

    /// Captured at the first plan; the single-write calibration is SQLite's (a PostgreSQL plan's
    /// engine figure is its limit probe), measured once at the start and once in `finish()`.
    private func environment(for plan: BenchPlan) throws -> EnvironmentInfo {
        if let environment = document?.environment { return environment }
        let synchronous = plan.workloads[0].synchronous
        if plan.engine == .sqlite {
            calibrationStart = try SingleWriteCalibration.measure(
                temporaryDirectory: temporaryDirectory, synchronous: synchronous)
        }
        calibrationMode = (synchronous, plan.engine)
        return EnvironmentInfo.current(databaseDirectory: temporaryDirectory, server: try plan.serverInfo())
    }

    /// The one join: cells, searches, sweeps and designs of every part, in the order measured.
    private func join(_ part: ResultDocument) {
        guard var joined = document else {
            document = part
            return
        }
        joined.cells += part.cells
        joined.complete = joined.complete && part.complete
        if let limits = part.limits { joined.limits = (joined.limits ?? []) + limits }
        if let growth = part.growth { joined.growth = (joined.growth ?? []) + growth }
        if let safety = part.safety { joined.safety = (joined.safety ?? []) + safety }
        if joined.matrix == nil { joined.matrix = part.matrix }
        if joined.budgetNs == nil { joined.budgetNs = part.budgetNs }
        if joined.adapterProtocolNs == nil { joined.adapterProtocolNs = part.adapterProtocolNs }
        var designs = joined.designs ?? []
        for design in part.designs ?? [] where !designs.contains(design) { designs.append(design) }
        joined.designs = designs
        document = joined
    }
}

/// The harness's producer loop cost, measured once per closed-loop shape (concurrency, runs,
/// message size) in a session, never by replaying an open-loop schedule.
final class HarnessCache: @unchecked Sendable {
    private var figures: [Workload: Double] = [:]
    private let lock = NSLock()

    func producerLoopNs(_ workload: Workload) -> Double {
        let shape = HarnessCalibration.closedLoopShape(workload)
        lock.lock()
        defer { lock.unlock() }
        if let known = figures[shape] { return known }
        let measured = HarnessCalibration.producerLoopNs(shape)
        figures[shape] = measured
        return measured
    }
}
