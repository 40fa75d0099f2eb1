/* SPDX-License-Identifier: MIT */
/*
 * HG003 restart-sec-too-low: RestartSec= below the policy minimum ([lint]
 * MinRestartSec=, else the policy's RestartSec=). Without RestartSec= systemd
 * waits only 100ms, which turns a crash into a busy loop.
 */
#include "../ruleutil.h"

void check_restart_sec_too_low(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        const struct effective *e = u->eff;
        char have[64], want[64];

        if (!unit_restarts(u) || e->restart_usec >= u->min_restart_sec)
                return;
        struct location l = where_value(u, &e->restart_usec_from, "Service");
        fmt_usec(have, e->restart_usec);
        fmt_usec(want, u->min_restart_sec);
        if (e->restart_usec_from.file)
                finding_add(out, l.file, l.line, l.column,
                            "RestartSec=%s is below the policy minimum of %s: a failing gateway is "
                            "restarted every %s", have, want, have);
        else
                finding_add(out, l.file, l.line, l.column,
                            "RestartSec= is not set: systemd waits only %s (%s) between restarts, below "
                            "the policy minimum of %s", have, e->restart_usec_from.source ?
                            e->restart_usec_from.source : "default", want);
}
