import Foundation
import Testing

@testable import LogBenchModel
@testable import LogBenchStrategies

/// The client side of the adapter protocol, without a process: command splitting, request text,
/// the handshake's name rule.
struct AdapterProtocolTests {
    @Test func commandsSplitLikeAShellWithoutExpansion() throws {
        #expect(try AdapterCommand.split("python3 seed.py queue") == ["python3", "seed.py", "queue"])
        #expect(try AdapterCommand.split("  a  'b c'  \"d \\\" e\" f\\ g ") == ["a", "b c", "d \" e", "f g"])
        #expect(try AdapterCommand.split("x '' y") == ["x", "", "y"])
        #expect(throws: UsageError.self) { try AdapterCommand.split("python3 'unterminated") }
        #expect(throws: UsageError.self) { try AdapterCommand("   ") }
        #expect(throws: UsageError.self) { try AdapterCommand("no-such-program-anywhere-4242") }
        // The error names the flag the command came from.
        let error = #expect(throws: UsageError.self) {
            try AdapterCommand("no-such-program-4242", flag: "--reference-adapter")
        }
        #expect(error?.description == "--reference-adapter: no-such-program-4242 is not on PATH")
    }

    @Test func appendRequestsCarryEveryByteOfHostileMessages() throws {
        let message = "quote \" backslash \\ slash / newline \n tab \t nul \u{0} bell \u{7} é 漢 🎉"
        let entry = LogEntry(producer: 3, seq: 9, level: .warn, ts: 1_764_861_234_123_456_789, message: message)
        var line: [UInt8] = []
        AdapterWire.append(id: 41, run: 7, entry: entry, into: &line)
        #expect(line.last == 0x0A)
        #expect(!line.dropLast().contains(0x0A), "one request is one line")
        struct Request: Decodable {
            let op: String, id: Int, run: Int, producer: Int, seq: Int, level: String, ts: Int64, message: String
        }
        let decoded = try JSONDecoder().decode(Request.self, from: Data(line.dropLast()))
        #expect(decoded.op == "append" && decoded.id == 41 && decoded.run == 7)
        #expect(decoded.producer == 3 && decoded.seq == 9 && decoded.level == "warn")
        #expect(decoded.ts == entry.ts)
        #expect(decoded.message == message)
    }

    @Test func namesMustBeSafeAndNotABuiltInDesign() {
        #expect(AdapterHandshake.validName("seed-queue_2.0"))
        #expect(!AdapterHandshake.validName(""))
        #expect(!AdapterHandshake.validName("has space"))
        #expect(!AdapterHandshake.validName("ctrl\u{1b}[31m"))
        #expect(!AdapterHandshake.validName(String(repeating: "a", count: 65)))
    }

    @Test func theFilesHashFollowsTheScriptAndItsModules() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        try Data("print(1)\n".utf8).write(to: URL(fileURLWithPath: folder + "/adapter.py"))
        try Data("x = 1\n".utf8).write(to: URL(fileURLWithPath: folder + "/helper.py"))
        try Data("notes\n".utf8).write(to: URL(fileURLWithPath: folder + "/README.txt"))
        let command = try AdapterCommand("python3 \(folder)/adapter.py mode")
        let first = command.filesHash()
        #expect(first.files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["adapter.py", "helper.py"])
        try Data("x = 2\n".utf8).write(to: URL(fileURLWithPath: folder + "/helper.py"))
        #expect(command.filesHash().hash != first.hash, "a change to an imported module changes the identity")
        try Data("more notes\n".utf8).write(to: URL(fileURLWithPath: folder + "/README.txt"))
        try Data("x = 1\n".utf8).write(to: URL(fileURLWithPath: folder + "/helper.py"))
        #expect(command.filesHash().hash == first.hash, "other files are not part of it")
    }
}
