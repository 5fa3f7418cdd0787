import LogBenchStatistics

/// What a design is made of, as `bench seed-claims` records it for the decision table: its code
/// counted from the source tree when the document was written, and the platforms its mechanism
/// exists on, stated with where that is written down. Reports read these; they never count or state.
public struct DesignFacts: Codable, Sendable, Equatable {
    public var name: String
    public var engine: EngineKind
    /// The design's own file, relative to the package root (`Sources/LogBenchStrategies/…`).
    public var sourceFile: String
    /// Lines of code in that file: not blank, not a comment. Nil when the source tree was not found
    /// beside the binary that ran.
    public var codeLines: Int?
    /// Where the design's mechanism exists (stated, not measured).
    public var platforms: String
    /// The document that says so.
    public var platformSource: String
    /// The type of the design's PostgreSQL form, if it has one.
    public var postgresForm: String?

    public init(
        name: String, engine: EngineKind, sourceFile: String, codeLines: Int?, platforms: String,
        platformSource: String, postgresForm: String?
    ) {
        self.name = name
        self.engine = engine
        self.sourceFile = sourceFile
        self.codeLines = codeLines
        self.platforms = platforms
        self.platformSource = platformSource
        self.postgresForm = postgresForm
    }

    /// Building blocks several designs share (the queue, the JSON column), counted apart so a
    /// design's own count is not inflated by what its siblings use too. Recorded as facts named
    /// after the file (`engine` is the designs').
    public static let sharedPrefix = "shared:"
}
