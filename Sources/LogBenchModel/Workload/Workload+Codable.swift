/// A workload's JSON: fields added after the first documents decode to what those documents were
/// measured with, and optional ones are left out when absent so older documents keep their shape.
extension Workload: Codable {
    private enum CodingKeys: String, CodingKey {
        case concurrency, logsPerProducer, runs, messageBytes, warmupLogsPerProducer, synchronous, busyTimeoutMs
        case busyHandler
        case seed, injectDelayUs, codec, injectStrategy, engine, load, prefillEntries, messageText, rejectedSeq
        case rounds, minMeasuredMs, logsPerRun
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            concurrency: try container.decode(Int.self, forKey: .concurrency),
            logsPerProducer: try container.decode(Int.self, forKey: .logsPerProducer),
            runs: try container.decode(Int.self, forKey: .runs),
            messageBytes: try container.decode(Int.self, forKey: .messageBytes),
            warmupLogsPerProducer: try container.decode(Int.self, forKey: .warmupLogsPerProducer),
            synchronous: try container.decode(SynchronousMode.self, forKey: .synchronous),
            busyTimeoutMs: try container.decode(Int.self, forKey: .busyTimeoutMs),
            seed: try container.decode(UInt64.self, forKey: .seed),
            injectDelayUs: try container.decode(Int.self, forKey: .injectDelayUs),
            codec: try container.decodeIfPresent(CodecKind.self, forKey: .codec) ?? .foundation,
            engine: try container.decodeIfPresent(EngineKind.self, forKey: .engine) ?? .sqlite)
        busyHandler =
            try container.decodeIfPresent(BusyHandler.self, forKey: .busyHandler)
            ?? (engine == .sqlite ? .backoff : .fixed)
        injectStrategy = try container.decodeIfPresent(String.self, forKey: .injectStrategy)
        load = try container.decodeIfPresent(LoadProfile.self, forKey: .load) ?? LoadProfile()
        prefillEntries = try container.decodeIfPresent(Int.self, forKey: .prefillEntries)
        messageText = try container.decodeIfPresent(MessageText.self, forKey: .messageText) ?? .plain
        rejectedSeq = try container.decodeIfPresent(Int.self, forKey: .rejectedSeq)
        rounds = try container.decodeIfPresent(Int.self, forKey: .rounds) ?? 1
        minMeasuredMs = try container.decodeIfPresent(Int.self, forKey: .minMeasuredMs)
        logsPerRun = try container.decodeIfPresent(Int.self, forKey: .logsPerRun)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(concurrency, forKey: .concurrency)
        try container.encode(logsPerProducer, forKey: .logsPerProducer)
        try container.encode(runs, forKey: .runs)
        try container.encode(messageBytes, forKey: .messageBytes)
        try container.encode(warmupLogsPerProducer, forKey: .warmupLogsPerProducer)
        try container.encode(synchronous, forKey: .synchronous)
        try container.encode(busyTimeoutMs, forKey: .busyTimeoutMs)
        try container.encode(busyHandler, forKey: .busyHandler)
        try container.encode(seed, forKey: .seed)
        try container.encode(injectDelayUs, forKey: .injectDelayUs)
        try container.encode(codec, forKey: .codec)
        try container.encodeIfPresent(injectStrategy, forKey: .injectStrategy)
        if engine != .sqlite { try container.encode(engine, forKey: .engine) }
        if !load.isDefault { try container.encode(load, forKey: .load) }
        try container.encodeIfPresent(prefillEntries, forKey: .prefillEntries)
        try container.encode(messageText, forKey: .messageText)
        try container.encodeIfPresent(rejectedSeq, forKey: .rejectedSeq)
        if rounds != 1 { try container.encode(rounds, forKey: .rounds) }
        try container.encodeIfPresent(minMeasuredMs, forKey: .minMeasuredMs)
        try container.encodeIfPresent(logsPerRun, forKey: .logsPerRun)
    }
}
