#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "CPlatform.h"

// A futex word that only grows (wrapping): waiters sleep until it reaches their number; one
// publish wakes every waiter with one system call, as a condition variable's broadcast does,
// without the mutex each woken waiter would then queue on.

void logbench_sequence_wait(uint32_t *word, uint32_t target) {
    for (;;) {
        uint32_t now = __atomic_load_n(word, __ATOMIC_ACQUIRE);
        if ((int32_t)(now - target) >= 0) return;
        // Returns at once if the word moved on since `now` was read (EAGAIN), or on a signal.
        syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, now, NULL, NULL, 0);
    }
}

void logbench_sequence_publish(uint32_t *word, uint32_t value) {
    __atomic_store_n(word, value, __ATOMIC_RELEASE);
    syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}
