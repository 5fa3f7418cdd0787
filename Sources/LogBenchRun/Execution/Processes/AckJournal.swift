import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// One producer's journal of what it sent and what came back, written by a worker process and read
/// by the parent. It is how acknowledgements survive a SIGKILL: every event is one `write(2)` of one
/// line straight into the file (no user-space buffer), so the page cache holds it the moment the
/// call returns, whatever happens to the process next.
///
/// Format (documented in docs/processes.md): ASCII lines `<kind> <seq>\n`, in the order they happened:
/// - `s <seq>`: about to call `append` for entry `seq` (sent);
/// - `a <seq>`: `append` returned (acknowledged: the strategy promised the entry is stored);
/// - `f <seq>`: `append` threw (failed; reported, not loss).
/// Under `--ack accepted`, with a strategy that buffers entries, the call returns at enqueue and the
/// strategy's writer thread reports later, into the same file (O_APPEND: each line lands whole):
/// - `q <seq>`: the call returned: the strategy took (queued) the entry, the write is pending;
/// - `d <seq>`: the writer committed it (durable); may precede its `q` when the writer is quicker
///   than the caller, never its `s`;
/// - `x <seq>`: the writer's write of an accepted entry failed (reported, not loss).
/// An `s` without its `a` or `f` means the process died while the entry was in flight; a `q` without
/// its `d` or `x`, that the entry was accepted and never written.
public final class AckJournal: @unchecked Sendable {
    public enum Event: UInt8, Sendable {
        case sent = 0x73  // "s"
        case acknowledged = 0x61  // "a"
        case failed = 0x66  // "f"
        case queued = 0x71  // "q"
        case durable = 0x64  // "d"
        case writeFailed = 0x78  // "x"
    }

    private let descriptor: Int32
    public let path: String

    /// Creates (truncating) the journal at `path`.
    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw WorkerProtocolError("cannot create journal \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    /// Appends one event. A failed write is fatal for the worker: an unjournaled acknowledgement
    /// would make the parent's audit wrong, so the worker stops and the parent reports it.
    public func record(_ event: Event, seq: Int) {
        var line = "\(Character(UnicodeScalar(event.rawValue))) \(seq)\n"
        let written = line.withUTF8 { write(descriptor, $0.baseAddress, $0.count) }
        if written != line.utf8.count {
            WorkerProcess.say("journal \(path): write failed: \(String(cString: strerror(errno)))")
            _exit(71)
        }
    }
}

/// Reads a journal back: each seq's last event, in the producer's order.
public struct JournalContents: Sendable, Equatable {
    /// The seq the journal starts at: 0, or for a restarted writer's journal the first seq the killed
    /// writer never sent.
    public var firstSeq = 0
    /// Outcome per seq for seq firstSeq..<firstSeq + outcomes.count; seqs beyond it were never sent.
    public var outcomes: [SentLog.Outcome] = []
    public var acknowledged = 0

    public init() {}

    /// The first seq this journal does not cover: where a restarted writer resumes.
    public var nextSeq: Int { firstSeq + outcomes.count }

    /// Parses journal text. Throws on anything but the documented lines (a torn last line is
    /// impossible with single small writes, and is refused rather than guessed at).
    public init(parsing text: Substring, path: String, firstSeq: Int = 0) throws {
        self.firstSeq = firstSeq
        // What the writer said about accepted entries, applied once every line is read ('d' may
        // come before its 'q').
        var written: [Int: Bool] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let seq = Int(parts[1]), seq >= 0 else {
                throw WorkerProtocolError("journal \(path): unreadable line '\(line.prefix(40))'")
            }
            switch parts[0] {
            case "s":
                guard seq == nextSeq else {
                    throw WorkerProtocolError("journal \(path): entry \(seq) sent out of order")
                }
                outcomes.append(.inFlight)
            case "a", "f":
                guard seq == nextSeq - 1, outcomes[seq - firstSeq] == .inFlight else {
                    throw WorkerProtocolError("journal \(path): outcome for entry \(seq) that is not in flight")
                }
                outcomes[seq - firstSeq] = parts[0] == "a" ? .acknowledged : .failed
                if parts[0] == "a" { acknowledged += 1 }
            case "q":
                guard seq == nextSeq - 1, outcomes[seq - firstSeq] == .inFlight else {
                    throw WorkerProtocolError("journal \(path): entry \(seq) queued but not in flight")
                }
                outcomes[seq - firstSeq] = .accepted
            case "d", "x":
                guard seq >= firstSeq, seq < nextSeq, written[seq] == nil else {
                    throw WorkerProtocolError("journal \(path): write reported for entry \(seq) that was not sent")
                }
                written[seq] = parts[0] == "d"
            default:
                throw WorkerProtocolError("journal \(path): unknown event '\(parts[0])'")
            }
        }
        for (seq, durable) in written {
            let index = seq - firstSeq
            switch outcomes[index] {
            case .accepted: outcomes[index] = durable ? .acknowledged : .failed
            // The process died between the writer's report and the caller's 'q': a commit is still
            // in the database (durable); a failed write leaves the entry in flight.
            case .inFlight: if durable { outcomes[index] = .acknowledged }
            case .acknowledged, .failed:
                throw WorkerProtocolError("journal \(path): write reported for entry \(seq) that was not accepted")
            }
        }
    }

    public static func read(path: String, firstSeq: Int = 0) throws -> JournalContents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkerProtocolError("journal \(path) is missing")
        }
        return try JournalContents(
            parsing: Substring(String(decoding: data, as: UTF8.self)), path: path, firstSeq: firstSeq)
    }
}

/// Counts acknowledgements in a journal as it grows, reading only the new bytes (crash injection).
package final class JournalTail {
    private let path: String
    private var offset: off_t = 0
    private var partial = ""
    private(set) var acknowledged = 0

    package init(path: String) { self.path = path }

    package func poll() {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = pread(fd, &buffer, buffer.count, offset)
            guard count > 0 else { return }
            offset += off_t(count)
            partial += String(decoding: buffer[0..<count], as: UTF8.self)
            while let newline = partial.firstIndex(of: "\n") {
                // An accepted entry ('q') counts as acknowledged by its caller for the kill point.
                if partial.hasPrefix("a ") || partial.hasPrefix("q ") { acknowledged += 1 }
                partial.removeSubrange(...newline)
            }
        }
    }
}

/// The worker protocol was broken: a missing or unreadable report or journal.
public struct WorkerProtocolError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
