#ifndef LOGBENCH_CPLATFORM_H
#define LOGBENCH_CPLATFORM_H

/// Takes (or waits for) an exclusive open-file-description lock on the whole file.
/// Returns 0, or -1 with errno set.
int logbench_ofd_lock_wait(int fd);

/// Tries an exclusive open-file-description lock without waiting.
/// Returns 0 when taken, 1 when another description holds it, -1 with errno on error.
int logbench_ofd_try_lock(int fd);

/// Releases this description's lock on the whole file. Returns 0, or -1 with errno set.
int logbench_ofd_unlock(int fd);

/// Names the calling thread (at most 15 bytes are kept), for debuggers and top -H.
void logbench_set_thread_name(const char *name);

/// The path of the shared object that the process-wide symbol `name` resolves to, or NULL.
const char *logbench_library_providing(const char *name);

/// Asks the kernel to send `signal` to the calling process when the thread that spawned it exits
/// (prctl PR_SET_PDEATHSIG, variadic in C). Returns 0, or -1 with errno set.
int logbench_set_parent_death_signal(int signal);

#endif
