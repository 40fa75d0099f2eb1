/* SPDX-License-Identifier: MIT */
/*
 * HG041 hermes-cron-duplicate: two enabled jobs of one profile with the same schedule
 * and the same prompt or script. Both run: two deliveries, twice the cost, and a
 * script that is not idempotent runs twice. Usually a job created again after an
 * edit that seemed to fail.
 */
#include <stdlib.h>

#include "../hermes/cronrules.h"
#include "../ruleutil.h"

static void check(const struct lint_ctx *ctx, const struct cron_job_ref *j, struct findings *out) {
        for (size_t i = 0; i < j->index; i++) {
                const struct json_value *other = j->jobs->elements[i];
                char *label;
                if (other->type != JSON_OBJECT || !cronjob_active(other) || !cronjob_same_work(other, j->job))
                        continue;
                label = cronjob_label(other, i);
                finding_add(out, j->path, j->job->line, j->job->column, "cron job %s of profile %s does the same "
                            "work as %s on the same schedule: every run happens twice", j->label, j->p->name,
                            label ? label : "another job");
                free(label);
                return;
        }
}

void check_hermes_cron_duplicate(const struct lint_ctx *ctx, struct findings *out) {
        cron_rules_each_job(ctx, check, out);
}
