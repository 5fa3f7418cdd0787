import CPlatform
import Foundation
import LogBenchAnalysis
import LogBenchModel
import LogBenchStatistics
import LogBenchStore
import LogBenchStrategies

/// The worker processes of one cell, from posix_spawn to the last waitpid. It never forks: the
/// parent has threads (and maybe Swift concurrency) running, and a forked child of such a process
/// can deadlock or never run its tasks. Each worker re-executes the `bench` binary.
///
/// Every exit path ends in `killAll()`: workers are SIGKILLed and reaped, so none outlives the cell.
package final class WorkerGroup {
    package struct Failure: Error, CustomStringConvertible {
        package init(description: String) {
            self.description = description
        }

        package let description: String
    }

    private let exchange: ExchangeFolder
    private let scope: CleanupScope
    /// The writer started again after a crash (`bench worker --restarted`), with its own stderr file.
    private let restarted: Bool
    private(set) var pids: [pid_t] = []
    /// Wait statuses of the workers that have exited, by worker index.
    private(set) var exits: [Int: Int32] = [:]
    private var barrierWrite: Int32 = -1
    private var readyRead: Int32 = -1

    package init(exchange: ExchangeFolder, scope: CleanupScope, restarted: Bool = false) {
        self.exchange = exchange
        self.scope = scope
        self.restarted = restarted
    }

    deinit { killAll() }

    /// Starts `count` workers of `executable`, each in its own process group (so a terminal's
    /// Ctrl-C reaches only the parent, which then kills them), with the barrier on fd 3 and the
    /// ready pipe on fd 4, stdin and stdout on /dev/null and stderr in the exchange folder.
    package func spawn(count: Int, executable: String) throws {
        let barrier = try Self.pipe()
        let ready = try Self.pipe()
        barrierWrite = barrier.write
        readyRead = ready.read
        defer {
            close(barrier.read)
            close(ready.write)
        }
        for index in 0..<count {
            let pid = try spawnOne(
                index: index, executable: executable, barrierRead: barrier.read, readyWrite: ready.write)
            pids.append(pid)
            scope.add(pid: pid)
        }
    }

    private func spawnOne(index: Int, executable: String, barrierRead: Int32, readyWrite: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, barrierRead, WorkerDescriptors.barrier)
        posix_spawn_file_actions_adddup2(&actions, readyWrite, WorkerDescriptors.ready)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let stderrPath = exchange.stderr(worker: index, restarted: restarted)
        Self.reserveStderr(stderrPath)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)

        let arguments =
            [executable, "worker", "--exchange", exchange.path, "--index", "\(index)"]
            + (restarted ? ["--restarted"] : [])
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let environment = Self.workerEnvironment.map { strdup($0) } + [nil]
        defer { environment.forEach { free($0) } }
        let rc = SpawnAttributes.with(ownGroup: true) { attributes in
            posix_spawn(&pid, executable, &actions, &attributes, argv, environment)
        }
        guard rc == 0 else {
            throw Failure(description: "cannot start \(name(index)) (\(executable)): \(String(cString: strerror(rc)))")
        }
        return pid
    }

    /// This process's environment with Swift's crash backtracer turned off: a crashing worker's
    /// `swift-backtrace` children would otherwise outlive it (seen here for minutes) holding its
    /// stderr open. The worker's fatal error still reaches its stderr, which the parent quotes.
    package static let workerEnvironment: [String] =
        ProcessInfo.processInfo.environment.filter { $0.key != "SWIFT_BACKTRACE" }.map { "\($0.key)=\($0.value)" }
        + ["SWIFT_BACKTRACE=enable=no"]

    /// Waits until every worker has said ready, or fails naming the worker that exited first or the timeout.
    package func waitUntilReady(timeoutNs: UInt64) throws {
        let deadline = MonotonicClock.now() + timeoutNs
        var readyCount = 0
        var buffer = [UInt8](repeating: 0, count: 256)
        while readyCount < pids.count {
            var descriptor = pollfd(fd: readyRead, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 20) > 0 {
                let count = read(readyRead, &buffer, buffer.count)
                if count > 0 { readyCount += count }
            }
            try reap()
            if let (index, status) = exits.first(where: { _ in true }) {
                throw Failure(
                    description: "\(name(index)) \(describe(status: status, worker: index)) before the start")
            }
            if readyCount < pids.count && MonotonicClock.now() > deadline {
                throw Failure(
                    description: "only \(readyCount) of \(pids.count) workers were ready within "
                        + "\(timeoutNs / 1_000_000_000) s (--worker-timeout-s)")
            }
        }
    }

    /// Releases every worker at once: they all block reading the barrier until it reaches EOF.
    package func openBarrier() {
        close(barrierWrite)
        barrierWrite = -1
    }

    /// Polls until every worker has exited. `tick` runs between polls (crash injection uses it).
    /// An exit other than status 0 fails, except for workers listed in `expectedKills`.
    package func waitForAll(timeoutNs: UInt64, expectedKills: () -> Set<Int>, tick: () -> Void) throws {
        let deadline = MonotonicClock.now() + timeoutNs
        while exits.count < pids.count {
            tick()
            try reap()
            for (index, status) in exits where !(status == 0 || expectedKills().contains(index)) {
                throw Failure(description: "\(name(index)) \(describe(status: status, worker: index))")
            }
            if exits.count < pids.count {
                if MonotonicClock.now() > deadline {
                    let hung = pids.indices.filter { exits[$0] == nil }.map(String.init).joined(separator: ", ")
                    throw Failure(
                        description:
                            "\(restarted ? "restarted writer" : "worker \(hung)") did not finish within \(timeoutNs / 1_000_000_000) s "
                            + "(--worker-timeout-s)")
                }
                usleep(100)
            }
        }
    }

    package func kill(worker index: Int) {
        // The whole group: the worker and any adapter it started (`AdapterProcess.joinParentGroup`).
        if exits[index] == nil { Glibc.kill(-pids[index], SIGKILL) }
    }

    /// SIGKILLs every worker still running and reaps them all. Safe to call more than once.
    package func killAll() {
        if barrierWrite >= 0 {
            close(barrierWrite)
            barrierWrite = -1
        }
        if readyRead >= 0 {
            close(readyRead)
            readyRead = -1
        }
        for (index, pid) in pids.enumerated() where exits[index] == nil {
            Glibc.kill(-pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            exits[index] = status
        }
        pids.forEach { scope.remove(pid: $0) }
    }

    private func reap() throws {
        for (index, pid) in pids.enumerated() where exits[index] == nil {
            var status: Int32 = 0
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == pid {
                exits[index] = status
                scope.remove(pid: pid)
            } else if rc < 0 && errno != EINTR {
                throw Failure(description: "waitpid(worker \(index)): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// How failures name a worker: "worker 2", or "restarted writer".
    private func name(_ index: Int) -> String { restarted ? "restarted writer" : "worker \(index)" }

    /// Creates the worker's stderr file with room reserved on disk, so its last words (an error, or
    /// the fatal reporter's line) can still be written when the disk is full.
    package static func reserveStderr(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        _ = logbench_reserve(descriptor, 64 * 1024)
        close(descriptor)
    }

    /// "exited with status 70: <last line of its stderr>" or "was killed by signal 4: <its fatal
    /// reporter's line> (Fatal error: <the Swift runtime's message>)", on one line.
    package func describe(status: Int32, worker: Int) -> String {
        let signal = status & 0x7f
        var text =
            signal == 0 ? "exited with status \((status >> 8) & 0xff)" : "was killed by signal \(signal)"
        guard let data = FileManager.default.contents(atPath: exchange.stderr(worker: worker, restarted: restarted))
        else { return text }
        let lines = String(decoding: data.suffix(16 * 1024), as: UTF8.self).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let last = lines.last else { return text + " (its stderr is empty)" }
        text += ": \(Self.quote(last))"
        // A Swift trap: the runtime's own message comes before the fatal reporter's line.
        if let fatal = lines.last(where: { $0.contains("Fatal error") }), fatal != last {
            text += " (\(Self.quote(fatal)))"
        }
        return text
    }

    /// A worker's line as part of the parent's one-line message: control characters shown, length capped.
    package static func quote(_ line: String) -> String {
        let shown = Escaping.terminal(line)
        return shown.count > 300 ? String(shown.prefix(300)) + "…" : shown
    }

    /// A close-on-exec pipe whose ends are above the descriptors workers receive (so dup2 never
    /// targets the same number, which would keep close-on-exec set).
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else {
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        let high = fds.map { fd -> Int32 in
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            close(fd)
            return moved
        }
        return (high[0], high[1])
    }
}
