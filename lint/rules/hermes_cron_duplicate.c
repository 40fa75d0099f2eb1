/* SPDX-License-Identifier: MIT */
/*
 * HG041 hermes-cron-duplicate: two enabled jobs of one profile with the same schedule
 * and the same prompt or script. Both run: two deliveries, twice the cost, and a
 * script that is not idempotent runs twice. Usually a job created again after an
 * edit that seemed to fail. The pairs come from one sort (cronjob_first_same_work()):
 * comparing every job with every earlier one took minutes at 80 000 jobs.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../hermes/cronrules.h"
#include "../ruleutil.h"

static void check_profile(const struct hermes_profile *p, struct findings *out) {
        const struct json_value *jobs = cronstate_jobs(p->jobs);
        size_t *first;

        if (!jobs || !jobs->n || !(first = malloc(jobs->n * sizeof(*first))))
                return;
        if (cronjob_first_same_work(jobs, first) < 0) {
                free(first);
                return;
        }
        out->unit = p->unit;
        for (size_t i = 0; i < jobs->n; i++) {
                const struct json_value *job = jobs->elements[i];
                char *label, *other;
                if (first[i] == SIZE_MAX)
                        continue;
                label = cronjob_label(job, i);
                other = cronjob_label(jobs->elements[first[i]], first[i]);
                if (label)
                        finding_add(out, p->jobs_path, job->line, job->column, "cron job %s of profile %s does "
                                    "the same work as %s on the same schedule: every run happens twice", label,
                                    p->name, other ? other : "another job");
                free(label);
                free(other);
        }
        out->unit = NULL;
        free(first);
}

void check_hermes_cron_duplicate(const struct lint_ctx *ctx, struct findings *out) {
        for (size_t i = 0; ctx->hermes && i < ctx->hermes->n_profiles; i++)
                check_profile(&ctx->hermes->profiles[i], out);
}
