import Dispatch
import Foundation
import LogBenchModel
import Synchronization

/// Everything a command must not leave behind: worker processes, scratch folders and kept databases
/// that are not finished yet. The command creates one scope and passes it down; whatever creates
/// such a thing registers it here and unregisters it once it is gone or finished.
///
/// The scope also carries the stop request of the signal policy (`SignalPolicy`): the first signal
/// asks the orchestrator to stop between steps; a second one calls `abandon`, which kills and
/// reaps every worker, removes every registered path and exits.
public final class CleanupScope: Sendable {
    private struct State {
        package var pids: Set<pid_t> = []
        package var paths: Set<String> = []
        /// Cleanups that are not a path (a PostgreSQL schema), by token.
        package var actions: [UInt64: @Sendable () -> Void] = [:]
        package var nextAction: UInt64 = 0
        package var stopSignal: Int32?
        package var abandoning = false
    }
    private let state = Mutex(State())

    public init() {}

    package func add(pid: pid_t) { state.withLock { _ = $0.pids.insert(pid) } }
    package func remove(pid: pid_t) { state.withLock { _ = $0.pids.remove(pid) } }
    /// Makes a path (a folder, or a database file, which also loses its -wal, -shm and -journal)
    /// and registers it in one step, so that `abandon` either removes it or runs before
    /// it exists: a folder made between abandon's list and its exit would be left behind. Once
    /// abandoning, the caller waits for the exit instead of making anything.
    package func addCreating(_ make: () throws -> String) throws -> String {
        let made: String? = try state.withLock { state in
            guard !state.abandoning else { return nil }
            let path = try make()
            state.paths.insert(path)
            return path
        }
        guard let made else { while true { pause() } }
        return made
    }
    package func remove(path: String) { state.withLock { _ = $0.paths.remove(path) } }
    /// Something else to undo if the command must stop at once; returns the token to remove it by.
    package func add(action: @escaping @Sendable () -> Void) -> UInt64 {
        state.withLock { state in
            state.nextAction += 1
            state.actions[state.nextAction] = action
            return state.nextAction
        }
    }
    package func remove(action token: UInt64) { state.withLock { _ = $0.actions.removeValue(forKey: token) } }

    /// The signal that asked to stop, if one did. Orchestrators check it between steps.
    public var stopSignal: Int32? { state.withLock { $0.stopSignal } }

    /// True once `abandon` runs: the process is about to exit, so nothing should report errors.
    public var isAbandoning: Bool { state.withLock { $0.abandoning } }

    /// Records a stop request; returns false when one was already recorded (a second signal).
    package func requestStop(signal: Int32) -> Bool {
        state.withLock { state in
            guard state.stopSignal == nil else { return false }
            state.stopSignal = signal
            return true
        }
    }

    /// Kills and reaps every registered worker, removes every registered path, and exits with
    /// 128 + `signal`. Runs on the signal policy's queue, never in signal context.
    package func abandon(signal: Int32) -> Never {
        let (pids, paths, actions) = state.withLock { state in
            state.abandoning = true
            return (state.pids, state.paths, state.actions.values)
        }
        for pid in pids { kill(pid, SIGKILL) }
        for pid in pids {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        // Another thread may still be writing into a folder (a database's -wal appears while it is
        // removed): a few passes leave nothing.
        for _ in 0..<5 where paths.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
            for path in paths { Self.removeDatabaseOrFolder(path) }
            usleep(10_000)
        }
        for action in actions { action() }
        let note =
            "bench: \(SignalPolicy.name(signal)) again: stopped at once; killed \(pids.count) worker(s), "
            + "removed \(paths.count) temporary path(s)"
            + (actions.isEmpty ? "" : " and \(actions.count) PostgreSQL schema(s)") + "\n"
        FileHandle.standardError.write(Data(note.utf8))
        exit(128 + signal)
    }

    /// Removes `path`, and for a database its -wal, -shm and -journal.
    package static func removeDatabaseOrFolder(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}

/// One policy for every command: the first SIGINT, SIGTERM or SIGHUP asks to stop between steps
/// (the orchestrator finishes the step it is in, cleans up, and the command exits 128 + signal,
/// `bench matrix` after writing its finished cells); a second signal stops at once through
/// `CleanupScope.abandon`. Either way no scratch folder and no worker process is left.
public enum SignalPolicy {
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private static let sources = Mutex<[any DispatchSourceSignal]>([])

    /// Handles the signals on a dispatch queue (not in signal context, so cleanup may allocate).
    public static func install(_ scope: CleanupScope) {
        // A parent may have started us with these signals blocked (test runners do); threads
        // started after this inherit the unblocked mask.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in signals { sigaddset(&unblock, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        sources.withLock { sources in
            for number in signals {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    if scope.requestStop(signal: number) {
                        let note =
                            "\nbench: \(name(number)): stopping after the current step "
                            + "(send it again to stop at once)\n"
                        FileHandle.standardError.write(Data(note.utf8))
                    } else {
                        scope.abandon(signal: number)
                    }
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    package static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}

/// A plan stopped between steps because a signal asked it to.
public struct StoppedBySignal: Error, CustomStringConvertible {
    public let signal: Int32
    public init(signal: Int32) { self.signal = signal }
    public var exitCode: Int32 { 128 + signal }
    public var description: String { "stopped by \(SignalPolicy.name(signal))" }
}
