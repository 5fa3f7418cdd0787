import LogBenchStatistics

/// What message text looks like. Real log lines carry quotes, backslashes, paths, tabs, newlines and
/// non-ASCII text, each of which the JSON encoder must escape or copy as multi-byte UTF-8; the plain
/// alphabet never needs escaping, so it measures the encoder's best case.
public enum MessageText: String, Codable, Sendable, CaseIterable {
    /// Words, paths, quotes, backslashes, a tab or newline now and then, 2- and 3-byte UTF-8.
    case realistic
    /// `[A-Za-z0-9 ]` only: the encoder's best case (the only text before 0.5.0).
    case plain
}

/// Derives each entry's message from (seed, run, producer, seq), so the audit can regenerate what
/// was sent instead of keeping every message in memory (which would pollute the memory figures).
/// Every message is exactly `length` bytes of valid UTF-8.
public struct MessageGenerator: Sendable {
    public let seed: UInt64
    public let length: Int
    public let text: MessageText
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ".utf8)
    private static let letters = Array("etaoinshrdlucmfwypvbgkETAOINSHRD".utf8)
    /// Pieces of a realistic line: each is copied whole when it fits; JSON must escape the
    /// quote, the backslash, the tab and the newline; é and ü are 2 bytes, € and 日 3.
    private static let pieces: [[UInt8]] = [
        "\"", "\\", "/srv/render/", "\t", "\n", "é", "ü", "€", "日本", "C:\\tmp\\", "{\"k\":1}", " = ", ": ",
    ].map { Array($0.utf8) }

    public init(seed: UInt64, length: Int, text: MessageText = .realistic) {
        self.seed = seed
        self.length = length
        self.text = text
    }

    public func message(run: Int, producer: Int, seq: Int) -> String {
        var state = seed ^ (UInt64(run) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(producer) << 32) ^ UInt64(seq)
        let length = self.length
        switch text {
        case .plain:
            let alphabet = Self.alphabet
            return String(unsafeUninitializedCapacity: length) { buffer in
                for index in 0..<length {
                    buffer[index] = alphabet[Int(Self.splitMix(&state) % UInt64(alphabet.count))]
                }
                return length
            }
        case .realistic:
            let pieces = Self.pieces
            let letters = Self.letters
            return String(unsafeUninitializedCapacity: length) { buffer in
                var index = 0
                var draw: UInt64 = 0
                var left = 0
                while index < length {
                    // 16 bits a byte, four bytes a draw, multiplications instead of divisions: this
                    // runs on the producer's thread between appends, so it must cost next to nothing.
                    if left == 0 {
                        draw = Self.splitMix(&state)
                        left = 4
                    }
                    let bits = Int(truncatingIfNeeded: draw & 0xFFFF)
                    draw >>= 16
                    left -= 1
                    let choice = bits & 0xFFF
                    // About one byte in twelve (341/4096) starts a piece; one in six of the rest is a space.
                    if choice < 341 {
                        let piece = pieces[((bits >> 12) &* pieces.count) >> 4]
                        if index + piece.count <= length {
                            for byte in piece {
                                buffer[index] = byte
                                index += 1
                            }
                            continue
                        }
                    }
                    buffer[index] = choice < 341 + 626 ? 0x20 : letters[bits >> 11]
                    index += 1
                }
                return length
            }
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
