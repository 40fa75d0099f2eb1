/* SPDX-License-Identifier: MIT */
/*
 * HG024 hermes-cron-own-gateway: an enabled cron job whose prompt or
 * script restarts, stops or kills the gateway it runs in (its own profile's, or
 * every gateway). The job dies with its gateway; systemd (Restart=) brings the
 * gateway back, auto-resume picks the session up, and the job can do it again:
 * a SIGTERM-respawn loop (hermes-agent #30719). Hermes refuses to create such
 * jobs, but older jobs, hand-edited jobs.json and edited scripts are not checked
 * again, and some forms (hermes -p NAME gateway restart, systemctl try-restart,
 * kill of gateway.pid) slip through its pattern.
 */
#include "../hermes/rulesupport.h"

static bool own_or_all(const struct cron_command *cmd) {
        return cmd->action != CRON_ACTION_START && cmd->target != CRON_TARGET_OTHER;
}

void check_hermes_cron_own_gateway(const struct lint_ctx *ctx, struct findings *out) {
        const struct hermes_check *c = ctx->hermes_check;

        if (!c)
                return;
        hermes_report_lifecycle(c, own_or_all, out);
}
