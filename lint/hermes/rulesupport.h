/* SPDX-License-Identifier: MIT */
#pragma once

/* What the hermes-* rules share: reading the Hermes home of a run once per rule. */

#include "../rules.h"
#include "cron.h"
#include "profiles.h"

struct hermes_check {
        struct hermes_root *root;
        struct cron_report *cron;      /* NULL unless asked for */
        struct diag_list diags;        /* from reading .env files and jobs.json */
};

/*
 * Reads ctx->hermes_root (and, with cron, every profile's jobs). Returns 0 and
 * fills c; -ENOENT when the Hermes checks are off for this run or there is no
 * Hermes home; -ENOMEM. Rules report nothing on an error: a run without Hermes
 * is not a finding.
 */
int hermes_check_load(const struct lint_ctx *ctx, bool cron, struct hermes_check *c);
void hermes_check_done(struct hermes_check *c);

/* The unit of profile name in h: its own, or "hermes-gateway-<name>.service" for a
 * name that is no profile (yet). Returns buf. */
const char *hermes_unit_of(const struct hermes_root *h, const char *name, char buf[static 128]);

/*
 * Reports every lifecycle command of c->cron for which want(command) holds, as
 * "cron job J (profile P) <runs> `COMMAND`, which <does> <what>: <why>", at the
 * prompt's line in jobs.json or the script's line, for the job's gateway unit.
 */
typedef bool (*hermes_lifecycle_filter)(const struct cron_command *cmd);
void hermes_report_lifecycle(const struct hermes_check *c, hermes_lifecycle_filter want, struct findings *out);
