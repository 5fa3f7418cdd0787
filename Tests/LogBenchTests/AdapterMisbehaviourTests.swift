import Foundation
import Testing

/// A misbehaving adapter (Tests/LogBenchTests/Fixtures/adapters/misbehaving.py) gets one clear line
/// and a documented exit code, never hangs LogBench beyond its timeouts, leaves no process behind,
/// and, when it broke mid-run, the audit of what reached the database is still printed.
@Suite(.serialized)
struct AdapterMisbehaviourTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let kind: String
        let status: Int32
        /// Words the one-line error must contain (nil: no error line expected).
        let message: String?
        /// The breach came after the handshake: the cell ran and was audited.
        let audited: Bool
        var testDescription: String { kind }
    }

    static let cases: [Case] = [
        Case(
            kind: "garbage", status: 70, message: "sent a line that is not an answer: this is not json", audited: true),
        Case(kind: "oversized", status: 70, message: "sent a line longer than 1048576 bytes", audited: true),
        Case(kind: "unknown-id", status: 70, message: "answered request 999999, which was never sent", audited: true),
        Case(kind: "repeated-id", status: 70, message: "twice", audited: true),
        Case(kind: "silent", status: 70, message: "did not answer request", audited: true),
        Case(kind: "silent-close", status: 70, message: "did not answer close within the drain limit", audited: true),
        Case(kind: "exit-mid-run", status: 70, message: "exited with status 3", audited: true),
        // The write that meets the closed pipe waits for the exit, to say how the adapter ended.
        Case(kind: "close-input", status: 70, message: "exited with status 3", audited: true),
        // A flood of stderr blocks nothing: the run ends as the do-nothing adapter's does (it stores
        // nothing, so the audit finds every entry lost: exit 3).
        Case(kind: "stderr-flood", status: 3, message: nil, audited: true),
        Case(
            kind: "ignore-sigterm", status: 70, message: "did not exit within 4 s of its input's end and SIGTERM",
            audited: true),
        Case(kind: "bad-hello", status: 70, message: "speaks protocol 99, LogBench speaks 1", audited: false),
        Case(kind: "no-hello", status: 70, message: "exited with status 1 before answering hello", audited: false),
    ]

    @Test(arguments: cases)
    func misbehaviourEndsCleanly(_ expected: Case) throws {
        // A private copy of the fixture, so the processes it starts can be found by their command line.
        let folder = try TestSupport.temporaryFolder()
        defer { TestSupport.removeTemporary(folder) }
        let script = folder + "/misbehaving-\(UUID().uuidString.prefix(8)).py"
        try FileManager.default.copyItem(atPath: Fixtures.path("adapters/misbehaving.py"), toPath: script)
        let run = try BenchBinary.run([
            "--adapter", "python3 \(script) \(expected.kind)", "--concurrency", "2", "--logs-per-producer", "5",
            "--warmup", "0", "--no-reference", "--adapter-timeout-ms", "500",
        ])
        let stdout = String(decoding: run.stdout, as: UTF8.self)
        #expect(run.status == expected.status, "\(run.stderr)")
        if let message = expected.message {
            let line = run.stderr.split(separator: "\n").first { $0.contains(message) }
            #expect(line != nil, "stderr: \(run.stderr)")
            // The adapter's own last words come with it.
            #expect(line?.contains("misbehaving adapter: \(expected.kind)") == true, "stderr: \(run.stderr)")
        }
        #expect(stdout.contains("  audit ") == expected.audited, "stdout: \(stdout)")
        #expect(BenchBinary.processes(mentioning: script).isEmpty, "an adapter process outlived bench")
        #expect(run.survivingWorkers.isEmpty)
    }
}
