import Foundation

/// One step of a matrix finished (a limit probe, a cell or a growth point), for progress displays.
public struct MatrixProgress: Sendable {
    public var done: Int
    public var total: Int
    public var label: String
    public var elapsedNs: UInt64
    /// Estimated from the entries still to append at the rate so far; nil before the first cell.
    public var remainingNs: UInt64?
}

/// Runs a `MatrixPlan`. Checks `shouldStop` before every step: when it says stop, the matrix
/// returns what it finished, marked incomplete, instead of throwing it away.
public enum MatrixRunner {
    public static func run(
        _ plan: MatrixPlan, shouldStop: () -> Bool = { false }, progress: (MatrixProgress) -> Void = { _ in }
    ) throws -> ResultDocument {
        try plan.validate()
        try MemoryProbe.verifyJemallocIsAllocator()
        let started = MonotonicClock.now()
        let harness = HarnessCalibration.overheadPerLogNs()
        var info = MatrixInfo(
            strategies: plan.strategies.map { $0.name }, concurrency: plan.concurrency, synchronous: plan.synchronous,
            growthSizes: plan.growthSizes, plannedCells: plan.plannedCells)
        var document = ResultDocument(
            environment: EnvironmentInfo.current(databaseDirectory: plan.temporaryDirectory), cells: [],
            complete: false, limits: [], growth: plan.growthSizes.isEmpty ? nil : [])

        // Work is weighted by entries appended, so the estimate is not fooled by cheap small cells.
        let steps = Steps(plan: plan)
        var doneWeight = 0.0
        var done = 0
        func finished(_ label: String, weight: Double) {
            done += 1
            doneWeight += weight
            let elapsed = MonotonicClock.now() - started
            let remaining = doneWeight > 0 ? UInt64(Double(elapsed) / doneWeight * (steps.weight - doneWeight)) : nil
            progress(
                MatrixProgress(
                    done: done, total: steps.count, label: label, elapsedNs: elapsed, remainingNs: remaining))
        }
        func stop(_ reason: String) -> ResultDocument {
            info.stoppedBecause = reason
            info.finishedCells = document.cells.count
            info.wallTimeNs = MonotonicClock.now() - started
            document.matrix = info
            return document
        }

        for mode in plan.synchronous {
            if shouldStop() { return stop("interrupted (SIGINT)") }
            let limit = try SQLiteLimitProbe.measure(
                synchronous: mode, messageBytes: plan.messageBytes, temporaryDirectory: plan.temporaryDirectory)
            document.limits?.append(limit)
            finished("limit synchronous=\(mode.rawValue)", weight: Steps.limitWeight)
        }

        for trial in 0..<plan.trials {
            for mode in plan.synchronous {
                for level in plan.concurrency {
                    let workload = plan.workload(concurrency: level, synchronous: mode)
                    var group: [CellResult] = []
                    let cells: [(any AppendStrategy.Type, CellResult.Role)] =
                        (plan.needsSeparateReference ? [(NoCoordination.self, .reference)] : [])
                        + plan.strategies.map { ($0, .measured) }
                    for (strategy, role) in cells {
                        if shouldStop() { return stop("interrupted (SIGINT)") }
                        let cell = try CellRunner(
                            strategy: strategy, workload: workload, role: role, trial: trial,
                            temporaryDirectory: plan.temporaryDirectory
                        ).run(harnessOverheadNs: harness)
                        group.append(cell)
                        document.cells.append(cell)
                        finished(
                            "\(strategy.name) c=\(level) sync=\(mode.rawValue)\(plan.trials > 1 ? " trial \(trial)" : "")",
                            weight: Double(workload.expectedEntries))
                    }
                    applyOverhead(group: group, to: &document.cells, budgetNs: plan.budgetNs)
                }
            }
        }

        for mode in plan.synchronous {
            for strategy in plan.strategies {
                for size in plan.growthSizes {
                    if shouldStop() { return stop("interrupted (SIGINT)") }
                    let point = try GrowthProbe.measure(
                        strategy: strategy, logSize: size, synchronous: mode, appends: plan.growthAppends,
                        messageBytes: plan.messageBytes, temporaryDirectory: plan.temporaryDirectory)
                    document.growth?.append(point)
                    finished("growth \(strategy.name) size=\(size)", weight: steps.growthWeight(size: size))
                }
            }
        }
        // Safety runs at the first `synchronous` setting; its cells are processes-mode cells, which the
        // review table keeps apart from the threads-mode sweep.
        if plan.safety.isEnabled {
            for strategy in plan.strategies {
                var stopped = false
                try plan.safety.measure(
                    strategy: strategy, base: plan.workload(concurrency: 1, synchronous: plan.synchronous[0]),
                    temporaryDirectory: plan.temporaryDirectory, harness: harness,
                    shouldStop: {
                        stopped = shouldStop()
                        return stopped
                    }
                ) { cell in
                    document.cells.append(cell)
                    document.safety = SafetyVerdict.measure(document.cells)
                    finished(
                        "safety \(strategy.name) \(cell.crash == nil ? "processes" : "crash trial \(cell.trial)")",
                        weight: Double(cell.workload.expectedEntries))
                }
                if stopped { return stop("interrupted (SIGINT)") }
            }
        }
        document.complete = true
        info.finishedCells = document.cells.count
        info.wallTimeNs = MonotonicClock.now() - started
        document.matrix = info
        return document
    }

    /// Overhead against the `none` cell of the same trial, workload and concurrency.
    static func applyOverhead(group: [CellResult], to cells: inout [CellResult], budgetNs: Double) {
        guard let reference = group.first(where: { $0.strategy == NoCoordination.name }) else { return }
        for index in cells.indices
        where cells[index].role == .measured && cells[index].trial == reference.trial
            && cells[index].workload == reference.workload
        {
            cells[index].overheadNs = OverheadSummary(
                p50: Double(cells[index].latencyNs.p50) - Double(reference.latencyNs.p50),
                mean: cells[index].latencyNs.mean - reference.latencyNs.mean, budgetNs: budgetNs)
        }
    }

    /// The matrix's steps and their weights (entries appended, roughly) for the time estimate.
    struct Steps {
        static let limitWeight = 200.0
        let count: Int
        let weight: Double
        let plan: MatrixPlan

        init(plan: MatrixPlan) {
            self.plan = plan
            let perStrategyCells = plan.strategies.count + (plan.needsSeparateReference ? 1 : 0)
            var weight = Double(plan.synchronous.count) * Self.limitWeight
            for level in plan.concurrency {
                weight +=
                    Double(plan.trials * plan.synchronous.count * perStrategyCells)
                    * Double(level * plan.logs(atConcurrency: level))
            }
            let growthSteps = plan.synchronous.count * plan.strategies.count
            for size in plan.growthSizes {
                weight += Double(growthSteps) * Self.growthWeight(size: size, appends: plan.growthAppends)
            }
            weight +=
                Double(plan.strategies.count * plan.safety.cellsPerStrategy)
                * Double(plan.safety.workers * plan.safety.logsPerProducer)
            self.weight = weight
            count = plan.synchronous.count + plan.plannedCells + growthSteps * plan.growthSizes.count
        }

        func growthWeight(size: Int) -> Double { Self.growthWeight(size: size, appends: plan.growthAppends) }

        /// Pre-filling plus the appends; a pre-filled entry is far cheaper than an appended one.
        static func growthWeight(size: Int, appends: Int) -> Double { Double(appends) + Double(size) / 100 }
    }
}
