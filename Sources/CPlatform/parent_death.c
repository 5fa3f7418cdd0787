// prctl is variadic, so Swift cannot call it directly.
#include <sys/prctl.h>
#include "CPlatform.h"

int logbench_set_parent_death_signal(int signal) { return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0, 0, 0); }
