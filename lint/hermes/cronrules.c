/* SPDX-License-Identifier: MIT */
/* See cronrules.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cronrules.h"
#include "rulesupport.h"

static void each_job_of(const struct lint_ctx *ctx, const struct hermes_root *h, const struct hermes_profile *p,
                        cron_job_check_fn fn, struct findings *out) {
        struct json_value *root = NULL;
        const struct json_value *jobs;
        char *path;

        if (asprintf(&path, "%s/cron/jobs.json", p->home) < 0)
                return;
        if (cronstate_read(path, &root, &jobs, NULL) == 0 && jobs) {
                out->unit = p->unit;
                for (size_t i = 0; i < jobs->n; i++) {
                        const struct json_value *job = jobs->elements[i];
                        char *label;
                        if (job->type != JSON_OBJECT || !cronjob_active(job) || !(label = cronjob_label(job, i)))
                                continue;
                        fn(ctx, &(struct cron_job_ref) { .h = h, .p = p, .path = path, .jobs = jobs, .job = job,
                                                         .index = i, .label = label }, out);
                        free(label);
                }
                out->unit = NULL;
        }
        json_free(root);
        free(path);
}

void cron_rules_each_job(const struct lint_ctx *ctx, cron_job_check_fn fn, struct findings *out) {
        struct hermes_check c;

        if (hermes_check_load(ctx, false, &c) < 0)
                return;
        for (size_t i = 0; i < c.root->n_profiles; i++)
                each_job_of(ctx, c.root, &c.root->profiles[i], fn, out);
        hermes_check_done(&c);
}

bool cronjob_is_agent(const struct json_value *job) {
        const struct json_value *no_agent = json_object_get(job, "no_agent");

        return !(no_agent && json_truthy(no_agent));
}
