// Moving a finished file into place without replacing what is there, and reserving room for a
// worker's stderr: calls Swift's Glibc module does not spell (renameat2 flags, fallocate flags).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "CPlatform.h"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef FALLOC_FL_KEEP_SIZE
#define FALLOC_FL_KEEP_SIZE 0x01
#endif

int logbench_rename_noreplace(const char *from, const char *to) {
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return -1;
    // A filesystem without renameat2's flags: link() refuses an existing name just the same.
    if (link(from, to) != 0) return -1;
    unlink(from);
    return 0;
}

int logbench_flush_stdout(void) {
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout)) return 0;
    return errno != 0 ? errno : EIO;
}

int logbench_reserve(int fd, long bytes) { return fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, (off_t)bytes); }
