import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// What one invocation measures, for every command (`run`, `matrix`, `check`, `baseline save`):
/// strategies × workloads × trials, each against the reference strategy measured in the same
/// trial; for a sweep also the SQLite limit per `synchronous` setting, latency against the log's
/// size, and process and crash safety per strategy. `steps()` lays it out; `PlanRunner` runs it.
public struct BenchPlan: Sendable {
    public var strategies: [StrategyDescriptor]
    /// The overhead reference (`--reference-adapter`); nil: the engine's unfixed pipeline.
    public var reference: StrategyDescriptor?
    public var workloads: [Workload]
    public var trials: Int
    /// Measure the reference strategy beside the others (for overhead), unless it is among them.
    public var measureReference: Bool
    public var budgetNs: Double
    /// Keep the one cell's database at this path (a plan with exactly one cell).
    public var keepDatabaseAt: String?
    public var temporaryDirectory: String
    public var execution = ExecutionOptions()
    /// A sweep (`bench matrix`): the document records how it was asked for.
    public var sweep: Sweep?
    /// `--allow-failed`: failed writes are reported, not judged as data loss.
    public var allowFailed = false
    /// A part of a multi-part measurement (`bench seed-claims`): every cell of the plan records it,
    /// so verdicts find the part's cells among others with the same workload.
    public var part: String?
    /// Cells a planner lays out itself (a safety probe without a sweep, cells in another mode),
    /// measured after the plan's own; they get the plan's `part` too.
    public var cells: [CellSpec] = []

    /// The extra measurements of `bench matrix`.
    public struct Sweep: Sendable {
        public var measureLimits = true
        /// Log sizes for the growth measurement; empty skips it.
        public var growthSizes: [Int] = []
        public var growthAppends = 20
        /// Process and crash safety per strategy (disabled with 0 workers).
        public var safety = SafetyProbe()

        public init() {}
    }

    public init(
        strategies: [StrategyDescriptor], workloads: [Workload], trials: Int = 1, measureReference: Bool = true,
        budgetNs: Double = 1_000_000, keepDatabaseAt: String? = nil,
        temporaryDirectory: String = NSTemporaryDirectory()
    ) {
        self.strategies = strategies
        self.workloads = workloads
        self.trials = trials
        self.measureReference = measureReference
        self.budgetNs = budgetNs
        self.keepDatabaseAt = keepDatabaseAt
        self.temporaryDirectory = temporaryDirectory
    }

    /// A plan of designs of this package.
    public init(
        strategies: [any BuiltInStrategy.Type], workloads: [Workload], trials: Int = 1, measureReference: Bool = true,
        budgetNs: Double = 1_000_000, keepDatabaseAt: String? = nil,
        temporaryDirectory: String = NSTemporaryDirectory()
    ) {
        self.init(
            strategies: strategies.map(StrategyDescriptor.init), workloads: workloads, trials: trials,
            measureReference: measureReference, budgetNs: budgetNs, keepDatabaseAt: keepDatabaseAt,
            temporaryDirectory: temporaryDirectory)
    }

    /// One step of a plan, in the order it runs.
    public enum Step: Sendable {
        case limit(SynchronousMode)
        case cell(CellSpec)

        public var label: String {
            switch self {
            case .limit(let mode): "limit synchronous=\(mode.rawValue)"
            case .cell(let spec): spec.label
            }
        }
    }

    public var synchronousSettings: [SynchronousMode] {
        var settings: [SynchronousMode] = []
        for workload in workloads where !settings.contains(workload.synchronous) {
            settings.append(workload.synchronous)
        }
        return settings
    }

    /// Every step: limits first, then trials interleaved across cells (so drift in the machine hits
    /// all cells alike), then growth, then safety.
    public func steps() -> [Step] {
        var steps: [Step] = []
        if let sweep, sweep.measureLimits { steps += synchronousSettings.map { .limit($0) } }
        for trial in 0..<trials {
            for workload in workloads {
                if measureReference {
                    var reference = cell(
                        reference ?? StrategyRegistry.referenceDescriptor(for: workload.engine),
                        Self.serialReference(for: workload),
                        role: .reference, trial: trial)
                    reference.referenceOf = Self.identity(workload)
                    steps.append(.cell(reference))
                }
                for strategy in strategies {
                    steps.append(.cell(cell(strategy, workload, role: .measured, trial: trial)))
                }
            }
        }
        for var spec in cells {
            spec.part = part
            steps.append(.cell(spec))
        }
        guard let sweep else { return steps }
        for mode in synchronousSettings {
            for strategy in strategies {
                steps += sweep.growthSizes.map { .cell(growthCell(strategy, mode, size: $0)) }
            }
        }
        if sweep.safety.isEnabled, let base = workloads.first {
            for strategy in strategies {
                steps += sweep.safety.cells(strategy: strategy, base: base).map { .cell($0) }
            }
        }
        return steps
    }

    /// A growth cell: one producer appending `growthAppends` entries (after three warm-up appends to
    /// a run of its own) to a run that already holds `size` entries; audited like every cell.
    func growthCell(_ strategy: StrategyDescriptor, _ mode: SynchronousMode, size: Int) -> CellSpec {
        var workload = workloads[0]
        workload.concurrency = 1
        workload.runs = 1
        workload.logsPerProducer = sweep?.growthAppends ?? 20
        workload.warmupLogsPerProducer = 3
        workload.synchronous = mode
        workload.load = LoadProfile()
        workload.injectDelayUs = 0
        workload.injectStrategy = nil
        workload.prefillEntries = size
        return CellSpec(strategy: strategy, workload: workload, role: .growth)
    }

    /// The serial reference of a workload: the unfixed pipeline with one producer per run, appending
    /// the same entries (so each run's array grows to the same size) with nobody to race: no loss,
    /// no coordination. A strategy's overhead is its latency minus this one's. An injected delay
    /// stands for a slower strategy, so it does not apply here.
    package static func serialReference(for workload: Workload) -> Workload {
        var serial = identity(workload)
        serial.concurrency = workload.runs
        serial.logsPerProducer = max(1, workload.expectedEntries / workload.runs)
        // Open loop: the same entries over the same window, so one producer per run offers what all
        // of the run's producers offered (at their rate it would need c/runs windows, and stop).
        if let rate = workload.load.ratePerSec {
            serial.load.ratePerSec = rate * Double(workload.concurrency) / Double(workload.runs)
        }
        // Runs of the same size: one producer sends what all of a run's producers sent to it.
        serial.logsPerRun = workload.logsPerRun.map { max(1, $0 * workload.concurrency / workload.runs) }
        return serial
    }

    /// A workload as a reference is matched on: the injected delay aside.
    package static func identity(_ workload: Workload) -> Workload {
        var identity = workload
        identity.injectDelayUs = 0
        return identity
    }

    private func cell(_ strategy: StrategyDescriptor, _ workload: Workload, role: CellResult.Role, trial: Int)
        -> CellSpec
    {
        var spec = CellSpec(
            strategy: strategy, workload: workload, role: role, trial: trial, mode: execution.mode,
            crash: execution.crash, keepDatabaseAt: role == .measured ? keepDatabaseAt : nil)
        spec.part = part
        return spec
    }

    /// Checks what depends on the combination of options; single values are checked where parsed.
    public func validate() throws(UsageError) {
        guard !strategies.isEmpty || !cells.isEmpty else { throw UsageError("nothing to run: no strategy") }
        guard !workloads.isEmpty || !cells.isEmpty else { throw UsageError("nothing to run: no workload") }
        guard (1...1000).contains(trials) else {
            throw UsageError("--trials must be between 1 and 1000 (got \(trials))")
        }
        guard Set(strategies.map { $0.name }).count == strategies.count else {
            throw UsageError("a strategy is named twice")
        }
        if keepDatabaseAt != nil && (strategies.count * workloads.count * trials > 1) {
            throw UsageError("--db keeps one database, so it needs exactly one strategy, one workload and one trial")
        }
        for workload in workloads + cells.map(\.workload) { try workload.validate() }
        if execution.mode == .tasks && workloads.contains(where: { !$0.load.isDefault }) {
            throw UsageError("--ack accepted, --rate and --max-pending need --mode threads or processes")
        }
        try execution.validate()
        try validateEngine()
        if let sweep {
            guard sweep.growthSizes.allSatisfy({ (0...1_000_000).contains($0) }) else {
                throw UsageError("--growth sizes must be between 0 and 1000000")
            }
            guard (1...100_000).contains(sweep.growthAppends) else {
                throw UsageError("--growth-appends must be between 1 and 100000")
            }
            try sweep.safety.validate()
        }
        try validateTotalWork()
    }
}

extension BenchPlan {
    /// The matrix default gives every cell the same number of entries (`entriesPerCell`), so each run's
    /// log ends at the same size at every concurrency: the JSON-column strategies pay per append for
    /// the size of the log, and a fixed count per producer would mix that cost into the concurrency
    /// axis (and, being O(n²) per cell, would not fit the 5-minute budget at 50 producers).
    public static let entriesPerCell = 1000

    public static func defaultLogsPerProducer(concurrency: Int) -> Int {
        max(1, (entriesPerCell + concurrency - 1) / concurrency)
    }

    /// The workloads of a sweep: every `synchronous` setting × every concurrency level, each from
    /// `base` with its concurrency, and `logsPerProducer` (nil: `defaultLogsPerProducer`).
    public static func sweepWorkloads(
        base: Workload, concurrency: [Int], synchronous: [SynchronousMode], logsPerProducer: Int?
    ) -> [Workload] {
        synchronous.flatMap { mode in
            concurrency.map { level in
                var workload = base
                workload.concurrency = level
                workload.synchronous = mode
                workload.logsPerProducer = logsPerProducer ?? defaultLogsPerProducer(concurrency: level)
                return workload
            }
        }
    }
}
