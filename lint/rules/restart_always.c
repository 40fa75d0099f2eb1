/* SPDX-License-Identifier: MIT */
/*
 * HG002 restart-always: Restart=always restarts after any exit, also a clean
 * one and a deliberate shutdown from inside the gateway. Planned restarts do not
 * need it: Hermes exits 75 for them, and RestartForceExitStatus=75 restarts that
 * under any Restart= mode.
 */
#include "../ruleutil.h"

void check_restart_always(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        const struct effective *e = u->eff;

        if (!e || e->restart != RESTART_ALWAYS || policy_restart(u) == RESTART_ALWAYS)
                return;
        struct location l = where_value(u, &e->restart_from, "Service");
        finding_add(out, l.file, l.line, l.column,
                    "Restart=always restarts the gateway after every exit, also a clean one; the policy "
                    "wants Restart=%s (planned restarts exit 75, which RestartForceExitStatus=75 "
                    "restarts anyway)", restart_mode_name(policy_restart(u)));
}
