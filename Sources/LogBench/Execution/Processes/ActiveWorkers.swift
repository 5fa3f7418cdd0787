import Dispatch
import Foundation
import Synchronization

/// Every worker process and scratch folder alive in this process, so that Ctrl-C (SIGINT) or
/// SIGTERM can kill the workers and remove the folders before the parent exits. Workers are in
/// their own process groups, so the terminal's signal reaches only the parent; they also carry
/// PR_SET_PDEATHSIG(SIGKILL) in case the parent dies without running this (e.g. SIGKILL).
public final class ActiveWorkers: Sendable {
    public static let shared = ActiveWorkers()

    private struct State {
        var pids: Set<pid_t> = []
        var folders: Set<String> = []
        var sources: [any DispatchSourceSignal] = []
        var interrupted = false
    }
    private let state = Mutex(State())

    func add(_ pid: pid_t) { state.withLock { _ = $0.pids.insert(pid) } }
    func remove(_ pid: pid_t) { state.withLock { _ = $0.pids.remove(pid) } }
    func add(folder: String) { state.withLock { _ = $0.folders.insert(folder) } }
    func remove(folder: String) { state.withLock { _ = $0.folders.remove(folder) } }

    /// Handles SIGINT and SIGTERM on a dispatch queue (not in signal context, so cleanup may
    /// allocate and remove files): kill and reap the workers, remove the folders, exit 130 / 143.
    public func installInterruptHandlers() {
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
        let (pids, folders) = state.withLock {
            $0.interrupted = true
            return ($0.pids, $0.folders)
        }
        for pid in pids { kill(pid, SIGKILL) }
        for pid in pids {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
        let name = signalNumber == SIGINT ? "SIGINT" : "SIGTERM"
        FileHandle.standardError.write(
            Data("bench: interrupted by \(name); killed \(pids.count) worker(s), removed temporary files\n".utf8))
        exit(128 + signalNumber)
    }
}
