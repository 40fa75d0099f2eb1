/* SPDX-License-Identifier: MIT */
/*
 * HG042 hermes-cron-stuck: an enabled recurring job whose next_run_at is null (the
 * scheduler never picks it up) or more than one period behind --now (the gateway
 * that runs cron was down, or its scheduler stopped ticking; cron runs inside the
 * gateway, so nothing else will say so).
 */
#include "../hermes/cronrules.h"
#include "../ruleutil.h"

static void check(const struct lint_ctx *ctx, const struct cron_job_ref *j, struct findings *out) {
        const struct json_value *next = json_object_get(j->job, "next_run_at");
        const struct json_value *at = next ? next : j->job;

        if (!cronjob_recurring(j->job))
                return;
        switch (cronjob_stuck(j->job, ctx->now_usec)) {
        case CRONJOB_NO_NEXT_RUN:
                finding_add(out, j->path, at->line, at->column, "cron job %s of profile %s is enabled but its "
                            "next_run_at is null: the scheduler never picks it up", j->label, j->p->name);
                break;
        case CRONJOB_OVERDUE:
                finding_add(out, j->path, at->line, at->column, "cron job %s of profile %s is overdue: "
                            "next_run_at %s is more than one period behind now; the gateway that runs cron (%s) "
                            "was down or its scheduler stopped", j->label, j->p->name, next->string, j->p->unit);
                break;
        case CRONJOB_OK:
                break;
        }
}

void check_hermes_cron_stuck(const struct lint_ctx *ctx, struct findings *out) {
        cron_rules_each_job(ctx, check, out);
}
