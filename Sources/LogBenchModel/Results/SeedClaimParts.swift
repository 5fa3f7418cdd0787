/// The parts of a `bench seed-claims` document beyond its first four (`CellResult.part`), so the
/// verdicts find each part's cells among others with the same strategy and workload.
public enum SeedClaimPart {
    /// The unfixed pipeline at the seed's test shapes, one entry per producer, repeated.
    public static let before = "before"
    /// Every design at the seed's shape (20 producers, closed loop): order, latency, throughput.
    public static let designs = "designs"
    /// Every design with one sequence number refused by the database.
    public static let errors = "errors"
    /// The seed's four approaches as runs grow, a fixed number of producers per run.
    public static let runs = "runs"
    /// The seed's four approaches on one run as producers grow.
    public static let concurrency = "concurrency"
    /// Processes mode and crash trials of every design (`SafetyProbe`).
    public static let safety = "safety"
    /// Crash trials of the buffering designs under `--ack accepted`.
    public static let acceptedCrash = "accepted-crash"
    /// The PostgreSQL forms in processes mode, measured beside a SQLite run: host safety.
    public static let host = "host"
}
