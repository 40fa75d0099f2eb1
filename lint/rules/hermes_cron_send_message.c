/* SPDX-License-Identifier: MIT */
/*
 * HG040 hermes-cron-send-message: an agent job that has a deliver target and whose
 * prompt also tells the agent to send_message. Hermes delivers the job's final answer
 * to deliver by itself (cron/scheduler_delivery.py), so the result arrives twice, and
 * the agent's own send bypasses the [SILENT] and failure handling of the delivery.
 */
#include <string.h>

#include "../hermes/cronrules.h"
#include "../ruleutil.h"

/* deliver names a target: not empty, not "local" (keep the output only). */
static bool delivers(const struct json_value *deliver) {
        if (!deliver)
                return false;
        if (deliver->type == JSON_STRING)
                return deliver->n > 0 && strcmp(deliver->string, "local") != 0;
        return deliver->type == JSON_ARRAY && deliver->n > 0;
}

static void check(const struct lint_ctx *ctx, const struct cron_job_ref *j, struct findings *out) {
        const struct json_value *prompt = json_object_get(j->job, "prompt");

        if (!cronjob_is_agent(j->job) || !prompt || prompt->type != JSON_STRING ||
            !strcasestr(prompt->string, "send_message") || !delivers(json_object_get(j->job, "deliver")))
                return;
        finding_add(out, j->path, prompt->line, prompt->column, "cron job %s of profile %s has a deliver target "
                    "and its prompt tells the agent to send_message: the result is delivered twice", j->label,
                    j->p->name);
}

void check_hermes_cron_send_message(const struct lint_ctx *ctx, struct findings *out) {
        cron_rules_each_job(ctx, check, out);
}
