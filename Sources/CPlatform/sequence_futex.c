#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "CPlatform.h"

// A futex word that only grows (wrapping): waiters sleep until it reaches their number; one
// publish wakes the waiters it releases with one system call, as a condition variable's broadcast
// would, without the mutex each woken waiter would then queue on. Each waiter sleeps on the bit of
// its number modulo 32, and a publish wakes only the bits of the numbers it covers: the producers
// whose entries are still queued for the next batch sleep on (with fewer than 32 outstanding
// numbers, the usual case, no one wakes for nothing; with more, some wake, find they must wait,
// and sleep again).

static uint32_t bit_of(uint32_t number) { return 1u << (number & 31u); }

void logbench_sequence_wait(uint32_t *word, uint32_t target) {
    for (;;) {
        uint32_t now = __atomic_load_n(word, __ATOMIC_ACQUIRE);
        if ((int32_t)(now - target) >= 0) return;
        // Returns at once if the word moved on since `now` was read (EAGAIN), or on a signal.
        syscall(SYS_futex, word, FUTEX_WAIT_BITSET_PRIVATE, now, NULL, NULL, bit_of(target));
    }
}

void logbench_sequence_publish(uint32_t *word, uint32_t value) {
    // One publisher: the word holds what it published last.
    uint32_t previous = __atomic_load_n(word, __ATOMIC_RELAXED);
    __atomic_store_n(word, value, __ATOMIC_RELEASE);
    uint32_t count = value - previous;
    if (count == 0) return;
    uint32_t mask = 0;
    if (count >= 32) {
        mask = UINT32_MAX;
    } else {
        for (uint32_t number = previous + 1; number != value + 1; ++number) mask |= bit_of(number);
    }
    syscall(SYS_futex, word, FUTEX_WAKE_BITSET_PRIVATE, INT_MAX, NULL, NULL, mask);
}
