import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics

/// The architecture-review table: one row per strategy (and engine, and `synchronous` setting),
/// built from one result document, or from several side by side (`bench report sqlite.json
/// pg.json`). Pure data; the format files render it. Values absent from the documents stay nil and
/// render as "not measured" rather than being guessed.
public struct ReviewTable: Codable, Sendable, Equatable {
    public var concurrencies: [Int]
    public var growthSizes: [Int]
    /// The concurrency the single-valued columns (overhead, throughput, allocations) are read at: the highest.
    public var headlineConcurrency: Int
    public var budgetNs: Double?
    public var limits: [EngineLimit]
    public var rows: [ReviewRow]
    public var complete: Bool
    public var environment: EnvironmentInfo
    /// Other documents' machines, when they differ from the first's (absent when they do not).
    public var otherMachines: [String]?
    /// The document's load model (documents written before it was recorded were closed loop).
    public var loadModel: String
    /// How the sweep's producers ran (threads unless `bench matrix --mode` said otherwise).
    public var sweepMode: ExecutionMode
    /// Overheads are against the serial reference (documents before it: against `none` at the same c).
    public var serialReference: Bool
    /// The serial reference cells' designs, in first-seen order (`none` unless `--reference` or
    /// `--reference-adapter` named another).
    public var referenceNames: [String] = []
    /// How the safety columns were measured (one verdict's basis per property), when they were.
    public var processSafetyBasis: String?
    public var crashSafetyBasis: String?
    /// With adapters: the protocol's own round trip, measured in the same invocation.
    public var adapterProtocolNs: LatencySummary?

    public init(document: ResultDocument, sort: ReviewSort = .registry) {
        self.init(documents: [document], sort: sort)
    }

    /// Several documents in one table: their rows side by side, labelled with their engine when
    /// the engines differ. Each document's sweep cells are read in that document's mode.
    public init(documents: [ResultDocument], sort: ReviewSort = .registry) {
        let first = documents[0]
        // The sweep's cells (in the sweep's mode); the safety probe's cells are read through `safety`.
        var summaries: [CellSummary] = []
        var cells: [CellResult] = []
        for document in documents {
            let mode = document.matrix?.mode ?? .threads
            summaries += (document.summaries ?? []).filter { ($0.mode ?? .threads) == mode }
            cells += document.cells.filter {
                $0.executionMode == mode && $0.crash == nil && $0.safetyProbe != true && $0.role != .growth
            }
        }
        let allCells = documents.flatMap(\.cells)
        let growth = documents.flatMap { $0.growth ?? [] }
        let safety = documents.flatMap { $0.safety ?? [] }
        concurrencies = summaries.map(\.concurrency).uniqued().sorted()
        growthSizes = Array(Set(growth.map(\.logSize))).sorted()
        headlineConcurrency = concurrencies.last ?? 0
        budgetNs = first.budgetNs
        limits = documents.flatMap { $0.limits ?? [] }
        complete = documents.allSatisfy(\.complete)
        environment = first.environment
        environment.server = documents.lazy.compactMap(\.environment.server).first
        let machines = documents.map { Self.machine($0.environment) }.uniqued()
        otherMachines = machines.count > 1 ? Array(machines.dropFirst()) : nil
        sweepMode = first.matrix?.mode ?? .threads
        serialReference = documents.contains { $0.cells.contains { $0.referenceOf != nil } }
        referenceNames = documents.flatMap { $0.cells.filter { $0.referenceOf != nil }.map(\.strategy) }.uniqued()
        loadModel = first.loadModel ?? LoadProfile.closedLoopDescription
        var rows: [ReviewRow] = []
        let settings = SynchronousMode.allCases.filter { setting in
            summaries.contains { $0.workload.synchronous == setting }
        }
        let engines = EngineKind.allCases.filter { engine in summaries.contains { $0.workload.engine == engine } }
        for setting in settings {
            let names = summaries.filter { $0.workload.synchronous == setting }.map(\.strategy)
            for name in Self.designOrder(names, documents: documents) {
                for engine in engines {
                    let mine = summaries.filter { $0.workload.engine == engine }
                    guard mine.contains(where: { $0.strategy == name && $0.workload.synchronous == setting }) else {
                        continue
                    }
                    rows.append(
                        ReviewRow(
                            strategy: name, engine: engine, synchronous: setting, summaries: mine,
                            cells: cells.filter { $0.workload.engine == engine },
                            growth: growth.filter { ($0.engine ?? .sqlite) == engine },
                            limit: limits.first { ($0.engine ?? .sqlite) == engine && $0.synchronous == setting },
                            headline: headlineConcurrency, budgetNs: budgetNs,
                            safety: safety.filter { ($0.engine ?? .sqlite) == engine },
                            traits: documents.lazy.compactMap { $0.traits(of: name, engine: engine) }.first,
                            isReference: documents.contains { $0.isReferenceDesign(name) }))
                }
            }
        }
        self.rows = sort.sorted(rows)
        let processCells = allCells.filter {
            $0.executionMode == .processes && $0.crash == nil && $0.role == .measured
        }
        if let cell = processCells.first {
            let runs =
                Dictionary(grouping: processCells, by: { $0.strategy + $0.workload.engine.rawValue }).values
                .map(\.count).max() ?? 1
            processSafetyBasis =
                "\(cell.concurrency) worker processes, one producer each, × \(cell.workload.logsPerProducer) entries; "
                + "no entry lost, duplicated or damaged in any of up to \(runs) run(s) per strategy"
        }
        adapterProtocolNs = documents.lazy.compactMap(\.adapterProtocolNs).first
        let crashTrials = Dictionary(
            grouping: allCells.filter { $0.crash != nil }, by: { $0.strategy + $0.workload.engine.rawValue })
        if let most = crashTrials.values.map(\.count).max() {
            crashSafetyBasis =
                "up to \(most) trials per strategy, the writer process SIGKILLed at a random point; no acknowledged "
                + "entry lost and integrity_check ok in every trial"
        }
    }

    /// The first design two documents both hold for the same engine and `synchronous` setting, named
    /// with the two documents' indices: one row cannot show both, and merging them silently mixed
    /// one document's audit with the other's throughput. Nil when every row has one source.
    public static func overlap(_ documents: [ResultDocument]) -> (design: String, first: Int, second: Int)? {
        var seen: [String: Int] = [:]
        for (index, document) in documents.enumerated() {
            let keys = Set(
                (document.summaries ?? []).map {
                    "\($0.strategy) (\($0.workload.engine.rawValue), synchronous=\($0.workload.synchronous.rawValue))"
                })
            for key in keys.sorted() {
                if let earlier = seen[key] { return (key, earlier, index) }
                seen[key] = index
            }
        }
        return nil
    }

    /// What makes two documents' machines the same one (the server aside: engines differ on purpose).
    package static func machine(_ environment: EnvironmentInfo) -> String {
        var machine = environment
        machine.server = nil
        return machine.fingerprint
    }

    /// Design names in the order the documents recorded them, unknown names after them.
    package static func designOrder(_ names: [String], documents: [ResultDocument]) -> [String] {
        var merged = documents[0]
        merged.designs = documents.flatMap(\.recordedDesigns)
        return merged.designOrder(names)
    }

    /// Whether rows need the `synchronous` setting in their label.
    public var mixesSynchronous: Bool { Set(rows.map(\.synchronous)).count > 1 }

    /// Whether rows need their engine in their label.
    public var mixesEngines: Bool { Set(rows.map { $0.engine ?? .sqlite }).count > 1 }

    /// The strategy, then what tells its rows apart: "(PostgreSQL)", "(SQLite, normal)".
    public func label(_ row: ReviewRow) -> String {
        var parts: [String] = []
        if mixesEngines { parts.append((row.engine ?? .sqlite).displayName) }
        if mixesSynchronous { parts.append(row.synchronous.rawValue) }
        return parts.isEmpty ? row.strategy : "\(row.strategy) (\(parts.joined(separator: ", ")))"
    }
}

/// How `bench report --sort` orders rows.
public enum ReviewSort: String, CaseIterable, Sendable {
    case registry, loss, overhead, throughput, memory

    package func sorted(_ rows: [ReviewRow]) -> [ReviewRow] {
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
