import Foundation
import Synchronization

/// Set by the first SIGINT; the matrix checks it between cells. The second SIGINT gets the default
/// action (the process ends at once, writing nothing), for a user who does not want to wait.
let interruptRequested = Atomic<Bool>(false)

enum InterruptSignal {
    static func install() {
        // A parent may have spawned us with SIGINT blocked (test runners do); threads started
        // after this inherit the unblocked mask.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in
            interruptRequested.store(true, ordering: .relaxed)
            let note =
                "\nbench: interrupted; finishing the current cell, then writing what finished "
                + "(Ctrl-C again to abandon it)\n"
            note.withCString { _ = write(STDERR_FILENO, $0, strlen($0)) }
            signal(SIGINT, SIG_DFL)
        }
    }

    static var requested: Bool { interruptRequested.load(ordering: .relaxed) }
}
