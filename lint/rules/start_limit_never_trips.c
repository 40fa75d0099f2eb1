/* SPDX-License-Identifier: MIT */
/*
 * HG005 start-limit-never-trips: systemd refuses a start when StartLimitBurst=
 * starts already happened within StartLimitIntervalSec= of the first one, and
 * starts a new window once the interval is over. Auto-restarts come at most
 * every RestartSec=, so Burst restarts take at least Burst x RestartSec: when
 * that is not shorter than the interval, the window always expires first and a
 * crash loop never stops. (Seen on systemd 252: RestartSec=1s, Burst=3,
 * Interval=2s loops for ever; Interval=1min stops after 3 restarts.) This is the
 * certain case: each cycle also lasts as long as the gateway runs before failing
 * (with /bin/false 1.23s instead of 1s, so 3.5s did not stop the loop either).
 */
#include "../ruleutil.h"

void check_start_limit_never_trips(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        const struct effective *e = u->eff;
        char sec[64], interval[64], total[64];
        usec_t t;

        /* No limit at all is HG004; an endless window or delay never loops. */
        if (!unit_restarts(u) || e->start_limit_interval == 0 || e->start_limit_burst == 0 ||
            e->start_limit_interval == USEC_INFINITY || e->restart_usec == USEC_INFINITY)
                return;
        if (__builtin_mul_overflow((usec_t) e->start_limit_burst, e->restart_usec, &t))
                t = USEC_INFINITY;
        if (t < e->start_limit_interval)
                return;
        struct location l = where_value(u, &e->start_limit_interval_from, "Unit");
        finding_add(out, l.file, l.line, l.column,
                    "the start limit never trips: StartLimitBurst=%u x RestartSec=%s = %s is not "
                    "shorter than StartLimitIntervalSec=%s, so the window expires before the limit "
                    "is reached and a crash loop never stops",
                    e->start_limit_burst, fmt_usec(sec, e->restart_usec), fmt_usec(total, t),
                    fmt_usec(interval, e->start_limit_interval));
}
