import Foundation
import LogBenchStatistics

/// What a document records about each design it measured, so reports and verdicts read the
/// document, never today's strategy registry: a document keeps meaning what it meant when it was
/// written, even after a design changes or is renamed.
public struct DesignTraits: Codable, Sendable, Equatable {
    public var name: String
    public var engine: EngineKind
    /// The unfixed pipeline: the overhead reference, expected to lose entries.
    public var isReference: Bool
    /// Needs the dedicated log table (a schema change for the seed's pipeline).
    public var requiresSchemaChange: Bool
    /// Claims to keep every entry when writers are separate processes.
    public var claimsProcessSafety: Bool
    /// Holds entries in memory before writing them (a queue).
    public var buffersEntries: Bool
    /// Entries still queued when the process dies are lost with it.
    public var pendingEntriesDieWithProcess: Bool
    /// An implementation outside this package, run through the adapter protocol (absent otherwise).
    public var adapter: AdapterIdentity? = nil

    public init(
        name: String, engine: EngineKind, isReference: Bool, requiresSchemaChange: Bool, claimsProcessSafety: Bool,
        buffersEntries: Bool, pendingEntriesDieWithProcess: Bool
    ) {
        self.name = name
        self.engine = engine
        self.isReference = isReference
        self.requiresSchemaChange = requiresSchemaChange
        self.claimsProcessSafety = claimsProcessSafety
        self.buffersEntries = buffersEntries
        self.pendingEntriesDieWithProcess = pendingEntriesDieWithProcess
    }

    /// The seed's fix (the per-run queue), and the pipeline before it: the two designs the seed's
    /// claims are about.
    public static let seedQueueName = "queue"
    public static let unfixedName = "none"

    /// The designs as they stood when documents began to record them (schema 1 documents carry
    /// none): what such a document's cells meant. Frozen data, not the registry; a test holds the
    /// registry of today against it, so a change to a design is a decision, not a drift.
    public static let beforeDocumentsRecordedThem: [DesignTraits] = EngineKind.allCases.flatMap { engine in
        // name, schema change, claims process safety, buffers, pending dies with the process
        let designs: [(String, Bool, Bool, Bool, Bool)] = [
            ("none", false, false, false, false),
            ("queue", false, false, true, true),
            ("queue-batch", false, false, true, true),
            ("transaction", false, true, false, false),
            ("log-table", true, true, false, false),
            ("log-table-batch", true, true, true, true),
            ("lock", false, true, false, false),
            ("atomic-append", false, true, false, false),
        ]
        return designs.map { name, schema, process, buffers, dies in
            DesignTraits(
                name: name, engine: engine, isReference: name == unfixedName, requiresSchemaChange: schema,
                claimsProcessSafety: process, buffersEntries: buffers, pendingEntriesDieWithProcess: dies)
        }
    }
}

extension ResultDocument {
    /// The traits of a design as this document recorded them (nil for documents written before
    /// designs were recorded, and for names the document does not know).
    public func traits(of name: String, engine: EngineKind = .sqlite) -> DesignTraits? {
        recordedDesigns.first { $0.name == name && $0.engine == engine }
    }

    /// The designs this document recorded, or for an older document the designs of its time.
    public var recordedDesigns: [DesignTraits] { designs ?? DesignTraits.beforeDocumentsRecordedThem }

    /// Design names in the order the document recorded them, unknown names after them, sorted.
    public func designOrder(_ names: [String]) -> [String] {
        var seen = Set<String>()
        let unique = names.filter { seen.insert($0).inserted }
        var recordedSeen = Set<String>()
        let recorded = recordedDesigns.map(\.name).filter { unique.contains($0) && recordedSeen.insert($0).inserted }
        return recorded + unique.filter { !recorded.contains($0) }.sorted()
    }

    /// Whether `name` is this document's overhead reference: its recorded trait, else a cell's role.
    public func isReferenceDesign(_ name: String) -> Bool {
        if let traits = recordedDesigns.first(where: { $0.name == name }) { return traits.isReference }
        return cells.contains { $0.strategy == name && $0.role == .reference }
    }
}
