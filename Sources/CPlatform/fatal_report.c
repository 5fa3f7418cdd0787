// A worker's last words: when it dies of a fatal signal (a Swift runtime trap is SIGILL or SIGTRAP),
// one line on stderr says who died of what and during which step, so the parent can quote it. Only
// async-signal-safe calls in the handler; the step is copied into one of two buffers and published
// with an atomic index, so the handler never reads a half-written step.
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include "CPlatform.h"

static char who[64] = "worker";
static char steps[2][160];
static atomic_int current = 0;
static char alternate_stack[64 * 1024];

void logbench_set_fatal_step(const char *step) {
    int next = 1 - atomic_load(&current);
    strncpy(steps[next], step, sizeof steps[next] - 1);
    steps[next][sizeof steps[next] - 1] = 0;
    atomic_store(&current, next);
}

static void say(const char *text) { (void)!write(STDERR_FILENO, text, strlen(text)); }

static const char *signal_name(int signal) {
    switch (signal) {
    case SIGILL: return "SIGILL (a Swift runtime trap)";
    case SIGTRAP: return "SIGTRAP (a Swift runtime trap)";
    case SIGABRT: return "SIGABRT";
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    default: return "a fatal signal";
    }
}

static void report(int signal) {
    say("\n");
    say(who);
    say(": died of ");
    say(signal_name(signal));
    say(" while ");
    say(steps[atomic_load(&current)]);
    say("\n");
    // SA_RESETHAND restored the default action: dying of the same signal keeps the wait status true.
    raise(signal);
}

int logbench_install_fatal_reporter(const char *name) {
    strncpy(who, name, sizeof who - 1);
    logbench_set_fatal_step("starting");
    stack_t stack = {.ss_sp = alternate_stack, .ss_size = sizeof alternate_stack, .ss_flags = 0};
    if (sigaltstack(&stack, NULL) != 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = report;
    action.sa_flags = SA_RESETHAND | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    int fatal[] = {SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE};
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        if (sigaction(fatal[i], &action, NULL) != 0) return -1;
    }
    return 0;
}
