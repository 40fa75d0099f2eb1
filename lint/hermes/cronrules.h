/* SPDX-License-Identifier: MIT */
#pragma once

/* What the cron contract rules (HG040-HG044) share: every active job of every profile. */

#include "../rules.h"
#include "cronstate.h"
#include "home.h"

struct cron_job_ref {
        const struct hermes_home *h;
        const struct hermes_profile *p;
        const char *path;                /* the profile's cron/jobs.json */
        const struct json_value *jobs;   /* all its jobs */
        const struct json_value *job;
        size_t index;
        const char *label;               /* cronjob_label() */
};

typedef void (*cron_job_check_fn)(const struct lint_ctx *ctx, const struct cron_job_ref *j, struct findings *out);

/* Calls fn for every job that the scheduler runs (enabled, not paused) in every profile of
 * the run's Hermes home (ctx->hermes, read once), with out->unit set to the profile's
 * gateway unit. A jobs.json that cannot be read is HG027's to report: nothing here. */
void cron_rules_each_job(const struct lint_ctx *ctx, cron_job_check_fn fn, struct findings *out);

/* An agent job: the prompt goes to the model (not no_agent). */
bool cronjob_is_agent(const struct json_value *job);
