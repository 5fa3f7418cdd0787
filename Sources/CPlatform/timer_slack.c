#include <sys/prctl.h>
#include "CPlatform.h"

int logbench_set_timer_slack_ns(unsigned long ns) {
    return prctl(PR_SET_TIMERSLACK, ns, 0, 0, 0);
}

long logbench_timer_slack_ns(void) {
    return prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
}
