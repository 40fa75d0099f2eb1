/* SPDX-License-Identifier: MIT */
/*
 * HG004 start-limit-disabled: StartLimitIntervalSec=0 or StartLimitBurst=0
 * turns the start limit off, so a gateway that fails at once is restarted for
 * ever (the stock Hermes unit ships StartLimitIntervalSec=0 on purpose; the
 * guardrail drop-in is the local override). Quiet when the policy itself asks
 * for no limit.
 */
#include "../ruleutil.h"

void check_start_limit_disabled(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        const struct effective *e = u->eff;

        if (!unit_restarts(u) || u->guard.start_limit_interval == 0 || u->guard.start_limit_burst == 0)
                return;
        if (e->start_limit_interval == 0) {
                struct location l = where_value(u, &e->start_limit_interval_from, "Unit");
                finding_add(out, l.file, l.line, l.column,
                            "StartLimitIntervalSec=0 disables the start limit: with Restart=%s a "
                            "crashing gateway is restarted for ever", restart_mode_name(e->restart));
        }
        if (e->start_limit_burst == 0) {
                struct location l = where_value(u, &e->start_limit_burst_from, "Unit");
                finding_add(out, l.file, l.line, l.column,
                            "StartLimitBurst=0 disables the start limit: with Restart=%s a crashing "
                            "gateway is restarted for ever", restart_mode_name(e->restart));
        }
}
