// OFD locks belong to the open file description, so two threads with their own descriptors exclude
// each other, unlike POSIX record locks (per process). F_OFD_* needs _GNU_SOURCE and a variadic fcntl.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include "CPlatform.h"

static int ofd(int fd, int cmd, short type) {
    struct flock fl;
    memset(&fl, 0, sizeof fl); // l_pid must be 0 for OFD locks
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = 0;
    fl.l_len = 0;
    int rc;
    do {
        rc = fcntl(fd, cmd, &fl);
    } while (rc == -1 && errno == EINTR && cmd == F_OFD_SETLKW);
    return rc;
}

int logbench_ofd_lock_wait(int fd) { return ofd(fd, F_OFD_SETLKW, F_WRLCK); }

int logbench_ofd_try_lock(int fd) {
    if (ofd(fd, F_OFD_SETLK, F_WRLCK) == 0) return 0;
    return (errno == EAGAIN || errno == EACCES) ? 1 : -1;
}

int logbench_ofd_unlock(int fd) { return ofd(fd, F_OFD_SETLK, F_UNLCK); }
