import Foundation

/// The architecture-review table: one row per strategy (and `synchronous` setting), built from a
/// result document. Pure data; the format files render it. Values absent from the document stay nil
/// and render as "not measured" rather than being guessed.
public struct ReviewTable: Codable, Sendable, Equatable {
    public var concurrencies: [Int]
    public var growthSizes: [Int]
    /// The concurrency the single-valued columns (overhead, throughput, allocations) are read at: the highest.
    public var headlineConcurrency: Int
    public var budgetNs: Double?
    public var limits: [SQLiteLimit]
    public var rows: [ReviewRow]
    public var complete: Bool
    public var environment: EnvironmentInfo
    /// The document's load model (documents written before it was recorded were closed loop).
    public var loadModel: String
    /// How the sweep's producers ran (threads unless `bench matrix --mode` said otherwise).
    public var sweepMode: ExecutionMode
    /// How the safety columns were measured (one verdict's basis per property), when they were.
    public var processSafetyBasis: String?
    public var crashSafetyBasis: String?

    public init(document: ResultDocument, sort: ReviewSort = .registry) {
        // The sweep's cells (in the sweep's mode); the safety probe's cells are read through `safety`.
        let mode = document.matrix?.mode ?? .threads
        let summaries = (document.summaries ?? []).filter { ($0.mode ?? .threads) == mode }
        let cells = document.cells.filter { $0.executionMode == mode && $0.crash == nil && $0.safetyProbe != true }
        concurrencies = summaries.map(\.concurrency).uniqued().sorted()
        growthSizes = Array(Set((document.growth ?? []).map(\.logSize))).sorted()
        headlineConcurrency = concurrencies.last ?? 0
        budgetNs = document.budgetNs
        limits = document.limits ?? []
        complete = document.complete
        environment = document.environment
        loadModel = document.loadModel ?? LoadProfile.closedLoopDescription
        sweepMode = mode
        var rows: [ReviewRow] = []
        let settings = SynchronousMode.allCases.filter { setting in
            summaries.contains { $0.workload.synchronous == setting }
        }
        for setting in settings {
            let names = summaries.filter { $0.workload.synchronous == setting }.map(\.strategy)
            for name in Self.registryOrder(names) {
                rows.append(
                    ReviewRow(
                        strategy: name, synchronous: setting, summaries: summaries, cells: cells,
                        growth: document.growth ?? [], limit: limits.first { $0.synchronous == setting },
                        headline: headlineConcurrency, budgetNs: budgetNs, safety: document.safety ?? []))
            }
        }
        self.rows = sort.sorted(rows)
        let processCells = document.cells.filter {
            $0.executionMode == .processes && $0.crash == nil && $0.role == .measured
        }
        if let cell = processCells.first {
            let runs = Dictionary(grouping: processCells, by: \.strategy).values.map(\.count).max() ?? 1
            processSafetyBasis =
                "\(cell.concurrency) worker processes, one producer each, × \(cell.workload.logsPerProducer) entries; "
                + "no entry lost, duplicated or damaged in any of up to \(runs) run(s) per strategy"
        }
        let crashTrials = Dictionary(grouping: document.cells.filter { $0.crash != nil }, by: \.strategy)
        if let most = crashTrials.values.map(\.count).max() {
            crashSafetyBasis =
                "up to \(most) trials per strategy, the writer process SIGKILLed at a random point; no acknowledged "
                + "entry lost and integrity_check ok in every trial"
        }
    }

    /// Strategy names in the registry's order, unknown names (from newer documents) after them.
    static func registryOrder(_ names: [String]) -> [String] {
        var seen = Set<String>()
        let unique = names.filter { seen.insert($0).inserted }
        let known = StrategyRegistry.names.filter(unique.contains)
        return known + unique.filter { !known.contains($0) }.sorted()
    }

    /// Whether rows need the `synchronous` setting in their label.
    public var mixesSynchronous: Bool { Set(rows.map(\.synchronous)).count > 1 }
}

/// How `bench report --sort` orders rows.
public enum ReviewSort: String, CaseIterable, Sendable {
    case registry, loss, overhead, throughput, memory

    func sorted(_ rows: [ReviewRow]) -> [ReviewRow] {
        switch self {
        case .registry: return rows
        case .loss: return rows.sorted { $0.lossFraction < $1.lossFraction }
        case .overhead:
            return rows.sorted { ($0.overheadP50Ns ?? -.infinity) < ($1.overheadP50Ns ?? -.infinity) }
        case .throughput: return rows.sorted { $0.throughputPerSec > $1.throughputPerSec }
        case .memory: return rows.sorted { ($0.peakHeapGrowthBytes ?? .max) < ($1.peakHeapGrowthBytes ?? .max) }
        }
    }
}
