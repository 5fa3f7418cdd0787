import LogBenchModel

/// What a document says about external adapters, in words: which implementation each cell ran,
/// and what the protocol itself cost in the same invocation.
public enum AdapterSummary {
    /// "seed-queue 1.0.0 · files 3fa2c1d9e0b1 (2 files) · python3 Adapters/python/seed.py queue".
    public static func describe(_ adapter: AdapterIdentity) -> String {
        "\(Escaping.terminal(adapter.name)) \(Escaping.terminal(adapter.version)) · files \(adapter.filesHash.prefix(12))"
            + " (\(adapter.files.count) file\(adapter.files.count == 1 ? "" : "s")) · "
            + Escaping.terminal(adapter.command.joined(separator: " "))
    }

    /// The protocol's cost line, when the document measured adapters.
    public static func lines(_ document: ResultDocument) -> String {
        guard let cost = document.adapterProtocolNs else { return "" }
        return "\nadapter protocol: p50 \(Units.duration(ns: Double(cost.p50))) · mean \(Units.duration(ns: cost.mean))"
            + " per call round trip through the do-nothing adapter (bench noop-adapter, c=1, 2000 calls);"
            + " every adapter call's latency includes it\n"
    }
}
