import CPlatform
import Foundation
import LogBenchModel
import LogBenchStore
import Synchronization

/// One running adapter: the child process with its three pipes, the thread that keeps its stderr's
/// last lines (so a chatty adapter never blocks on a full pipe), and its end. `AdapterChannel`
/// speaks the protocol over it.
///
/// The child gets its own process group, so a terminal's Ctrl-C reaches only `bench`, which then
/// stops it; started by a worker process it stays in the worker's group instead, so the kill of a
/// crash trial (`kill(-worker)`) takes the adapter with it.
package final class AdapterProcess: @unchecked Sendable {
    package let pid: pid_t
    /// Our ends: the child's stdin (non-blocking, so a child that stops reading cannot hang a
    /// producer), its stdout (the channel's reader closes it) and its stderr.
    package let input: Int32
    package let output: Int32
    private let errors: Int32
    private let ownGroup: Bool
    private let tail = StderrTail.Shared()
    private var stderrReader: OSThread?
    private let exitStatus = Mutex<Int32?>(nil)
    /// Which of our descriptors are closed already: input, then the two outputs.
    private let closed = Mutex((input: false, outputs: false))

    /// Workers set this: adapters they start join their process group (see the type's comment).
    nonisolated(unsafe) package static var joinParentGroup = false
    /// How long a child has to exit after its stdin closes, and again after SIGTERM.
    package static let graceNs: UInt64 = 2_000_000_000

    package init(command: AdapterCommand) throws {
        signal(SIGPIPE, SIG_IGN)
        let stdin = try Self.pipe(), stdout = try Self.pipe(), stderr = try Self.pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        ownGroup = !Self.joinParentGroup
        let argv = command.arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let rc = SpawnAttributes.with(ownGroup: ownGroup) { attributes in
            posix_spawn(&pid, command.executable, &actions, &attributes, argv, environ)
        }
        for fd in [stdin.read, stdout.write, stderr.write] { close(fd) }
        guard rc == 0 else {
            for fd in [stdin.write, stdout.read, stderr.read] { close(fd) }
            throw AdapterFailure("cannot start \(command.executable): \(String(cString: strerror(rc)))")
        }
        self.pid = pid
        input = stdin.write
        output = stdout.read
        errors = stderr.read
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
        let errors = errors, tail = tail
        stderrReader = OSThread(name: "adapter-stderr") {
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            while true {
                let count = read(errors, &buffer, buffer.count)
                if count > 0 {
                    tail.value.withLock { $0.add(buffer[0..<count]) }
                } else if count == 0 || errno != EINTR {
                    return
                }
            }
        }
    }

    deinit { terminate() }

    /// The child's last stderr lines, joined for a one-line message ("" when it said nothing).
    package var lastWords: String {
        let lines = tail.value.withLock { $0.lines(last: 3) }
        guard !lines.isEmpty else { return "its stderr is empty" }
        return "its last stderr lines: "
            + lines.map { "«\(Escaping.terminal(String($0.prefix(200))))»" }
            .joined(separator: " ")
    }

    /// The wait status once the child has exited (nil while it runs). Reaps it.
    package func exited() -> Int32? {
        exitStatus.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
            }
            return status
        }
    }

    /// The child's peak resident set (VmHWM of /proc/PID/status), while it runs.
    package func peakRssBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kib = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return nil }
        return kib * 1024
    }

    /// How the child ended, once one of its pipes broke: a pipe breaks as the child exits, a moment
    /// before the exit can be reaped, so this waits up to `waitMs` for it. "exited with status 3" (or
    /// the signal) once it has; `otherwise` if it still runs.
    package func endingAfterBrokenPipe(otherwise: String, waitMs: Int = 100) -> String {
        for _ in 0..<(waitMs / 2) where exited() == nil { usleep(2000) }
        return exited().map(describeExit) ?? otherwise
    }

    /// "exited with status 3" or "was killed by signal 9".
    package func describeExit(_ status: Int32) -> String {
        status & 0x7f == 0 ? "exited with status \((status >> 8) & 0xff)" : "was killed by signal \(status & 0x7f)"
    }

    /// Ends the child: stdin closed, `graceNs` to exit, SIGTERM, `graceNs` again, then SIGKILL (its
    /// whole group when it has one, so no grandchild outlives it). Safe to call more than once.
    /// Returns what it took when the child had to be killed (a breach of the protocol), else nil.
    @discardableResult
    package func terminate() -> String? {
        closeInput()
        var killed: String?
        if !waitForExit(graceNs) {
            kill(ownGroup ? -pid : pid, SIGTERM)
            if !waitForExit(Self.graceNs) {
                kill(ownGroup ? -pid : pid, SIGKILL)
                _ = waitForExit(UInt64.max)
                killed =
                    "did not exit within \(2 * Self.graceNs / 1_000_000_000) s of its input's end and SIGTERM: killed"
            }
        } else if ownGroup {
            kill(-pid, SIGKILL)  // the group's stragglers, if any
        }
        stderrReader?.join()
        stderrReader = nil
        let errors = errors
        closed.withLock { state in
            if !state.outputs { close(errors) }
            state.outputs = true
        }
        return killed
    }

    /// EOF on the child's stdin: the protocol's last word.
    package func closeInput() {
        let input = input
        closed.withLock { state in
            if !state.input { close(input) }
            state.input = true
        }
    }

    private var graceNs: UInt64 { Self.graceNs }

    private func waitForExit(_ limitNs: UInt64) -> Bool {
        let deadline = limitNs == UInt64.max ? UInt64.max : MonotonicClock.now() + limitNs
        while exited() == nil {
            if MonotonicClock.now() >= deadline { return false }
            usleep(2000)
        }
        return true
    }

    /// A close-on-exec pipe (posix_spawn's dup2 clears the flag on the child's 0, 1 and 2).
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else { throw AdapterFailure("pipe: \(String(cString: strerror(errno)))") }
        // Another thread may spawn between pipe and fcntl; its child then holds an end until it execs.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }
}

/// The last 16 KiB an adapter wrote to stderr.
struct StderrTail {
    final class Shared: Sendable {
        let value = Mutex(StderrTail())
    }

    private var bytes: [UInt8] = []
    private static let keep = 16 * 1024

    mutating func add(_ chunk: ArraySlice<UInt8>) {
        bytes += chunk
        if bytes.count > 2 * Self.keep { bytes.removeFirst(bytes.count - Self.keep) }
    }

    func lines(last count: Int) -> [String] {
        String(decoding: bytes.suffix(Self.keep), as: UTF8.self).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.suffix(count).map { $0 }
    }
}

/// An adapter that could not be started, broke the protocol, or exited: one line for the user.
public struct AdapterFailure: Error, CustomStringConvertible {
    public let description: String
    package init(_ description: String) { self.description = description }
}
