#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>
#include "CPlatform.h"

void logbench_set_thread_name(const char *name) {
    char truncated[16];
    strncpy(truncated, name, sizeof truncated - 1);
    truncated[sizeof truncated - 1] = 0;
    pthread_setname_np(pthread_self(), truncated);
}
