/* SPDX-License-Identifier: MIT */
#pragma once

/* What the live rules (HG030-HG034) share: which units to judge, where to point. */

#include "rules.h"
#include "ruleutil.h"

/* The linted unit called name, or NULL (a unit the manager runs but the search path lacks). */
const struct lint_unit *lint_unit_named(const struct lint_ctx *ctx, const char *name);

/*
 * Where a finding about live unit lu goes, so that code scanning keeps it: the
 * disk model's assignment of p (or its [section]) when the unit is on disk, else
 * the fragment the manager loaded, else the profile's home, else the file the unit
 * would be installed as. buf holds a path built here (free it).
 */
struct location live_where(const struct lint_ctx *ctx, const struct live_unit *lu, const struct provenance *p,
                           const char *section, char **buf);

/* Calls fn for every live unit the rules judge (not ignored), with out->unit and
 * out->profile set around it. */
typedef void (*live_unit_fn)(const struct lint_ctx *ctx, const struct live_unit *lu, struct findings *out);
void for_each_live_unit(const struct lint_ctx *ctx, live_unit_fn fn, struct findings *out);

/* How the live start limit ends a crash loop, in words for a message ("the start
 * limit never stops it: StartLimitIntervalSec=0") and a brief ("no start limit"). */
void live_start_limit_words(const struct live_unit *lu, char msg[static 256], char brief[static 64]);

/* Is the last exit the start limit's doing: failed with NRestarts at the burst
 * (systemd 252 keeps Result=exit-code then) or Result=start-limit-hit? */
bool live_hit_start_limit(const struct live_unit *lu);

/* "systemctl --user" or "systemctl" for the scope. */
const char *systemctl_for(const struct lint_ctx *ctx);
