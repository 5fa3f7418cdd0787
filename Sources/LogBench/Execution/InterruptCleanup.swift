import Dispatch
import Foundation
import Synchronization

/// Every worker process, scratch folder and not-yet-finished kept database of this process, so that
/// Ctrl-C (SIGINT) or SIGTERM can kill the workers and remove the files before the parent exits. Workers are in
/// their own process groups, so the terminal's signal reaches only the parent; they also carry
/// PR_SET_PDEATHSIG(SIGKILL) in case the parent dies without running this (e.g. SIGKILL).
public final class InterruptCleanup: Sendable {
    public static let shared = InterruptCleanup()

    private struct State {
        var pids: Set<pid_t> = []
        var paths: Set<String> = []
        var sources: [any DispatchSourceSignal] = []
        var interrupted = false
    }
    private let state = Mutex(State())

    func add(_ pid: pid_t) { state.withLock { _ = $0.pids.insert(pid) } }
    func remove(_ pid: pid_t) { state.withLock { _ = $0.pids.remove(pid) } }
    /// Folders, or files (a database also loses its -wal, -shm and -journal), to remove on interrupt.
    func add(path: String) { state.withLock { _ = $0.paths.insert(path) } }
    func remove(path: String) { state.withLock { _ = $0.paths.remove(path) } }

    /// Handles SIGINT and SIGTERM on a dispatch queue (not in signal context, so cleanup may
    /// allocate and remove files): kill and reap the workers, remove the folders, exit 130 / 143.
    public func installInterruptHandlers() {
        // A parent may have started us with these signals blocked (test runners do); threads
        // started after this inherit the unblocked mask.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        state.withLock { state in
            guard state.sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { [self] in interrupted(by: signalNumber) }
                source.resume()
                state.sources.append(source)
            }
        }
    }

    /// Called before reporting a worker failure: if the failure is our own interrupt handler
    /// killing the workers, park this thread and let the handler finish and exit with its status.
    func parkIfInterrupted() {
        guard state.withLock({ $0.interrupted }) else { return }
        while true { sleep(60) }
    }

    private func interrupted(by signalNumber: Int32) {
        let (pids, paths) = state.withLock {
            $0.interrupted = true
            return ($0.pids, $0.paths)
        }
        for pid in pids { kill(pid, SIGKILL) }
        for pid in pids {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        for path in paths {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
        }
        let name = signalNumber == SIGINT ? "SIGINT" : "SIGTERM"
        FileHandle.standardError.write(
            Data("bench: interrupted by \(name); killed \(pids.count) worker(s), removed temporary files\n".utf8))
        exit(128 + signalNumber)
    }
}
