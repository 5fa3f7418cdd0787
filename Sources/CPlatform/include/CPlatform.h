#ifndef LOGBENCH_CPLATFORM_H
#define LOGBENCH_CPLATFORM_H

#include <stdint.h>

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

/// Sets the calling thread's timer slack (prctl PR_SET_TIMERSLACK, variadic in C): how late the
/// kernel may end its sleeps to group wake-ups (50 µs by default). Returns 0, or -1 with errno set.
int logbench_set_timer_slack_ns(unsigned long ns);

/// The calling thread's timer slack in ns (prctl PR_GET_TIMERSLACK), or -1 with errno set.
long logbench_timer_slack_ns(void);

/// The path of the shared object that the process-wide symbol `name` resolves to, or NULL.
const char *logbench_library_providing(const char *name);

/// Asks the kernel to send `signal` to the calling process when the thread that spawned it exits
/// (prctl PR_SET_PDEATHSIG, variadic in C). Returns 0, or -1 with errno set.
int logbench_set_parent_death_signal(int signal);

/// Renames `from` to `to` unless `to` exists (renameat2 RENAME_NOREPLACE; link() and unlink() where
/// the filesystem lacks it). Returns 0, or -1 with errno set (EEXIST: `to` exists).
int logbench_rename_noreplace(const char *from, const char *to);

/// Flushes stdio's standard output. Returns 0, or the errno of a write it refused then or before
/// (EIO when stdio kept no errno), so a lost `print` is noticed.
int logbench_flush_stdout(void);

/// Reserves `bytes` of disk for the file without changing its size (fallocate KEEP_SIZE), so later
/// writes up to that size succeed on a full disk. Returns 0, or -1 with errno set.
int logbench_reserve(int fd, long bytes);

/// Installs handlers for SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS and SIGFPE that write one line,
/// "<name>: died of <signal> while <step>", to stderr and die of the same signal. Returns 0 or -1.
int logbench_install_fatal_reporter(const char *name);

/// The step the fatal reporter names ("appending entries"); safe to call from any thread.
void logbench_set_fatal_step(const char *step);

/// Waits until the futex word at `word`, a wrapping counter, has reached `target`.
void logbench_sequence_wait(uint32_t *word, uint32_t target);

/// Stores `value` into the futex word (release) and wakes, in one call, the threads waiting for the
/// numbers since the last publish. One thread publishes.
void logbench_sequence_publish(uint32_t *word, uint32_t value);

#endif
