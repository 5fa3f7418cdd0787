import LogBenchStatistics

/// Derives each entry's message from (seed, run, producer, seq), so the audit can regenerate what
/// was sent instead of keeping every message in memory (which would pollute the memory figures).
public struct MessageGenerator: Sendable {
    public let seed: UInt64
    public let length: Int
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ".utf8)

    public init(seed: UInt64, length: Int) {
        self.seed = seed
        self.length = length
    }

    public func message(run: Int, producer: Int, seq: Int) -> String {
        var state = seed ^ (UInt64(run) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(producer) << 32) ^ UInt64(seq)
        let alphabet = Self.alphabet
        return String(unsafeUninitializedCapacity: length) { buffer in
            for index in 0..<length {
                buffer[index] = alphabet[Int(Self.splitMix(&state) % UInt64(alphabet.count))]
            }
            return length
        }
    }

    /// SplitMix64: small, fast and well distributed; enough for message bytes.
    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
