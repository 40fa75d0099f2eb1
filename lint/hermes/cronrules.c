/* SPDX-License-Identifier: MIT */
/* See cronrules.h. */
#include <stdlib.h>

#include "cronrules.h"

static void each_job_of(const struct lint_ctx *ctx, const struct hermes_home *h, const struct hermes_profile *p,
                        cron_job_check_fn fn, struct findings *out) {
        const struct json_value *jobs = cronstate_jobs(p->jobs);

        if (!jobs)
                return;
        out->unit = p->unit;
        for (size_t i = 0; i < jobs->n; i++) {
                const struct json_value *job = jobs->elements[i];
                char *label;
                if (job->type != JSON_OBJECT || !cronjob_active(job) || !(label = cronjob_label(job, i)))
                        continue;
                fn(ctx, &(struct cron_job_ref) { .h = h, .p = p, .path = p->jobs_path, .jobs = jobs, .job = job,
                                                 .index = i, .label = label }, out);
                free(label);
        }
        out->unit = NULL;
}

void cron_rules_each_job(const struct lint_ctx *ctx, cron_job_check_fn fn, struct findings *out) {
        if (!ctx->hermes)
                return;
        for (size_t i = 0; i < ctx->hermes->n_profiles; i++)
                each_job_of(ctx, ctx->hermes, &ctx->hermes->profiles[i], fn, out);
}

bool cronjob_is_agent(const struct json_value *job) {
        const struct json_value *no_agent = json_object_get(job, "no_agent");

        return !(no_agent && json_truthy(no_agent));
}
