import LogBenchStatistics

/// Which JSON codec the read-modify-write uses. Part of a workload (and so of a cell's identity).
public enum CodecKind: String, Codable, Sendable, CaseIterable {
    /// simdjson parsing into flat records plus one message buffer, and a plain writer.
    case fast
    /// `JSONDecoder`/`JSONEncoder` with Codable: what a plain Swift app would write.
    case foundation

}
