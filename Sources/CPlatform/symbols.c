#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include "CPlatform.h"

const char *logbench_library_providing(const char *name) {
    void *symbol = dlsym(RTLD_DEFAULT, name);
    Dl_info info;
    if (symbol == NULL || dladdr(symbol, &info) == 0) return NULL;
    return info.dli_fname;
}
