import Foundation
import Testing

@testable import LogBenchModel
@testable import LogBenchRun
@testable import LogBenchStore

/// Realistic messages by default: the JSON encoder must escape most of them, every one is exactly
/// the asked number of bytes of valid UTF-8, and documents from before the field read as plain.
@Suite struct MessageTextTests {
    static func needsEscape(_ message: String) -> Bool {
        message.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }

    @Test(arguments: [16, 64, 200])
    func realisticMessagesNeedEscapingAndKeepTheirLength(bytes: Int) throws {
        let generator = MessageGenerator(seed: 7, length: bytes)
        #expect(generator.text == .realistic)
        var escaped = 0
        var multiByte = 0
        for seq in 0..<1000 {
            let message = generator.message(run: 1, producer: seq % 20, seq: seq)
            #expect(message.utf8.count == bytes)
            #expect(String(validating: Array(message.utf8), as: UTF8.self) == message)
            if Self.needsEscape(message) { escaped += 1 }
            if message.utf8.contains(where: { $0 >= 0x80 }) { multiByte += 1 }
            // Deterministic: the audit regenerates the same text.
            #expect(message == generator.message(run: 1, producer: seq % 20, seq: seq))
        }
        if bytes >= 64 {
            #expect(escaped > 500, "\(escaped) of 1000 need escaping")
            #expect(multiByte > 300, "\(multiByte) of 1000 carry multi-byte UTF-8")
        } else {
            #expect(escaped > 100)
        }
        let plain = MessageGenerator(seed: 7, length: bytes, text: .plain)
        for seq in 0..<200 {
            let message = plain.message(run: 1, producer: 0, seq: seq)
            #expect(message.utf8.count == bytes && !Self.needsEscape(message))
            #expect(message.utf8.allSatisfy { $0 < 0x80 })
        }
    }

    /// Every byte survives the fast codec's round trip (the audit compares them all).
    @Test func realisticMessagesRoundTripThroughBothCodecs() throws {
        let generator = MessageGenerator(seed: 3, length: 120)
        let entries = (0..<300).map { seq in
            LogEntry(
                producer: seq % 7, seq: seq, level: LogLevel.forSequence(seq), ts: Int64(seq),
                message: generator.message(run: 2, producer: seq % 7, seq: seq))
        }
        for kind in CodecKind.allCases {
            let codec = kind.makeCodec()
            let json = try codec.encode(entries: entries) { Array($0) }
            let decoded = try json.withUnsafeBytes { try codec.decode($0) }
            #expect(decoded.entries().map(\.message) == entries.map(\.message), "\(kind)")
        }
    }

    @Test func documentsWithoutTheFieldReadAsPlain() throws {
        var workload = Workload(concurrency: 2)
        #expect(workload.messageText == .realistic)
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(workload)) as! [String: Any]
        #expect(json["messageText"] as? String == "realistic")
        json.removeValue(forKey: "messageText")
        let old = try JSONDecoder().decode(Workload.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.messageText == .plain)
        // A plain baseline is another workload: its cells never match realistic ones.
        workload.messageText = .plain
        #expect(
            CellSummary.gateKey(strategy: "queue", concurrency: 2, workload: workload).description.hasSuffix(
                "text=plain"))
        #expect(old == workload)
    }

    @Test func codecCommandPrintsBothTexts() throws {
        let run = try GateFixtures.bench(["codec", "--sizes", "10", "--rounds", "30"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(" realistic ") && run.stdout.contains(" plain "))
    }
}
