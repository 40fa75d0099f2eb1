/* SPDX-License-Identifier: MIT */
/*
 * HG043 hermes-cron-no-failure-rule: an agent job whose prompt says nothing of what
 * to do when there is nothing to report or the evidence is missing: no [SILENT]
 * marker (Hermes skips the delivery of an answer that is [SILENT]) and no instruction
 * to send a partial report. Such a job either pings every run with "nothing new" or
 * makes something up.
 */
#include <string.h>

#include "../hermes/cronrules.h"
#include "../ruleutil.h"

/* Phrases that give the agent a rule for the empty or failed case. */
static const char *const failure_rules[] = {
        "[SILENT]", "partial", "if nothing", "if there is nothing", "if there's nothing", "if no ",
        "no evidence", "without evidence", "cannot verify", "can't verify", "could not", "couldn't",
        "unable to", NULL,
};

static void check(const struct lint_ctx *ctx, const struct cron_job_ref *j, struct findings *out) {
        const struct json_value *prompt = json_object_get(j->job, "prompt");

        if (!cronjob_is_agent(j->job) || !prompt || prompt->type != JSON_STRING || prompt->n == 0)
                return;
        for (size_t i = 0; failure_rules[i]; i++)
                if (strcasestr(prompt->string, failure_rules[i]))
                        return;
        finding_add(out, j->path, prompt->line, prompt->column, "cron job %s of profile %s: the prompt says "
                    "nothing of what to do without evidence (no [SILENT] marker, no partial report)", j->label,
                    j->p->name);
}

void check_hermes_cron_no_failure_rule(const struct lint_ctx *ctx, struct findings *out) {
        cron_rules_each_job(ctx, check, out);
}
