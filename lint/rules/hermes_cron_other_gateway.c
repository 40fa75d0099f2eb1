/* SPDX-License-Identifier: MIT */
/*
 * HG025 hermes-cron-other-gateway: an enabled cron job that restarts, stops
 * or kills another profile's gateway, or starts any gateway. It does not kill its
 * own runner, but a gateway going down on a schedule (and, for a stop, staying
 * down) is rarely what was meant; Hermes refuses to create such jobs when they
 * match its pattern.
 */
#include "../hermes/rulesupport.h"

static bool other_or_start(const struct cron_command *cmd) {
        return cmd->action == CRON_ACTION_START || cmd->target == CRON_TARGET_OTHER;
}

void check_hermes_cron_other_gateway(const struct lint_ctx *ctx, struct findings *out) {
        const struct hermes_check *c = ctx->hermes_check;

        if (!c)
                return;
        hermes_report_lifecycle(c, other_or_start, out);
}
