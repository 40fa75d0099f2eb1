/* SPDX-License-Identifier: MIT */
#pragma once

/* What the hermes-* rules share: the Hermes home of the run, read once by the
 * runner (lint.c) and handed to every rule as ctx->hermes. */

#include "../rules.h"
#include "cron.h"
#include "home.h"
#include "identity.h"

struct hermes_check {
        struct hermes_home *home;
        struct cron_report *cron;
        struct diag_list diags;        /* from reading .env files, jobs.json and job scripts */
};

/*
 * Reads the Hermes home at root (.env and jobs.json of every profile) and checks
 * its cron jobs, once. user_home expands "~" in job scripts. Returns 0 and fills
 * c; -ENOENT when there is no Hermes home there; -ENOMEM.
 */
int hermes_check_load(const char *root, const char *user_home, struct hermes_check *c);
void hermes_check_done(struct hermes_check *c);

/*
 * Reports every lifecycle command of c->cron for which want(command) holds, as
 * "cron job J (profile P) <runs> `COMMAND`, which <does> <what>: <why>", at the
 * prompt's line in jobs.json or the script's line, for the job's gateway unit.
 */
typedef bool (*hermes_lifecycle_filter)(const struct cron_command *cmd);
void hermes_report_lifecycle(const struct hermes_check *c, hermes_lifecycle_filter want, struct findings *out);
