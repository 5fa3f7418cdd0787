import Foundation

/// One producer's journal of what it sent and what came back, written by a worker process and read
/// by the parent. It is how acknowledgements survive a SIGKILL: every event is one `write(2)` of one
/// line straight into the file (no user-space buffer), so the page cache holds it the moment the
/// call returns, whatever happens to the process next.
///
/// Format (documented in docs/processes.md): ASCII lines `<kind> <seq>\n`, in the order they happened:
/// - `s <seq>`: about to call `append` for entry `seq` (sent);
/// - `a <seq>`: `append` returned (acknowledged: the strategy promised the entry is stored);
/// - `f <seq>`: `append` threw (failed; reported, not loss).
/// An `s` without its `a` or `f` means the process died while the entry was in flight.
public final class AckJournal: @unchecked Sendable {
    public enum Event: UInt8, Sendable {
        case sent = 0x73  // "s"
        case acknowledged = 0x61  // "a"
        case failed = 0x66  // "f"
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
            default:
                throw WorkerProtocolError("journal \(path): unknown event '\(parts[0])'")
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
final class JournalTail {
    private let path: String
    private var offset: off_t = 0
    private var partial = ""
    private(set) var acknowledged = 0

    init(path: String) { self.path = path }

    func poll() {
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
                if partial.hasPrefix("a ") { acknowledged += 1 }
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
