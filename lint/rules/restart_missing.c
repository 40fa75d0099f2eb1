/* SPDX-License-Identifier: MIT */
/*
 * HG001 restart-missing: Restart=no, explicit or systemd's default. A gateway
 * that crashes then stays down until someone notices.
 */
#include "../ruleutil.h"

void check_restart_missing(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        const struct effective *e = u->eff;

        if (!e || e->restart != RESTART_NO || policy_restart(u) == RESTART_NO)
                return;
        struct location l = where_value(u, &e->restart_from, "Service");
        if (e->restart_from.file)
                finding_add(out, l.file, l.line, l.column,
                            "Restart=no: the gateway stays down after a crash; the policy wants Restart=%s",
                            restart_mode_name(policy_restart(u)));
        else
                finding_add(out, l.file, l.line, l.column,
                            "Restart= is not set (systemd's default is no): the gateway stays down after "
                            "a crash; the policy wants Restart=%s", restart_mode_name(policy_restart(u)));
}
