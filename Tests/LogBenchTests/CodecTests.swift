import Foundation
import Testing

@testable import LogBenchAnalysis
@testable import LogBenchModel
@testable import LogBenchReports
@testable import LogBenchRun
@testable import LogBenchStatistics
@testable import LogBenchStore
@testable import LogBenchStrategies

@Suite("JSON codecs of the read-modify-write")
struct CodecTests {
    /// Values that break naive codecs: timestamps past 2^53, every control character, quotes,
    /// backslashes, multi-byte UTF-8, and escapes on both sides of 8-byte boundaries.
    static let tricky: [LogEntry] = {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        let messages = [
            "", "plain", "say \"hi\"", #"back\slash \\ \""#, controls, "tab\tnew\nline\r\u{8}\u{c}", "del \u{7f}",
            "héllo wörld", "日本語のログ", "emoji 🎉🧪", "\u{2028}\u{2029}", "a/b</script>", "1234567\"", "12345678\\",
            String(repeating: "abcdefg\"", count: 40) + String(repeating: "é\n", count: 33),
        ]
        let timestamps: [Int64] = [
            0, -1, 9_007_199_254_740_993, 1_750_000_000_123_456_789, Int64.max, Int64.min, 1 << 53 + 1,
        ]
        return messages.indices.map { index in
            LogEntry(
                producer: index % 3 == 0 ? -index : index * 1_000_003, seq: index * 7_919,
                level: LogLevel.allCases[index % 3], ts: timestamps[index % timestamps.count], message: messages[index])
        }
    }()

    static func encode(_ codec: any LogCodec, _ entries: [LogEntry]) throws -> [UInt8] {
        try codec.encode(entries: entries) { Array($0) }
    }

    static func decode(_ codec: any LogCodec, _ json: [UInt8]) throws -> [LogEntry] {
        try json.withUnsafeBytes { try codec.decodeErased($0) }.entries()
    }

    static func decode(_ codec: any LogCodec, _ json: String) throws -> [LogEntry] {
        try decode(codec, Array(json.utf8))
    }

    @Test("each codec gives back exactly what it encoded", arguments: CodecKind.allCases)
    func roundTrip(kind: CodecKind) throws {
        let codec = kind.makeCodec()
        #expect(try Self.decode(codec, Self.encode(codec, Self.tricky)) == Self.tricky)
        #expect(try Self.decode(codec, Self.encode(codec, [])) == [])
        #expect(try Self.decode(codec, " [ \n ] ") == [])
    }

    @Test("timestamps above 2^53 survive exactly", arguments: CodecKind.allCases)
    func exactTimestamps(kind: CodecKind) throws {
        let codec = kind.makeCodec()
        let ts: Int64 = 1_750_000_000_123_456_789
        let json = try Self.encode(codec, [LogEntry(producer: 1, seq: 2, level: .warn, ts: ts, message: "m")])
        #expect(String(decoding: json, as: UTF8.self).contains("1750000000123456789"))
        #expect(try Self.decode(codec, json).first?.ts == ts)
        #expect(
            try Self.decode(codec, #"[{"producer":1,"seq":2,"level":"info","ts":9007199254740993,"message":""}]"#)
                .first?.ts == 9_007_199_254_740_993)
    }

    @Test("the fast codec reads Foundation's output and Foundation reads the fast codec's")
    func crossCompatible() throws {
        let fast = FastLogCodec()
        let foundationJSON = try JSONEncoder().encode(Self.tricky)
        #expect(try Self.decode(fast, Array(foundationJSON)) == Self.tricky)
        let fastJSON = try Self.encode(fast, Self.tricky)
        #expect(try JSONDecoder().decode([LogEntry].self, from: Data(fastJSON)) == Self.tricky)
        #expect(try JSONDecoder().decode([LogEntry].self, from: Data(try Self.encode(fast, []))) == [])
    }

    @Test("the fast codec escapes what JSON requires and passes UTF-8 through")
    func escaping() throws {
        let entry = LogEntry(producer: 0, seq: 0, level: .error, ts: 1, message: "q\" b\\ \u{1} \n é/")
        let text = String(decoding: try Self.encode(FastLogCodec(), [entry]), as: UTF8.self)
        #expect(text == #"[{"producer":0,"seq":0,"level":"error","ts":1,"message":"q\" b\\ \u0001 \u000a é/"}]"#)
    }

    @Test("keys in any order, escaped keys and unknown keys are read", arguments: CodecKind.allCases)
    func keyOrder(kind: CodecKind) throws {
        let json = """
            [{"message":"m","ts":5,"extra":{"a":[1,{"b":null}]},"level":"warn","seq":2,"producer":1},
             {"pr\\u006fducer":3,"seq":4,"level":"error","ts":-6,"message":"\\u00e9\\ud83c\\udf89\\/"}]
            """
        #expect(
            try Self.decode(kind.makeCodec(), json) == [
                LogEntry(producer: 1, seq: 2, level: .warn, ts: 5, message: "m"),
                LogEntry(producer: 3, seq: 4, level: .error, ts: -6, message: "é🎉/"),
            ])
    }

    @Test("appending to a decoded array and encoding writes the whole array", arguments: CodecKind.allCases)
    func appendRoundTrip(kind: CodecKind) throws {
        let codec = kind.makeCodec()
        let json = try Self.encode(codec, Self.tricky)
        var logs = try json.withUnsafeBytes { try codec.decodeErased($0) }
        let added = [
            LogEntry(producer: 5, seq: 6, level: .info, ts: Int64.max - 1, message: "new \"one\""),
            LogEntry(producer: 5, seq: 7, level: .warn, ts: 0, message: "small"),
        ]
        logs.append(added)
        #expect(logs.count == Self.tricky.count + 2)
        let written = try codec.encodeErased(logs) { Array($0) }
        #expect(try Self.decode(codec, written) == Self.tricky + added)
    }

    @Test("a copy of a compact array is unaffected by appends to the original")
    func copyOnWrite() throws {
        let codec = FastLogCodec()
        let original = try Self.encode(codec, Self.tricky).withUnsafeBytes { try codec.decode($0) }
        var appended = original
        appended.append([LogEntry(producer: 1, seq: 1, level: .info, ts: 1, message: "x")])
        #expect(original.count == Self.tricky.count)
        #expect(original.entries() == Self.tricky)
        #expect(appended.count == Self.tricky.count + 1)
    }

    static let malformed: [(json: String, kind: LogCodecError.Kind)] = [
        (#"{"producer":1}"#, .notAnArray),
        ("42", .notAnArray),
        (#""text""#, .notAnArray),
        ("[1]", .notAnObject),
        (#"[{"producer":1,"seq":2,"level":"info","ts":3,"message":"a"}, []]"#, .notAnObject),
        (#"[{"producer":1,"seq":2,"level":"info","ts":3}]"#, .missingField),
        (#"[{"seq":2,"level":"info","ts":3,"message":"a"}]"#, .missingField),
        (#"[{"producer":1,"seq":2,"level":"info","ts":"3","message":"a"}]"#, .wrongType),
        (#"[{"producer":1.5,"seq":2,"level":"info","ts":3,"message":"a"}]"#, .wrongType),
        (#"[{"producer":1,"seq":2,"level":"info","ts":18446744073709551616,"message":"a"}]"#, .wrongType),
        (#"[{"producer":1,"seq":2,"level":"info","ts":3,"message":7}]"#, .wrongType),
        (#"[{"producer":1,"seq":2,"level":null,"ts":3,"message":"a"}]"#, .wrongType),
        (#"[{"producer":1,"seq":2,"level":"debug","ts":3,"message":"a"}]"#, .badLevel),
        (#"[{"producer":1,"seq":2,"level":"info","ts":3,"message":"a"},{"producer":1,"seq"#, .malformed),
        (#"[{"producer":1,"seq":2,"level":"info","ts":3,"message":"a"}"#, .malformed),
        (#"[{"producer":1,"seq":2,"level":"info","ts":3,"message":"unterminated}]"#, .malformed),
        ("", .malformed),
        ("[] []", .malformed),
        ("[,]", .malformed),
    ]

    @Test("malformed arrays throw a LogCodecError of the right kind", arguments: CodecKind.allCases)
    func malformedInputs(kind: CodecKind) throws {
        let codec = kind.makeCodec()
        for (json, expected) in Self.malformed {
            let error = #expect(throws: LogCodecError.self, "\(json)") { try Self.decode(codec, json) }
            // The fast codec names each case; Foundation calls some of them (an Int of 1.5 or 2^64,
            // content after the array) invalid JSON.
            if kind == .fast || (expected != .malformed && error?.kind != .malformed) {
                #expect(error?.kind == expected, "\(json): \(error.map(String.init(describing:)) ?? "")")
            }
        }
        // Invalid UTF-8 inside a message.
        var bytes = Array(#"[{"producer":1,"seq":2,"level":"info","ts":3,"message":"a"#.utf8)
        bytes += [0xC3, 0x28] + Array(#""}]"#.utf8)
        #expect(throws: LogCodecError.self) { try Self.decode(codec, bytes) }
        // The codec is still usable after any of these.
        #expect(try Self.decode(codec, Self.encode(codec, Self.tricky)) == Self.tricky)
    }

    @Test("the fast codec's errors name the entry and the field")
    func errorMessages() throws {
        let json = """
            [{"producer":1,"seq":2,"level":"info","ts":3,"message":"a"},
             {"producer":1,"seq":3,"level":"info","message":"b"}]
            """
        let error = #expect(throws: LogCodecError.self) { try Self.decode(FastLogCodec(), json) }
        #expect(error?.entry == 1)
        #expect(error?.description.contains("entry 1: missing field \"ts\"") == true)
    }

    @Test("a workload without a codec was measured with Foundation's; new ones default to fast")
    func workloadCodec() throws {
        var fields =
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(Workload(concurrency: 3))) as! [String: Any]
        #expect(fields["codec"] as? String == "fast")
        fields["codec"] = nil
        let old = try JSONDecoder().decode(Workload.self, from: JSONSerialization.data(withJSONObject: fields))
        #expect(old.codec == .foundation)
        #expect(old.concurrency == 3)
        let explicit = Workload(concurrency: 2, codec: .foundation)
        #expect(try JSONDecoder().decode(Workload.self, from: JSONEncoder().encode(explicit)) == explicit)
        #expect(Workload(concurrency: 2, codec: .fast) != explicit)
    }

    @Test("the JSON column appends through either codec, and both read what the other stored")
    func column() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let settings = ConnectionSettings(synchronous: .normal, busyTimeoutMs: 1000)
        let connection = try Connection(path: "\(folder)/codec.db", create: true, settings: settings)
        try Schema.create(on: connection, runIDs: [1])
        let context = StrategyContext(
            databasePath: "\(folder)/codec.db", settings: settings, runIDs: [1], scratchDirectory: folder)
        let fast = try JSONLogColumn(connection: connection, codec: .fast)
        let foundation = try JSONLogColumn(connection: connection, codec: .foundation)
        for (index, entry) in Self.tricky.enumerated() {
            try (index % 2 == 0 ? fast : foundation).append([entry], run: 1, context: context)
        }
        #expect(try fast.read(run: 1).entries() == Self.tricky)
        #expect(try foundation.read(run: 1).entries() == Self.tricky)
        let stored = try StoredLogReader.entries(run: 1, layout: .jsonColumn, connection: connection)
        #expect(stored.map(\.message) == Self.tricky.map(\.message))
        #expect(throws: SQLiteError.self) { try fast.read(run: 2) }
    }

    @Test("the codec benchmark returns a row per call")
    func benchmarkRow() throws {
        let row = try CodecBenchmark.measure(codec: .fast, entries: 10, rounds: 3)
        #expect(row.codec == .fast && row.entries == 10 && row.rounds == 3 && row.jsonBytes > 10 * 64)
        #expect(CodecBenchmark.render([row]).contains("fast"))
    }
}
