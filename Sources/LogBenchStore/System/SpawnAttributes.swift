import Foundation

/// The attributes every child LogBench starts with posix_spawn gets (workers, adapters): no
/// blocked signals, and SIGINT, SIGTERM, SIGPIPE and SIGHUP back to their defaults (this process
/// ignores or handles some); with `ownGroup`, a process group of its own, so a terminal's Ctrl-C
/// reaches only `bench`, which then stops its children itself.
package enum SpawnAttributes {
    package static func with<R>(ownGroup: Bool, _ body: (inout posix_spawnattr_t) throws -> R) rethrows -> R {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownGroup { flags |= POSIX_SPAWN_SETPGROUP }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        return try body(&attributes)
    }
}
